namespace Connector.Core.Querying;

/// <summary>One sort key of a query.</summary>
/// <param name="Property">The property path.</param>
/// <param name="Direction">The direction.</param>
public sealed record SortSpecification(string Property, SortDirection Direction)
{
    /// <summary>Parses <c>field</c> (ascending) or <c>-field</c> (descending).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The sort key.</returns>
    public static SortSpecification Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var trimmed = text.Trim();
        return trimmed.StartsWith('-')
            ? new SortSpecification(trimmed[1..], SortDirection.Descending)
            : new SortSpecification(trimmed.TrimStart('+'), SortDirection.Ascending);
    }
}
