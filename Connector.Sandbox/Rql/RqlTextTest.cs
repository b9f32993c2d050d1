using System.Globalization;

namespace Connector.Sandbox.Rql;

/// <summary>
/// A leaf term compiled into a test of one value that is a JSON string or null, without a JSON node: how the computed
/// fields of seeded records (<see cref="Data.SeededField"/>) are filtered, a million at a time. Each test answers what
/// <see cref="RqlEvaluator.MatchesLeaf"/> answers for that one value: equality is ordinal, null() matches JSON null,
/// empty() the empty string, a range compares ordinally and never holds for null, like/ilike match the text. A value that
/// is a JSON number (given as its JSON text) compares as RQL compares numbers: numerically with a value that reads as a
/// number, else by its text; empty() never matches it.
/// </summary>
internal static class RqlTextTest
{
    /// <summary>The test of <paramref name="leaf"/> (a comparison, list or search term) on one string value, or on one number's JSON text when <paramref name="number"/>.</summary>
    public static Func<string?, bool> Compile(RqlNode leaf, bool number = false)
    {
        Func<string, string, int> compare = number ? CompareNumber : string.CompareOrdinal;
        return leaf switch
        {
            RqlComparison { Operator: "eq" } c => text => EqualsValue(text, c.Value, compare, number),
            RqlComparison { Operator: "ne" } c => text => !EqualsValue(text, c.Value, compare, number),
            RqlComparison c => Range(c, compare),
            RqlList l => number ? NumberList(l) : List(l),
            RqlSearch s => text => text is not null && s.Matcher.IsMatch(text),
            _ => throw new InvalidOperationException($"{leaf.GetType().Name} is not a leaf term."),
        };
    }

    private static bool EqualsValue(string? text, RqlValue expected, Func<string, string, int> compare, bool number) => expected.Kind switch
    {
        RqlValueKind.Null => text is null,
        RqlValueKind.Empty => !number && text is { Length: 0 },
        _ => text is not null && compare(text, expected.Text) == 0,
    };

    /// <summary>gt, ge, lt, le: a comparison with a text value (null(), empty() and other operators never hold).</summary>
    private static Func<string?, bool> Range(RqlComparison comparison, Func<string, string, int> compare)
    {
        if (comparison.Value.Kind != RqlValueKind.Text)
        {
            return static _ => false;
        }

        var bound = comparison.Value.Text;
        return comparison.Operator switch
        {
            "gt" => text => text is not null && compare(text, bound) > 0,
            "ge" => text => text is not null && compare(text, bound) >= 0,
            "lt" => text => text is not null && compare(text, bound) < 0,
            "le" => text => text is not null && compare(text, bound) <= 0,
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

    /// <summary>in or out on a number: equal (as <see cref="CompareNumber"/> says) to one of the list's texts, null() as a flag.</summary>
    private static Func<string?, bool> NumberList(RqlList list)
    {
        var texts = list.Values.Where(v => v.Kind == RqlValueKind.Text).Select(v => v.Text).ToArray();
        var hasNull = list.Values.Any(v => v.Kind == RqlValueKind.Null);
        var isIn = list.Operator == "in";
        return text => isIn == (text is null ? hasNull : texts.Any(t => CompareNumber(text, t) == 0));
    }

    /// <summary>A number (its JSON text) against an RQL value: numerically when the value reads as a number, else as texts.</summary>
    private static int CompareNumber(string numberText, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var bound)
            ? double.Parse(numberText, NumberStyles.Float, CultureInfo.InvariantCulture).CompareTo(bound)
            : string.CompareOrdinal(numberText, value);
}
