using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Connector.Sandbox.Rql;

/// <summary>
/// Evaluates RQL filters and orderings against JSON records. Dotted paths walk nested objects; through an array
/// any element may match (as Connect does for params). Numbers compare numerically, everything else ordinally.
/// </summary>
internal static class RqlEvaluator
{
    /// <summary>
    /// Removes the terms whose field the collection does not know (the real API ignores unknown filters);
    /// a group left without children is removed too. Returns null when nothing is left.
    /// </summary>
    public static RqlNode? Prune(RqlNode? node, Func<string, bool> isKnownField)
    {
        switch (node)
        {
            case null:
                return null;
            case RqlComparison c:
                return isKnownField(c.Field) ? c : null;
            case RqlList l:
                return isKnownField(l.Field) ? l : null;
            case RqlSearch s:
                return isKnownField(s.Field) ? s : null;
            case RqlNot n:
                var child = Prune(n.Child, isKnownField);
                return child is null ? null : new RqlNot(child);
            case RqlAnd a:
            {
                var children = a.Children.Select(x => Prune(x, isKnownField)).OfType<RqlNode>().ToList();
                return children.Count == 0 ? null : new RqlAnd(children);
            }

            case RqlOr o:
            {
                var children = o.Children.Select(x => Prune(x, isKnownField)).OfType<RqlNode>().ToList();
                return children.Count == 0 ? null : new RqlOr(children);
            }

            default:
                throw new InvalidOperationException($"Unknown RQL node {node.GetType().Name}.");
        }
    }

    /// <summary>True when <paramref name="record"/> satisfies <paramref name="node"/> (null matches everything).</summary>
    public static bool Matches(JsonObject record, RqlNode? node) => node switch
    {
        null => true,
        RqlAnd a => a.Children.All(x => Matches(record, x)),
        RqlOr o => o.Children.Any(x => Matches(record, x)),
        RqlNot n => !Matches(record, n.Child),
        RqlComparison c => MatchesComparison(Resolve(record, c.Field), c),
        RqlList l => MatchesList(Resolve(record, l.Field), l),
        RqlSearch s => MatchesSearch(Resolve(record, s.Field), s),
        _ => throw new InvalidOperationException($"Unknown RQL node {node.GetType().Name}."),
    };

    /// <summary>
    /// True when the values a leaf's field reaches (as <see cref="Resolve"/> returns them: none when absent, a null
    /// element for JSON null) satisfy the comparison, list or search term <paramref name="leaf"/>.
    /// </summary>
    public static bool MatchesLeaf(RqlNode leaf, IReadOnlyList<JsonNode?> values) => leaf switch
    {
        RqlComparison c => MatchesComparison(values, c),
        RqlList l => MatchesList(values, l),
        RqlSearch s => MatchesSearch(values, s),
        _ => throw new InvalidOperationException($"{leaf.GetType().Name} is not a leaf term."),
    };

    /// <summary>
    /// The values a dotted path reaches: several through arrays (any element may match), none when absent, a null
    /// element for JSON null, an empty array itself when the path ends on one; a state object counts as its current value.
    /// </summary>
    public static List<JsonNode?> Resolve(JsonObject record, string path)
    {
        var steps = Data.JsonPath.Steps(path);
        var holders = new List<JsonObject>(1);
        Data.JsonPath.Holders(record, steps, holders);
        var values = new List<JsonNode?>(holders.Count);
        foreach (var holder in holders)
        {
            if (holder.TryGetPropertyValue(steps[^1], out var leaf))
            {
                if (leaf is JsonArray { Count: 0 })
                {
                    values.Add(leaf);
                }
                else
                {
                    AddLeaves(leaf, values);
                }
            }
        }

        return values;
    }

    private static void AddLeaves(JsonNode? node, List<JsonNode?> values)
    {
        if (node is JsonArray array)
        {
            foreach (var element in array)
            {
                AddLeaves(element, values);
            }

            return;
        }

        values.Add(Data.StateValue.Comparable(node));
    }

