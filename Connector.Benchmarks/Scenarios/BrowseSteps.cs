using System.Diagnostics;
using Connector.Browse.Catalog;
using Connector.Core.Descriptors;
using Connector.Core.Endpoints;
using Connector.Operations;

namespace Connector.Benchmarks.Scenarios;

/// <summary>
/// The design-time steps the <c>browse</c> scenario times: the descriptor load, the derived OpenAPI data load, and
/// the catalogue build (every matrix entry's INPUT and OUTPUT definitions, <see cref="ConnectCatalog"/>).
/// </summary>
internal static class BrowseSteps
{
    public const string DescriptorLoad = "descriptor_load_ms";
    public const string Catalogue = "catalogue_ms";
    public const string CatalogueBuild = "catalogue_build_ms";
    public const string ApiCatalogLoad = "api_catalog_load_ms";
    public const string CachedGet = "cached_get_ms";
    public const string Entries = "entries";

    /// <summary>Cold, as a runtime does it in a fresh process: load the descriptor, then get (load + build) its catalogue.</summary>
    public static async Task<Dictionary<string, double>> RunColdAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var descriptor = await DescriptorLoader.LoadAsync(ConnectConnector.DefaultDescriptorPath, cancellationToken).ConfigureAwait(false);
        var descriptorMs = watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        var catalogue = await new CatalogStore(descriptor).GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        var catalogueMs = watch.Elapsed.TotalMilliseconds;
        return new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [DescriptorLoad] = descriptorMs,
            [Catalogue] = catalogueMs,
            [CatalogueBuild] = catalogue.BuildDuration.TotalMilliseconds,
            [Entries] = CountEntries(descriptor, catalogue),
        };
    }

    /// <summary>Warm (the process has done it all once): each step again, the catalogue rebuilt from already loaded data.</summary>
    public static async Task<Dictionary<string, double>> RunWarmAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var descriptor = await DescriptorLoader.LoadAsync(ConnectConnector.DefaultDescriptorPath, cancellationToken).ConfigureAwait(false);
        var descriptorMs = watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        var api = await ApiCatalog.LoadAsync(descriptor.OpenApiPath!, cancellationToken).ConfigureAwait(false);
        var apiMs = watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        var catalogue = await ConnectCatalog.BuildAsync(descriptor, api, cancellationToken).ConfigureAwait(false);
        var buildMs = watch.Elapsed.TotalMilliseconds;
        var store = new CatalogStore(descriptor);
        await store.GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        watch.Restart();
        var cached = await store.GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        var cachedMs = watch.Elapsed.TotalMilliseconds;
        GC.KeepAlive(cached);
        return new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [DescriptorLoad] = descriptorMs,
            [ApiCatalogLoad] = apiMs,
            [CatalogueBuild] = buildMs,
            [CachedGet] = cachedMs,
            [Entries] = CountEntries(descriptor, catalogue),
        };
    }

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
