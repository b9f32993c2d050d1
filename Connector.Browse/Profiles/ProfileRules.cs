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
    public static ProfilePlan Input(OperationDescriptor operation, ApiEndpoint endpoint, JObject definitions)
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
    public static ProfilePlan Output(ObjectTypeDescriptor objectType, OperationDescriptor operation, ApiEndpoint endpoint, ApiCatalog api)
    {
        var response = operation.Response;
        if (response.Body == ResponseBodyKind.Binary)
        {
            return ProfilePlan.Binary;
        }

        if (response.Body == ResponseBodyKind.Empty)
        {
            return response.Reread ? ProfilePlan.Json(ObjectSchema(objectType, api) ?? Undocumented(endpoint)) : ProfilePlan.None;
        }

        var documented = ResponseSchema(endpoint, response.Status);
        if (response.IsList || response.PerRecordStatus)
        {
            var what = $"The {response.Status} response of {endpoint.Key}";
            return ProfilePlan.Json(SchemaShape.ItemsOf(documented ?? throw new FormatException(what + " has no schema."), api.Definitions, what));
        }

        return ProfilePlan.Json(SchemaShape.IsUndocumented(documented) ? ObjectSchema(objectType, api) ?? Undocumented(endpoint) : documented!);
    }

    /// <summary>The object as the object type's GET returns it, else as its QUERY lists it, else null.</summary>
    private static JObject? ObjectSchema(ObjectTypeDescriptor objectType, ApiCatalog api)
    {
        if (Endpoint(objectType, OperationType.Get, api) is { } get && ResponseSchema(get, 200) is { } read && !SchemaShape.IsUndocumented(read))
        {
            return read;
        }

        if (Endpoint(objectType, OperationType.Query, api) is { } query && ResponseSchema(query, 200) is { } list && !SchemaShape.IsUndocumented(list))
        {
            return SchemaShape.ItemsOf(list, api.Definitions, $"The response of {query.Key}");
        }

        return null;
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
