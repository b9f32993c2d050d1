namespace Connector.Core.Querying;

/// <summary>Combines expressions: it matches when all of them (AND) or at least one (OR) matches; groups nest.</summary>
/// <param name="Operator">Whether every operand must match (AND) or one is enough (OR).</param>
/// <param name="Operands">The grouped expressions (at least one).</param>
public sealed record GroupExpression(GroupOperator Operator, IReadOnlyList<FilterExpression> Operands) : FilterExpression
{
    /// <summary>A group that matches when every operand matches.</summary>
    /// <param name="operands">The expressions that must all match; the array is kept, not copied. An empty group is reported by <see cref="QueryFilterValidator"/>.</param>
    /// <returns>An AND group over the operands.</returns>
    public static GroupExpression And(params FilterExpression[] operands) => new(GroupOperator.And, operands);

    /// <summary>A group that matches when at least one operand matches.</summary>
    /// <param name="operands">The expressions of which one must match; the array is kept, not copied. An empty group is reported by <see cref="QueryFilterValidator"/>.</param>
    /// <returns>An OR group over the operands.</returns>
    public static GroupExpression Or(params FilterExpression[] operands) => new(GroupOperator.Or, operands);

    /// <inheritdoc />
    public override string ToString() => $"{Operator.ToString().ToUpperInvariant()}({string.Join(", ", Operands)})";
}
