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
    public static Func<string?, bool> Compile(RqlNode leaf, bool number = false) => leaf switch
    {
        RqlComparison { Operator: "eq" } c => Equality(c.Value, number),
        RqlComparison { Operator: "ne" } c => Negated(Equality(c.Value, number)),
        RqlComparison c => Range(c, number),
        RqlList l => number ? NumberList(l) : List(l),
        RqlSearch s => text => text is not null && s.Matcher.IsMatch(text),
        _ => throw new InvalidOperationException($"{leaf.GetType().Name} is not a leaf term."),
    };

    private static Func<string?, bool> Negated(Func<string?, bool> test) => text => !test(text);

    /// <summary>eq: null() matches JSON null, empty() the empty string (never a number), a text value as <see cref="Against"/> compares.</summary>
    private static Func<string?, bool> Equality(RqlValue expected, bool number)
    {
        switch (expected.Kind)
        {
            case RqlValueKind.Null:
                return static text => text is null;
            case RqlValueKind.Empty:
                return number ? static _ => false : static text => text is { Length: 0 };
            case RqlValueKind.Text when !number:
                var value = expected.Text;
                return text => string.Equals(text, value, StringComparison.Ordinal);
            default:
                var compare = Against(expected.Text, number);
                return text => text is not null && compare(text) == 0;
        }
    }

    /// <summary>gt, ge, lt, le: a comparison with a text value (null(), empty() and other operators never hold).</summary>
    private static Func<string?, bool> Range(RqlComparison comparison, bool number)
    {
        if (comparison.Value.Kind != RqlValueKind.Text)
        {
            return static _ => false;
        }

        var compare = Against(comparison.Value.Text, number);
        return comparison.Operator switch
        {
            "gt" => text => text is not null && compare(text) > 0,
            "ge" => text => text is not null && compare(text) >= 0,
            "lt" => text => text is not null && compare(text) < 0,
            "le" => text => text is not null && compare(text) <= 0,
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

    /// <summary>in or out on a number: equal (as <see cref="Against"/> compares) to one of the list's texts, null() as a flag.</summary>
    private static Func<string?, bool> NumberList(RqlList list)
    {
        var compares = list.Values.Where(v => v.Kind == RqlValueKind.Text).Select(v => Against(v.Text, number: true)).ToArray();
        var hasNull = list.Values.Any(v => v.Kind == RqlValueKind.Null);
        var isIn = list.Operator == "in";
        return text => isIn == (text is null ? hasNull : compares.Any(compare => compare(text) == 0));
    }

    /// <summary>
    /// How a value's text compares with an RQL <paramref name="value"/>, the value read once: ordinally, or for a number's
    /// JSON text numerically when the value reads as a number, else ordinally.
    /// </summary>
    private static Func<string, int> Against(string value, bool number) =>
        number && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var bound)
            ? text => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture).CompareTo(bound)
            : text => string.CompareOrdinal(text, value);
}
