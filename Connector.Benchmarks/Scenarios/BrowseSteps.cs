using System.Diagnostics;
using Connector.Browse.Catalog;
using Connector.Browse.Profiles;
using Connector.Core.Browsing;
using Connector.Core.Descriptors;
using Connector.Core.Endpoints;
using Connector.Core.Operations;
using Connector.Operations;

namespace Connector.Benchmarks.Scenarios;

/// <summary>
/// The design-time steps the <c>browse</c> scenario times: the descriptor load, the derived OpenAPI data load, the
/// catalogue build (every matrix entry's INPUT and OUTPUT definitions, <see cref="ConnectCatalog"/>), and a browser's
/// first answer for one entry.
/// </summary>
internal static class BrowseSteps
{
    public const string DescriptorLoad = "descriptor_load_ms";
    public const string Catalogue = "catalogue_ms";
    public const string CatalogueBuild = "catalogue_build_ms";
    public const string ApiCatalogLoad = "api_catalog_load_ms";
    public const string CachedGet = "cached_get_ms";
    public const string Entries = "entries";
    public const string FirstAnswer = "first_answer_ms";
    public const string FirstSchemaLoad = "first_schema_load_ms";
    public const string ProfileChars = "profile_chars";
    public const string FreshDataBuild = "fresh_data_build_ms";

    /// <summary>The object type and operation the first answer is asked for: the largest profile pair of the matrix.</summary>
    public const string FirstAnswerObjectType = "request";

    /// <summary>See <see cref="FirstAnswerObjectType"/>.</summary>
    public const string FirstAnswerOperation = "GET";

