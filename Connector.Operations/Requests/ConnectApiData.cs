using Connector.Browse.Catalog;
using Connector.Core.Descriptors;
using Connector.Core.Endpoints;

namespace Connector.Operations.Requests;

/// <summary>
/// What outbound and query operations need from the derived OpenAPI data: endpoints (documented filters) and input
/// profiles. Both come from the connector's <see cref="CatalogStore"/>, shared with its browser, so nothing is
/// loaded twice and an operation never waits for the whole catalogue.
/// </summary>
internal sealed class ConnectApiData
{
    private readonly CatalogStore _store;

    private ConnectApiData(CatalogStore store, ApiCatalog api)
    {
        _store = store;
        Api = api;
    }

    public ApiCatalog Api { get; }

    public static async Task<ConnectApiData> GetAsync(CatalogStore store, CancellationToken cancellationToken) =>
        new(store, await store.GetApiAsync(cancellationToken).ConfigureAwait(false));

    public ApiEndpoint? Endpoint(OperationDescriptor operation) => Api.Find(operation.Method, operation.Path);

    /// <summary>The input profile of a JSON body (for a JSON array body: one element), or null when the endpoint documents none.</summary>
    public async Task<InputProfile?> InputProfileAsync(ObjectTypeDescriptor objectType, OperationDescriptor operation, CancellationToken cancellationToken)
    {
        var schema = await _store.GetInputSchemaAsync(objectType, operation, cancellationToken).ConfigureAwait(false);
        return schema is null ? null : new InputProfile(schema, $"{objectType.Id} {operation.Type.ToDisplayName()}");
    }
}
