namespace Connector.Sandbox.Rql;

/// <summary>A node of a parsed RQL filter.</summary>
internal abstract record RqlNode;

/// <summary>All children must match.</summary>
internal sealed record RqlAnd(IReadOnlyList<RqlNode> Children) : RqlNode;

/// <summary>At least one child must match.</summary>
internal sealed record RqlOr(IReadOnlyList<RqlNode> Children) : RqlNode;

/// <summary>Negation of one comparison, list or search term.</summary>
internal sealed record RqlNot(RqlNode Child) : RqlNode;

/// <summary>eq, ne, gt, ge, lt or le.</summary>
internal sealed record RqlComparison(string Operator, string Field, RqlValue Value) : RqlNode;

/// <summary>in or out: whether the field equals any of <see cref="Values"/> (in) or none of them (out).</summary>
internal sealed record RqlList(string Operator, string Field, IReadOnlyList<RqlValue> Values) : RqlNode;

/// <summary>like or ilike, with its pattern compiled once when parsed.</summary>
internal sealed record RqlSearch(string Operator, string Field, string Pattern) : RqlNode
{
    /// <summary>The compiled pattern (case-insensitive for <c>ilike</c>).</summary>
    public LikePattern Matcher { get; } = LikePattern.Compile(Pattern, Operator == "ilike");
}

/// <summary>Which comparison value was written: plain or quoted text, the constant <c>null()</c> or the constant <c>empty()</c>.</summary>
internal enum RqlValueKind
{
    Text,
    Null,
    Empty,
}

/// <summary>A value of a comparison: text (quoted or not), <c>null()</c> or <c>empty()</c>.</summary>
internal sealed record RqlValue(RqlValueKind Kind, string Text)
{
    public static readonly RqlValue NullValue = new(RqlValueKind.Null, string.Empty);
    public static readonly RqlValue EmptyValue = new(RqlValueKind.Empty, string.Empty);
}

/// <summary>One field of <c>ordering()</c>.</summary>
internal sealed record RqlOrdering(string Field, bool Descending);
