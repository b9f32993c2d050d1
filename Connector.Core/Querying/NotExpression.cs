namespace Connector.Core.Querying;

/// <summary>The negation of an expression (of a single comparison or of a whole group).</summary>
/// <param name="Operand">The negated expression.</param>
public sealed record NotExpression(FilterExpression Operand) : FilterExpression
{
    /// <inheritdoc />
    public override string ToString() => $"NOT({Operand})";
}
