using Connector.Core.Descriptors;
using Connector.Core.Endpoints;
using Connector.Core.Operations;
using Newtonsoft.Json.Linq;

namespace Connector.Browse.Profiles;

/// <summary>
/// Decides, from the descriptor's request and response kinds and the derived endpoint, what each role of an
/// operation is. INPUT is one input document; OUTPUT is one output document.
/// </summary>
internal static class ProfileRules
{
    /// <summary>
    /// INPUT: <c>json</c> bodies are the request schema; <c>jsonArray</c> bodies (bulk) are ONE element of the array,
    /// since each input document is one record; <c>multipart</c> bodies are BINARY (the document is the file);
    /// body-less operations (GET, QUERY, DELETE, most actions) are NONE.
    /// </summary>
    public static ProfilePlan Input(OperationDescriptor operation, ApiEndpoint endpoint, SchemaDefinitions definitions)
    {
        var what = $"The request body of {endpoint.Key}";
        return operation.Request.Body switch
        {
            RequestBodyKind.None => ProfilePlan.None,
            RequestBodyKind.Multipart => ProfilePlan.Binary,
            RequestBodyKind.Json => ProfilePlan.Json(RequestSchema(endpoint, what)),
            RequestBodyKind.JsonArray => ProfilePlan.Json(SchemaShape.ItemsOf(RequestSchema(endpoint, what), definitions, what)),
            _ => throw new FormatException($"Unknown request body kind {operation.Request.Body} of {endpoint.Key}."),
        };
    }

    /// <summary>
    /// OUTPUT: BINARY for downloads; for empty (204) answers the object as GET returns it when the operation re-reads
    /// it (<c>reread</c>), else NONE; ONE record (the array's items) for lists and per-record status answers; else the
    /// documented response, or the object as GET returns it when the document leaves the response undescribed
    /// (<c>schema: {}</c>, e.g. <c>POST /requests</c>).
    /// </summary>
    /// <param name="objectType">Whose GET and QUERY shapes an undocumented or object-carrying answer takes.</param>
    /// <param name="operation">Its response kind decides BINARY, NONE, one record or the documented answer.</param>
    /// <param name="endpoint">The derived endpoint whose documented response is read.</param>
    /// <param name="api">Where the object type's other endpoints and the shared definitions are found.</param>
    /// <param name="union">Unions shapes (<see cref="ObjectShapes.Union"/>; a caller may remember results), or null for <see cref="ObjectShapes.Union"/> itself.</param>
    public static ProfilePlan Output(ObjectTypeDescriptor objectType, OperationDescriptor operation, ApiEndpoint endpoint, ApiCatalog api, Func<IReadOnlyList<JObject>, JObject?>? union = null)
    {
        union ??= shapes => ObjectShapes.Union(shapes, api.Definitions);
        var response = operation.Response;
        if (response.Body == ResponseBodyKind.Binary)
        {
            return ProfilePlan.Binary;
        }

        var variants = ObjectVariants(objectType, api);
        if (response.Body == ResponseBodyKind.Empty)
        {
            return response.Reread ? ProfilePlan.Json(union(variants) ?? Undocumented(endpoint)) : ProfilePlan.None;
        }

        var documented = ResponseSchema(endpoint, response.Status);
        var what = $"The {response.Status} response of {endpoint.Key}";
        if (response.PerRecordStatus)
        {
            return ProfilePlan.Json(SchemaShape.ItemsOf(documented ?? throw new FormatException(what + " has no schema."), api.Definitions, what));
        }

        var answer = response.IsList
            ? SchemaShape.ItemsOf(documented ?? throw new FormatException(what + " has no schema."), api.Definitions, what)
            : documented;
        if (SchemaShape.IsUndocumented(answer))
        {
            return ProfilePlan.Json(union(variants) ?? Undocumented(endpoint));
        }

        // An answer that is the object (CREATE and UPDATE answer it; an action's answer is the object when it carries
        // the object's id) accepts every documented shape of that object:
        // the document describes one object differently per endpoint (usage file vendor: a string in the 201, an
        // object in GET; tier config request params: an array in the 201, a string in GET), real answers follow GET.
        return operation.Type.Kind is OperationKind.Create or OperationKind.Update || ObjectShapes.HasProperty(answer!, objectType.IdProperty, api.Definitions)
            ? ProfilePlan.Json(union([answer!, .. variants])!)
            : ProfilePlan.Json(answer!);
    }

    /// <summary>The object as the object type's GET returns it and as its QUERY lists it (documented shapes only).</summary>
    private static List<JObject> ObjectVariants(ObjectTypeDescriptor objectType, ApiCatalog api)
    {
        var variants = new List<JObject>();
        if (Endpoint(objectType, OperationType.Get, api) is { } get && ResponseSchema(get, 200) is { } read && !SchemaShape.IsUndocumented(read))
        {
            variants.Add(read);
        }

        if (Endpoint(objectType, OperationType.Query, api) is { } query && ResponseSchema(query, 200) is { } list && !SchemaShape.IsUndocumented(list))
        {
            variants.Add(SchemaShape.ItemsOf(list, api.Definitions, $"The response of {query.Key}"));
        }

        return variants;
    }

    private static ApiEndpoint? Endpoint(ObjectTypeDescriptor objectType, OperationType type, ApiCatalog api) =>
        objectType.FindOperation(type) is { } operation ? api.Find(operation.Method, operation.Path) : null;

    private static JObject? ResponseSchema(ApiEndpoint endpoint, int status) =>
        (endpoint.Responses.FirstOrDefault(r => r.Status == status) ?? endpoint.Responses.FirstOrDefault(r => r.Schema is not null))?.Schema;

    private static JObject RequestSchema(ApiEndpoint endpoint, string what) =>
        endpoint.Request?.Schema ?? throw new FormatException(what + " has no schema, but the descriptor sends a JSON body.");

    private static JObject Undocumented(ApiEndpoint endpoint) =>
        new() { ["description"] = $"{endpoint.Key}: the API document does not describe this answer." };
}
