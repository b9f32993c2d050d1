namespace Connector.Core.RawApi;

/// <summary>A request for <see cref="IRawApiConnector"/>: method, path relative to the API's base URL, query terms and paging.</summary>
/// <param name="Method">The HTTP method, upper case (GET, POST, PUT, DELETE).</param>
/// <param name="Path">The path relative to the base URL (<c>requests/PR-1</c>, a leading '/' allowed); a '?' starts query terms written as they travel.</param>
/// <param name="QueryTerms">
/// Further query terms: <c>key=value</c> (key and value are percent-encoded) or a raw term without '=' such as an
/// RQL expression <c>eq(status,pending)</c> (sent as written).
/// </param>
/// <param name="Paginate">Follow the collection's paging (GET only): every page's elements stream as partial results.</param>
public sealed record RawApiRequest(string Method, string Path, IReadOnlyList<string> QueryTerms, bool Paginate = false)
{
    /// <summary>The methods a raw request may use.</summary>
    public static IReadOnlyList<string> Methods { get; } = ["GET", "POST", "PUT", "DELETE"];
}