    /// <summary>
    /// Cold, as the command line does it in a fresh process: load the descriptor (its schema validation remembered in
    /// the <paramref name="markers"/> of the user's cache folder once it passed), then get (load + build) its catalogue.
    /// </summary>
    public static async Task<Dictionary<string, double>> RunColdAsync(IDescriptorValidationCache? markers, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var descriptor = await DescriptorLoader.LoadAsync(ConnectConnector.DefaultDescriptorPath, markers, cancellationToken).ConfigureAwait(false);
        var descriptorMs = watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        var catalogue = await new CatalogStore(descriptor).GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        var profileChars = WriteEveryProfile(catalogue);
        var catalogueMs = watch.Elapsed.TotalMilliseconds;
        return new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [DescriptorLoad] = descriptorMs,
            [Catalogue] = catalogueMs,
            [CatalogueBuild] = catalogue.BuildDuration.TotalMilliseconds,
            [ProfileChars] = profileChars,
            [Entries] = CountEntries(descriptor, catalogue),
        };
    }

    /// <summary>
    /// Cold, as a designer does it in a fresh process: load the descriptor (see <see cref="RunColdAsync"/>), create the
    /// connector's catalogue store, get its browser and ask it for one object type's profiles (only that entry is
    /// built; the answer is the profiles' JSON text). Then, timed apart, what a first validation adds: loading that
    /// entry's OUTPUT profile into NJsonSchema.
    /// </summary>
    public static async Task<Dictionary<string, double>> RunFirstAnswerAsync(IDescriptorValidationCache? markers, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var descriptor = await DescriptorLoader.LoadAsync(ConnectConnector.DefaultDescriptorPath, markers, cancellationToken).ConfigureAwait(false);
        var descriptorMs = watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        var browser = await new CatalogStore(descriptor).GetBrowserAsync(cancellationToken).ConfigureAwait(false);
        var definitions = browser.GetObjectDefinitions(FirstAnswerObjectType, OperationType.TryParse(FirstAnswerOperation, out var operation) ? operation : OperationType.Get);
        var answerMs = watch.Elapsed.TotalMilliseconds;
        if (definitions.Count != 2 || definitions.Any(d => d.ContentType == DefinitionContentType.Json && d.ProfileJson is null))
        {
            throw new InvalidOperationException($"the browser answered {definitions.Count} definitions for {FirstAnswerObjectType} {FirstAnswerOperation}");
        }

        watch.Restart();
        var schema = definitions[1].Schema ?? throw new InvalidOperationException($"the OUTPUT of {FirstAnswerObjectType} {FirstAnswerOperation} has no schema");
        var schemaMs = watch.Elapsed.TotalMilliseconds;
        GC.KeepAlive(schema);
        return new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [DescriptorLoad] = descriptorMs,
            [FirstAnswer] = answerMs,
            [FirstSchemaLoad] = schemaMs,
            [Entries] = 1,
        };
    }

    /// <summary>
    /// The derived data as a connector's <see cref="CatalogStore"/> holds it once loaded: the parsed file and the
    /// profile writer with its shared definitions serialized and the profile texts it joined (<see cref="RunWarmAsync"/>
    /// rebuilds from it).
    /// </summary>
    public static async Task<ProfileJsonWriter> LoadDataAsync(CancellationToken cancellationToken)
    {
        var descriptor = await DescriptorLoader.LoadAsync(ConnectConnector.DefaultDescriptorPath, cancellationToken).ConfigureAwait(false);
        var loaded = new ProfileJsonWriter(await ApiCatalog.LoadAsync(descriptor.OpenApiPath!, cancellationToken).ConfigureAwait(false));
        WriteEveryProfile(await ConnectCatalog.BuildAsync(descriptor, loaded, cancellationToken).ConfigureAwait(false));
        return loaded;
    }

    /// <summary>
    /// Warm (the process has done it all once): the descriptor loaded again, then the catalogue rebuilt from the
    /// <paramref name="loaded"/> data (new entries, every profile's root text written again and its text read, a text
    /// equal in content to one the writer joined before being that text); timed apart for the notes: loading the
    /// derived data again, and a build from that freshly loaded data (its shared definitions serialized and every
    /// profile text joined anew).
    /// </summary>
    public static async Task<Dictionary<string, double>> RunWarmAsync(ProfileJsonWriter loaded, CancellationToken cancellationToken)
    {
        var descriptor = await DescriptorLoader.LoadAsync(ConnectConnector.DefaultDescriptorPath, cancellationToken).ConfigureAwait(false);
        var watch = Stopwatch.StartNew();
        var api = await ApiCatalog.LoadAsync(descriptor.OpenApiPath!, cancellationToken).ConfigureAwait(false);
        var apiMs = watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        WriteEveryProfile(await ConnectCatalog.BuildAsync(descriptor, api, cancellationToken).ConfigureAwait(false));
        var freshBuildMs = watch.Elapsed.TotalMilliseconds;
        var store = new CatalogStore(descriptor);
        await store.GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        watch.Restart();
        var cached = await store.GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        var cachedMs = watch.Elapsed.TotalMilliseconds;
        GC.KeepAlive(cached);

        // The steps above leave a whole derived data and two catalogues behind: collected before the timed rebuild,
        // as between the rounds of any benchmark, so it does not pay for what it did not make.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        watch.Restart();
        descriptor = await DescriptorLoader.LoadAsync(ConnectConnector.DefaultDescriptorPath, cancellationToken).ConfigureAwait(false);
        var descriptorMs = watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        var catalogue = await ConnectCatalog.BuildAsync(descriptor, loaded, cancellationToken).ConfigureAwait(false);
        var profileChars = WriteEveryProfile(catalogue);
        var buildMs = watch.Elapsed.TotalMilliseconds;
        return new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [DescriptorLoad] = descriptorMs,
            [ApiCatalogLoad] = apiMs,
            [CatalogueBuild] = buildMs,
            [FreshDataBuild] = freshBuildMs,
            [CachedGet] = cachedMs,
            [ProfileChars] = profileChars,
            [Entries] = CountEntries(descriptor, catalogue),
        };
    }

    /// <summary>
    /// Reads every entry's INPUT and OUTPUT profile text, as a designer listing them all does: the catalogue writes a
    /// profile's text when first read, so a build that is timed without this would leave most of the work out.
    /// </summary>
    /// <returns>The characters of all profiles together (reported, so the work cannot be skipped).</returns>
    private static long WriteEveryProfile(ConnectCatalog catalogue) =>
        catalogue.Entries.Sum(e => (long)(e.Input.ProfileJson?.Length ?? 0) + (e.Output.ProfileJson?.Length ?? 0));

    /// <summary>Checks the catalogue covers every operation of the descriptor with both roles, and returns how many entries it has.</summary>
    private static int CountEntries(ConnectorDescriptor descriptor, ConnectCatalog catalogue)
    {
        var expected = descriptor.ObjectTypes.Sum(o => o.Operations.Count);
        if (catalogue.Entries.Count != expected || catalogue.Entries.Any(e => e.Input is null || e.Output is null))
        {
            throw new InvalidOperationException($"the catalogue has {catalogue.Entries.Count} entries, {expected} were expected, each with INPUT and OUTPUT");
        }

        return catalogue.Entries.Count;
    }
}
