using System.Collections.Concurrent;
using Connector.Browse.Browsing;
using Connector.Core.Browsing;
using Connector.Core.Contexts;
using Connector.Core.Descriptors;
using Connector.Core.Endpoints;
using Connector.Core.Operations;
using NJsonSchema;

namespace Connector.Browse.Catalog;

/// <summary>
/// The design-time catalogue of a connector: for every object type × operation of the descriptor, the derived
/// endpoint and the INPUT and OUTPUT profiles (content type and self-contained JSON schema), all computed once
/// per process per derived data file (see <see cref="GetAsync"/>) so browsing and validation are served from memory.
/// </summary>
public sealed class ConnectCatalog
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<ConnectCatalog>>> Cache = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Lazy<Task<JsonSchema?>>> InputSchemas = new(StringComparer.Ordinal);
    private readonly Dictionary<(string ObjectType, OperationType Operation), ConnectCatalogEntry> _entries;

    private ConnectCatalog(ConnectorDescriptor descriptor, ApiCatalog api, IReadOnlyList<ConnectCatalogEntry> entries, TimeSpan buildDuration)
    {
        Descriptor = descriptor;
        Api = api;
        Entries = entries;
        BuildDuration = buildDuration;
        _entries = entries.ToDictionary(e => (e.ObjectType.Id, e.Operation.Type));
        Browser = new ConnectBrowser(this);
    }

    /// <summary>The descriptor the catalogue was built from.</summary>
    public ConnectorDescriptor Descriptor { get; }

    /// <summary>The derived OpenAPI data.</summary>
    public ApiCatalog Api { get; }

    /// <summary>Every entry, in descriptor order (object types, then their operations).</summary>
    public IReadOnlyList<ConnectCatalogEntry> Entries { get; }

    /// <summary>How long building the entries took (after loading the data).</summary>
    public TimeSpan BuildDuration { get; }

    /// <summary>The browser over this catalogue (object types, profiles, operation fields, filterable fields).</summary>
    public IBrowser Browser { get; }

    /// <summary>
    /// Returns the catalogue of a descriptor, building it on first use: one per process per derived data file
    /// (<see cref="ConnectorDescriptor.OpenApiPath"/>). Safe to call concurrently; a failed build is not cached.
    /// </summary>
    /// <param name="descriptor">The descriptor (it must name its derived OpenAPI data).</param>
    /// <param name="cancellationToken">Stops waiting (the shared build itself continues for other callers).</param>
    /// <returns>The catalogue.</returns>
    /// <exception cref="InvalidOperationException">The descriptor names no derived OpenAPI data.</exception>
    /// <exception cref="FormatException">The derived data does not match the descriptor or is malformed.</exception>
    public static async Task<ConnectCatalog> GetAsync(ConnectorDescriptor descriptor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var path = descriptor.OpenApiPath
            ?? throw new InvalidOperationException($"The descriptor '{descriptor.Id}' names no derived OpenAPI data ('openApi'), so it cannot be browsed.");
        var build = Cache.GetOrAdd(path, static (p, d) => new Lazy<Task<ConnectCatalog>>(() => LoadAsync(d, p)), descriptor);
        try
        {
            return await build.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch when (build.Value.IsFaulted)
        {
            Cache.TryRemove(KeyValuePair.Create(path, build));
            throw;
        }
    }

    /// <summary>Finds the entry of an object type's operation.</summary>
    /// <param name="objectTypeId">The object type id (case-insensitive).</param>
    /// <param name="operation">The operation type.</param>
    /// <returns>The entry.</returns>
    /// <exception cref="UnknownOperationException">The object type or operation is not declared; the message lists the valid ones.</exception>
    public ConnectCatalogEntry GetEntry(string objectTypeId, OperationType operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var objectType = OperationContext.ResolveObjectType(Descriptor, objectTypeId);
        var resolved = OperationContext.ResolveOperation(objectType, operation.ToString());
        return _entries[(objectType.Id, resolved.Type)];
    }

    /// <summary>Builds a catalogue without the process cache (tests with hand-made data).</summary>
    /// <summary>
    /// The INPUT profile schema of one entry, built alone (same rules as the catalogue's INPUT definition) and cached
    /// per process: what outbound operations project documents onto and validate bodies with, without building the
    /// whole catalogue. For a JSON array body it is the schema of one element. Null when the entry takes no JSON body.
    /// </summary>
    /// <param name="descriptor">The descriptor.</param>
    /// <param name="objectType">The object type.</param>
    /// <param name="operation">The operation.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The schema, or null.</returns>
    public static Task<JsonSchema?> GetInputSchemaAsync(ConnectorDescriptor descriptor, ObjectTypeDescriptor objectType, OperationDescriptor operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(objectType);
        ArgumentNullException.ThrowIfNull(operation);
        var path = descriptor.OpenApiPath
            ?? throw new InvalidOperationException($"The descriptor '{descriptor.Id}' names no derived OpenAPI data ('openApi').");
        var key = path + "|" + objectType.Id + "|" + operation.Type;
        return InputSchemas.GetOrAdd(key, _ => new Lazy<Task<JsonSchema?>>(async () =>
        {
            var api = await ApiCatalog.GetSharedAsync(path, CancellationToken.None).ConfigureAwait(false);
            var json = CatalogBuilder.InputSchemaJson(objectType, operation, api);
            return json is null ? null : await JsonSchema.FromJsonAsync(json.ToString(Newtonsoft.Json.Formatting.None)).ConfigureAwait(false);
        })).Value.WaitAsync(cancellationToken);
    }

    internal static async Task<ConnectCatalog> BuildAsync(ConnectorDescriptor descriptor, ApiCatalog api, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        var entries = await CatalogBuilder.BuildEntriesAsync(descriptor, api, cancellationToken).ConfigureAwait(false);
        return new ConnectCatalog(descriptor, api, entries, TimeProvider.System.GetElapsedTime(started));
    }

    private static async Task<ConnectCatalog> LoadAsync(ConnectorDescriptor descriptor, string path)
    {
        // The shared build is not tied to the first caller's token: a cancelled caller must not poison the cache.
        var api = await ApiCatalog.GetSharedAsync(path, CancellationToken.None).ConfigureAwait(false);
        return await BuildAsync(descriptor, api, CancellationToken.None).ConfigureAwait(false);
    }
}
