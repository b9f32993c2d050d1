namespace Connector.Core.Querying;

/// <summary>A query's filter: an expression tree (or none for everything), sort keys and selected fields.</summary>
/// <param name="Expression">The filter expression, or null to match every record.</param>
/// <param name="Sorts">Sort keys, most significant first.</param>
/// <param name="SelectedFields">Fields to select (projection); empty for the endpoint's default.</param>
public sealed record QueryFilter(FilterExpression? Expression, IReadOnlyList<SortSpecification> Sorts, IReadOnlyList<string> SelectedFields)
{
    /// <summary>A filter that matches everything, unsorted.</summary>
    public static QueryFilter All { get; } = new(null, [], []);

    /// <summary>Creates a filter with an expression and optional sorts.</summary>
    /// <param name="expression">The expression records must match, or null to match every record.</param>
    /// <param name="sorts">Sort keys, most significant first; none leaves the endpoint's order.</param>
    /// <returns>A filter selecting no fields (the endpoint's default representation).</returns>
    public static QueryFilter Where(FilterExpression? expression, params SortSpecification[] sorts) => new(expression, sorts, []);
}
