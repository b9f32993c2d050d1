namespace Connector.Sandbox.Rql;

/// <summary>
/// A leaf term compiled into a test of one value that is a JSON string or null, without a JSON node: how the computed
/// fields of seeded records (<see cref="Data.SeededField"/>) are filtered, a million at a time. Each test answers what
/// <see cref="RqlEvaluator.MatchesLeaf"/> answers for that one value: equality is ordinal, null() matches JSON null,
/// empty() the empty string, a range compares ordinally and never holds for null, like/ilike match the text.
/// </summary>
internal static class RqlTextTest
{
    /// <summary>The test of <paramref name="leaf"/> (a comparison, list or search term) on one string value.</summary>
    public static Func<string?, bool> Compile(RqlNode leaf) => leaf switch
    {
        RqlComparison { Operator: "eq" } c => text => EqualsValue(text, c.Value),
        RqlComparison { Operator: "ne" } c => text => !EqualsValue(text, c.Value),
        RqlComparison c => Range(c),
        RqlList l => List(l),
        RqlSearch s => text => text is not null && s.Matcher.IsMatch(text),
        _ => throw new InvalidOperationException($"{leaf.GetType().Name} is not a leaf term."),
    };

    private static bool EqualsValue(string? text, RqlValue expected) => expected.Kind switch
    {
        RqlValueKind.Null => text is null,
        RqlValueKind.Empty => text is { Length: 0 },
        _ => text is not null && string.Equals(text, expected.Text, StringComparison.Ordinal),
    };

    /// <summary>gt, ge, lt, le: an ordinal comparison with a text value (null(), empty() and other operators never hold).</summary>
    private static Func<string?, bool> Range(RqlComparison comparison)
    {
        if (comparison.Value.Kind != RqlValueKind.Text)
        {
            return static _ => false;
        }

        var bound = comparison.Value.Text;
        return comparison.Operator switch
        {
            "gt" => text => text is not null && string.CompareOrdinal(text, bound) > 0,
            "ge" => text => text is not null && string.CompareOrdinal(text, bound) >= 0,
            "lt" => text => text is not null && string.CompareOrdinal(text, bound) < 0,
            "le" => text => text is not null && string.CompareOrdinal(text, bound) <= 0,
            _ => static _ => false,
        };
    }

    /// <summary>in or out: the texts in one set, null() and empty() as flags.</summary>
    private static Func<string?, bool> List(RqlList list)
    {
        var texts = list.Values.Where(v => v.Kind == RqlValueKind.Text).Select(v => v.Text).ToHashSet(StringComparer.Ordinal);
        var hasNull = list.Values.Any(v => v.Kind == RqlValueKind.Null);
        var hasEmpty = list.Values.Any(v => v.Kind == RqlValueKind.Empty);
        var isIn = list.Operator == "in";
        return text => isIn == (text is null ? hasNull : texts.Contains(text) || (hasEmpty && text.Length == 0));
    }
}
