namespace Connector.Core.Endpoints;

/// <summary>An endpoint of the API as derived from its OpenAPI document.</summary>
/// <param name="Method">The HTTP method in upper case, as <see cref="Key"/> and <see cref="ApiCatalog.Find"/> expect it.</param>
/// <param name="Path">The path template as the descriptor spells it.</param>
/// <param name="OpenApiPath">The path template as the OpenAPI document spells it.</param>
/// <param name="OperationId">The document's operation id.</param>
/// <param name="Summary">The document's summary or description.</param>
/// <param name="Request">The request body, or null.</param>
/// <param name="Responses">The documented success responses.</param>
/// <param name="Filters">The documented filters (list endpoints).</param>
/// <param name="Paged">Whether the endpoint pages with limit and offset.</param>
public sealed record ApiEndpoint(
    string Method,
    string Path,
    string OpenApiPath,
    string? OperationId,
    string? Summary,
    ApiRequestBody? Request,
    IReadOnlyList<ApiResponseBody> Responses,
    IReadOnlyList<ApiFilter> Filters,
    bool Paged)
{
    /// <summary>The endpoint key, <c>METHOD /path</c>.</summary>
    public string Key => Method + " " + Path;

    /// <summary>Finds a documented filter by field name.</summary>
    /// <param name="name">The dotted field name.</param>
    /// <returns>The filter, or null.</returns>
    public ApiFilter? FindFilter(string name) => Filters.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal));
}
