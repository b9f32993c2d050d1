using System.Collections.Concurrent;
using Connector.Browse.Browsing;
using Connector.Browse.Profiles;
using Connector.Core.Browsing;
using Connector.Core.Descriptors;
using Connector.Core.Endpoints;
using Connector.Core.Operations;
using NJsonSchema;

namespace Connector.Browse.Catalog;

/// <summary>
/// The design-time state of one connector instance: the derived OpenAPI data its descriptor names (with the
/// <see cref="ProfileJsonWriter"/> that serializes each shared definition once for every profile), the catalogue
/// built from both, and the compiled INPUT schemas operations validate bodies with. The connector creates one for
/// its descriptor and keeps it for its lifetime (a DI singleton per descriptor), so nothing is shared between
/// descriptors: two descriptors naming the same derived file each see their own object types and labels. Each part
/// is loaded on first use and then served from memory; a failed load is not kept, the next call tries again.
/// Safe to use concurrently.
/// </summary>
public sealed class CatalogStore
{
    private readonly RetryingLoad<ProfileJsonWriter> _profiles;
    private readonly RetryingLoad<ConnectCatalog> _catalog;
    private readonly ConcurrentDictionary<(string ObjectType, OperationType Operation), RetryingLoad<JsonSchema?>> _inputSchemas = new();
    private readonly ConcurrentDictionary<(string ObjectType, OperationType Operation), Lazy<ConnectCatalogEntry>> _entries = new();

    /// <summary>Creates the (empty) store of a descriptor; nothing is read until asked for.</summary>
    /// <param name="descriptor">The descriptor; its <see cref="ConnectorDescriptor.OpenApiPath"/> names the derived data.</param>
    public CatalogStore(ConnectorDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        Descriptor = descriptor;
        _profiles = new RetryingLoad<ProfileJsonWriter>(async () =>
            new ProfileJsonWriter(await ApiCatalog.LoadAsync(DerivedDataPath(), CancellationToken.None).ConfigureAwait(false)));
        _catalog = new RetryingLoad<ConnectCatalog>(async () =>
            await ConnectCatalog.BuildAsync(Descriptor, await _profiles.GetAsync(CancellationToken.None).ConfigureAwait(false), CancellationToken.None).ConfigureAwait(false));
    }

    /// <summary>The descriptor the store serves.</summary>
    public ConnectorDescriptor Descriptor { get; }

    /// <summary>The derived OpenAPI data (endpoints, documented filters, schemas), read on first use.</summary>
    /// <param name="cancellationToken">Stops waiting (the load goes on for other callers).</param>
    /// <returns>The same catalog on every call once loaded; a failed load is retried by the next call.</returns>
    /// <exception cref="InvalidOperationException">The descriptor names no derived OpenAPI data.</exception>
    /// <exception cref="FormatException">The file is not derived OpenAPI data.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public async Task<ApiCatalog> GetApiAsync(CancellationToken cancellationToken = default) =>
        (await _profiles.GetAsync(cancellationToken).ConfigureAwait(false)).Api;

    /// <summary>The whole catalogue (every object type × operation with both profiles), built on first use.</summary>
    /// <param name="cancellationToken">Stops waiting (the build goes on for other callers).</param>
    /// <returns>The same catalogue on every call once built.</returns>
    /// <exception cref="InvalidOperationException">The descriptor names no derived OpenAPI data.</exception>
    /// <exception cref="FormatException">The derived data does not match the descriptor or is malformed.</exception>
    public Task<ConnectCatalog> GetCatalogAsync(CancellationToken cancellationToken = default) => _catalog.GetAsync(cancellationToken);

    /// <summary>
    /// A browser that answers at once from the descriptor and the derived data, and builds the profiles of an entry
    /// the first time they are asked for (then keeps them): a designer's first answer never waits for the whole
    /// catalogue. Once the whole catalogue is built, its entries serve.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting for the derived data (the load goes on for other callers).</param>
    /// <returns>A new browser over the loaded data; its entries are shared with every other browser of this store.</returns>
    /// <exception cref="InvalidOperationException">The descriptor names no derived OpenAPI data.</exception>
    /// <exception cref="FormatException">The file is not derived OpenAPI data.</exception>
    public async Task<IBrowser> GetBrowserAsync(CancellationToken cancellationToken = default)
    {
        var profiles = await _profiles.GetAsync(cancellationToken).ConfigureAwait(false);
        return new ConnectBrowser(Descriptor, profiles.Api, (objectType, operation) => EntryOf(objectType, operation, profiles));
    }

    /// <summary>
    /// The INPUT profile schema of one entry, built alone (the same rules as the catalogue's INPUT definition), so an
    /// operation never waits for the whole catalogue. For a JSON array body it is the schema of one element; null
    /// when the entry takes no JSON body.
    /// </summary>
    /// <param name="objectType">An object type of this store's descriptor; the built schema is cached under its id, whatever instance is passed.</param>
    /// <param name="operation">An operation of <paramref name="objectType"/>; the schema is built once per object type id and operation type, then shared.</param>
    /// <param name="cancellationToken">Stops waiting (the build goes on for other callers).</param>
    /// <returns>The shared schema (read it, never change it), or null when the operation takes no JSON body.</returns>
    /// <exception cref="FormatException">The derived data has no endpoint for the entry, or its schema is malformed.</exception>
    public Task<JsonSchema?> GetInputSchemaAsync(ObjectTypeDescriptor objectType, OperationDescriptor operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objectType);
        ArgumentNullException.ThrowIfNull(operation);
        var load = _inputSchemas.GetOrAdd((objectType.Id, operation.Type), _ => new RetryingLoad<JsonSchema?>(async () =>
        {
            var profiles = await _profiles.GetAsync(CancellationToken.None).ConfigureAwait(false);
            var json = CatalogBuilder.InputProfileJson(objectType, operation, profiles);
            return json is null ? null : await JsonSchema.FromJsonAsync(json).ConfigureAwait(false);
        }));
        return load.GetAsync(cancellationToken);
    }

    /// <summary>One entry for the browser: from the whole catalogue when built, else built alone once (a failed build is retried).</summary>
    private ConnectCatalogEntry EntryOf(ObjectTypeDescriptor objectType, OperationDescriptor operation, ProfileJsonWriter profiles)
    {
        if (_catalog.TryGetLoaded(out var catalog))
        {
            return catalog.GetEntry(objectType.Id, operation.Type);
        }

        // The entry's profiles are JSON text, spliced from the definitions the store's writer serialized once; their
        // NJsonSchema objects are loaded when first read.
        var entry = _entries.GetOrAdd(
            (objectType.Id, operation.Type),
            _ => new Lazy<ConnectCatalogEntry>(() => CatalogBuilder.BuildEntry(objectType, operation, profiles), LazyThreadSafetyMode.PublicationOnly));
        return entry.Value;
    }

    private string DerivedDataPath() => Descriptor.OpenApiPath
        ?? throw new InvalidOperationException($"The descriptor '{Descriptor.Id}' names no derived OpenAPI data ('openApi'), so it cannot be browsed.");
}
