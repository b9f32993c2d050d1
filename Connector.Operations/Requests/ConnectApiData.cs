using Connector.Browse.Catalog;
using Connector.Core.Descriptors;
using Connector.Core.Endpoints;

namespace Connector.Operations.Requests;

/// <summary>
/// What outbound and query operations need from the derived OpenAPI data: endpoints (documented filters) and input
/// profiles. Both come from process-wide caches shared with the browser (<see cref="ApiCatalog.GetSharedAsync"/>,
/// <see cref="ConnectCatalog.GetInputSchemaAsync"/>), so nothing is loaded twice and an operation never waits for the
/// whole catalogue. It holds no state of its own: the data is loaded (once) by the Browse caches it reads.
/// </summary>
internal sealed class ConnectApiData
{
    private readonly ConnectorDescriptor _descriptor;

    private ConnectApiData(ConnectorDescriptor descriptor, ApiCatalog api)
    {
        _descriptor = descriptor;
        Api = api;
    }

    public ApiCatalog Api { get; }

    public static async Task<ConnectApiData> GetAsync(ConnectorDescriptor descriptor, CancellationToken cancellationToken)
    {
        var path = descriptor.OpenApiPath
            ?? throw new InvalidOperationException($"The descriptor '{descriptor.Id}' names no derived OpenAPI data ('openApi').");
        return new ConnectApiData(descriptor, await ApiCatalog.GetSharedAsync(path, cancellationToken).ConfigureAwait(false));
    }

    public ApiEndpoint? Endpoint(OperationDescriptor operation) => Api.Find(operation.Method, operation.Path);

    /// <summary>The input profile of a JSON body (for a JSON array body: one element), or null when the endpoint documents none.</summary>
    public async Task<InputProfile?> InputProfileAsync(ObjectTypeDescriptor objectType, OperationDescriptor operation, CancellationToken cancellationToken)
    {
        var schema = await ConnectCatalog.GetInputSchemaAsync(_descriptor, objectType, operation, cancellationToken).ConfigureAwait(false);
        return schema is null ? null : new InputProfile(schema, $"{objectType.Id} {operation.Type.ToDisplayName()}");
    }
}
