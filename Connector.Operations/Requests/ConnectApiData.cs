using Connector.Browse.Catalog;
using Connector.Core.Descriptors;
using Connector.Core.Endpoints;

namespace Connector.Operations.Requests;

/// <summary>
/// What outbound and query operations need from the derived OpenAPI data: endpoints (documented filters) and input
/// profiles. Both come from the connector's <see cref="CatalogStore"/>, shared with its browser, so nothing is
/// loaded twice and an operation never waits for the whole catalogue; the input profiles come from an
/// <see cref="InputProfileCache"/>, the connector's when the operation factory passes it.
/// </summary>
internal sealed class ConnectApiData
{
    private readonly CatalogStore _store;
    private readonly InputProfileCache _profiles;

    private ConnectApiData(CatalogStore store, ApiCatalog api, InputProfileCache profiles)
    {
        _store = store;
        Api = api;
        _profiles = profiles;
    }

    public ApiCatalog Api { get; }

    /// <summary>The data of <paramref name="store"/>, with input profiles of its own (nothing learnt is shared with other instances).</summary>
    public static Task<ConnectApiData> GetAsync(CatalogStore store, CancellationToken cancellationToken) =>
        GetAsync(store, new InputProfileCache(), cancellationToken);

    /// <summary>The data of <paramref name="store"/>, whose input profiles come from (and stay in) <paramref name="profiles"/>.</summary>
    public static async Task<ConnectApiData> GetAsync(CatalogStore store, InputProfileCache profiles, CancellationToken cancellationToken) =>
        new(store, await store.GetApiAsync(cancellationToken).ConfigureAwait(false), profiles);

    public ApiEndpoint? Endpoint(OperationDescriptor operation) => Api.Find(operation.Method, operation.Path);

    /// <summary>The input profile of a JSON body (for a JSON array body: one element), or null when the endpoint documents none; the same instance each time for an entry.</summary>
    public async Task<InputProfile?> InputProfileAsync(ObjectTypeDescriptor objectType, OperationDescriptor operation, CancellationToken cancellationToken)
    {
        var schema = await _store.GetInputSchemaAsync(objectType, operation, cancellationToken).ConfigureAwait(false);
        return schema is null ? null : _profiles.GetOrAdd(schema, $"{objectType.Id} {operation.Type.ToDisplayName()}");
    }
}
