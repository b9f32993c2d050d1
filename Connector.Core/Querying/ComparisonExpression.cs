namespace Connector.Core.Querying;

/// <summary>A simple expression: a property path, an operator id and its arguments.</summary>
/// <param name="Property">The property path; <c>/</c> or <c>.</c> separate nested names (<c>asset/product/id</c>).</param>
/// <param name="Operator">The operator id declared by the descriptor (eq, in, null...).</param>
/// <param name="Arguments">The values: none for null tests, one for comparisons, several for lists.</param>
public sealed record ComparisonExpression(string Property, string Operator, IReadOnlyList<string> Arguments) : FilterExpression
{
    /// <summary>Creates an expression with one argument.</summary>
    /// <param name="property">The property path.</param>
    /// <param name="operatorId">The operator id declared by the descriptor (eq, gt, like...); checked later by <see cref="QueryFilterValidator"/>, not here.</param>
    /// <param name="value">The single argument, as text (an empty string is a value, not a null test).</param>
    /// <returns>An expression with exactly one argument.</returns>
    public static ComparisonExpression Of(string property, string operatorId, string value) => new(property, operatorId, [value]);

    /// <inheritdoc />
    public override string ToString() => $"{Property} {Operator} [{string.Join(", ", Arguments)}]";
}
