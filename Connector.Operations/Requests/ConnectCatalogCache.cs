using System.Collections.Concurrent;
using Connector.Core.Descriptors;
using Connector.Core.Endpoints;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace Connector.Operations.Requests;

/// <summary>
/// The derived OpenAPI data of a descriptor and the input profiles built from it, loaded once per process and
/// shared by every operation.
/// </summary>
internal sealed class ConnectCatalogCache
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<ConnectCatalogCache>>> Caches = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<InputProfile?>>> _profiles = new(StringComparer.Ordinal);

    private ConnectCatalogCache(ApiCatalog api) => Api = api;

    public ApiCatalog Api { get; }

    public static Task<ConnectCatalogCache> GetAsync(ConnectorDescriptor descriptor, CancellationToken cancellationToken)
    {
        var path = descriptor.OpenApiPath
            ?? throw new InvalidOperationException($"The descriptor '{descriptor.Id}' names no derived OpenAPI data ('openApi').");
        var lazy = Caches.GetOrAdd(path, p => new Lazy<Task<ConnectCatalogCache>>(async () => new ConnectCatalogCache(await ApiCatalog.LoadAsync(p).ConfigureAwait(false))));
        return lazy.Value.WaitAsync(cancellationToken);
    }

    public ApiEndpoint? Endpoint(OperationDescriptor operation) => Api.Find(operation.Method, operation.Path);

    /// <summary>The input profile of a JSON (or JSON array: one element) body, or null when the endpoint documents none.</summary>
    public Task<InputProfile?> InputProfileAsync(ObjectTypeDescriptor objectType, OperationDescriptor operation, CancellationToken cancellationToken) =>
        _profiles.GetOrAdd(objectType.Id + " " + operation.Type, _ => new Lazy<Task<InputProfile?>>(() => BuildAsync(objectType, operation))).Value.WaitAsync(cancellationToken);

    private async Task<InputProfile?> BuildAsync(ObjectTypeDescriptor objectType, OperationDescriptor operation)
    {
        var schema = Endpoint(operation)?.Request?.Schema;
        if (schema is null)
        {
            return null;
        }

        var standalone = Api.BuildStandaloneSchema(schema);
        var json = await JsonSchema.FromJsonAsync(standalone.ToString()).ConfigureAwait(false);
        if (operation.Request.Body == Core.Descriptors.RequestBodyKind.JsonArray)
        {
            json = json.Item ?? json;
        }

        return new InputProfile(json, $"{objectType.Id} {operation.Type.ToDisplayName()}");
    }

    internal static JObject Standalone(ApiCatalog api, JObject schema) => api.BuildStandaloneSchema(schema);
}
