namespace Connector.Core.Querying;

/// <summary>One sort key of a query.</summary>
/// <param name="Property">The dotted path of the record field to sort by, without a sign; whether the endpoint can order by it is checked by the operation that runs the query, not here.</param>
/// <param name="Direction">Ascending or descending; the descriptor's sort orders say which the connector offers.</param>
public sealed record SortSpecification(string Property, SortDirection Direction)
{
    /// <summary>Parses <c>field</c> (ascending) or <c>-field</c> (descending).</summary>
    /// <param name="text">A property path, optionally prefixed with <c>-</c> (descending) or <c>+</c> (ascending); surrounding spaces ignored. Must not be null or blank.</param>
    /// <returns>The sort key, its property path without the sign; the path is not checked.</returns>
    public static SortSpecification Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var trimmed = text.Trim();
        return trimmed.StartsWith('-')
            ? new SortSpecification(trimmed[1..], SortDirection.Descending)
            : new SortSpecification(trimmed.TrimStart('+'), SortDirection.Ascending);
    }
}