    private static bool MatchesComparison(IReadOnlyList<JsonNode?> values, RqlComparison c)
    {
        if (c.Operator == "ne")
        {
            return !AnyEqual(values, c.Value);
        }

        if (c.Operator == "eq")
        {
            return AnyEqual(values, c.Value);
        }

        if (c.Value.Kind != RqlValueKind.Text)
        {
            return false;
        }

        foreach (var value in values)
        {
            if (value is null or JsonObject or JsonArray)
            {
                continue;
            }

            var order = CompareToText((JsonValue)value, c.Value.Text);
            var ok = c.Operator switch
            {
                "gt" => order > 0,
                "ge" => order >= 0,
                "lt" => order < 0,
                "le" => order <= 0,
                _ => false,
            };
            if (ok)
            {
                return true;
            }
        }

        return false;
    }

    private static bool AnyEqual(IReadOnlyList<JsonNode?> values, RqlValue expected)
    {
        if (values.Count == 0)
        {
            return expected.Kind == RqlValueKind.Null;
        }

        foreach (var value in values)
        {
            if (IsEqual(value, expected))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsEqual(JsonNode? value, RqlValue expected)
    {
        switch (expected.Kind)
        {
            case RqlValueKind.Null:
                return value is null;
            case RqlValueKind.Empty:
                return value switch
                {
                    null => false,
                    JsonArray a => a.Count == 0,
                    JsonObject o => o.Count == 0,
                    JsonValue v => v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length == 0,
                    _ => false,
                };
            default:
                return value is JsonValue jv && CompareToText(jv, expected.Text) == 0;
        }
    }

    private static bool MatchesList(IReadOnlyList<JsonNode?> values, RqlList l)
    {
        var any = l.Values.Any(v => AnyEqual(values, v));
        return l.Operator == "in" ? any : !any;
    }

    private static bool MatchesSearch(IReadOnlyList<JsonNode?> values, RqlSearch s)
    {
        foreach (var value in values)
        {
            if (value is JsonValue jv && s.Matcher.IsMatch(ScalarText(jv)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The text of a scalar as RQL sees it (true/false lower case, numbers invariant).</summary>
    internal static string ScalarText(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.ToJsonString(),
    };

    private static int CompareToText(JsonValue value, string text)
    {
        if (value.GetValueKind() == JsonValueKind.Number
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return NumberOf(value).CompareTo(number);
        }

        return string.CompareOrdinal(ScalarText(value), text);
    }

    /// <summary>Compares two records by the ordering fields; nulls first, numbers numerically.</summary>
    public static int Compare(JsonObject left, JsonObject right, IReadOnlyList<RqlOrdering> ordering)
    {
        foreach (var field in ordering)
        {
            var a = Resolve(left, field.Field).FirstOrDefault();
            var b = Resolve(right, field.Field).FirstOrDefault();
            var order = CompareNodes(a, b);
            if (order != 0)
            {
                return field.Descending ? -order : order;
            }
        }

        return 0;
    }

    /// <summary>The numeric value of a JSON number, whatever CLR type backs it.</summary>
    internal static double NumberOf(JsonValue value)
    {
        if (value.TryGetValue<double>(out var d))
        {
            return d;
        }

        if (value.TryGetValue<int>(out var i))
        {
            return i;
        }

        if (value.TryGetValue<long>(out var l))
        {
            return l;
        }

        if (value.TryGetValue<decimal>(out var m))
        {
            return (double)m;
        }

        return double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture);
    }

    private static int CompareNodes(JsonNode? a, JsonNode? b)
    {
        if (a is not JsonValue va)
        {
            return b is JsonValue ? -1 : 0;
        }

        if (b is not JsonValue vb)
        {
            return 1;
        }

        if (va.GetValueKind() == JsonValueKind.Number && vb.GetValueKind() == JsonValueKind.Number)
        {
            return NumberOf(va).CompareTo(NumberOf(vb));
        }

        return string.CompareOrdinal(ScalarText(va), ScalarText(vb));
    }
}
