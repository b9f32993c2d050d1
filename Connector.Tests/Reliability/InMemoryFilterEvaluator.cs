using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Connector.Core.Querying;

namespace Connector.Tests.Reliability;

/// <summary>
/// The meaning of a Core filter tree over JSON records, written independently of the RQL builder and of the
/// sandbox: eq ne in out like ilike null notnull gt ge lt le, AND / OR / NOT. Dotted paths walk objects (and any
/// element of an array); an absent field is null. Strings compare ordinally, numbers numerically; an empty value is
/// the empty string; in like/ilike <c>*</c> is any text and <c>\*</c> a literal star.
/// </summary>
internal static class InMemoryFilterEvaluator
{
    public static bool Matches(JsonObject record, FilterExpression expression) => expression switch
    {
        GroupExpression { Operator: GroupOperator.And } g => g.Operands.All(o => Matches(record, o)),
        GroupExpression g => g.Operands.Any(o => Matches(record, o)),
        NotExpression n => !Matches(record, n.Operand),
        ComparisonExpression c => Compare(record, c),
        _ => throw new ArgumentOutOfRangeException(nameof(expression)),
    };

    private static bool Compare(JsonObject record, ComparisonExpression c)
    {
        var values = Values(record, c.Property.Replace('/', '.'));
        switch (c.Operator)
        {
            case "null":
                return values.Count == 0 || values.Any(v => v is null);
            case "notnull":
                return !(values.Count == 0 || values.Any(v => v is null));
            case "eq":
                return Equal(values, c.Arguments[0]);
            case "ne":
                return !Equal(values, c.Arguments[0]);
            case "in":
                return c.Arguments.Any(a => Equal(values, a));
            case "out":
                return !c.Arguments.Any(a => Equal(values, a));
            case "like":
            case "ilike":
                var regex = Pattern(c.Arguments[0], c.Operator == "ilike");
                return values.OfType<JsonValue>().Any(v => regex.IsMatch(Text(v)));
            default:
                return values.OfType<JsonValue>().Any(v =>
                {
                    var order = Order(v, c.Arguments[0]);
                    return c.Operator switch
                    {
                        "gt" => order > 0,
                        "ge" => order >= 0,
                        "lt" => order < 0,
                        "le" => order <= 0,
                        _ => throw new ArgumentOutOfRangeException(nameof(c), c.Operator),
                    };
                });
        }
    }

    private static bool Equal(List<JsonNode?> values, string expected) =>
        values.Any(v => v is JsonValue scalar && Order(scalar, expected) == 0);

    private static int Order(JsonValue value, string text) =>
        value.GetValueKind() == JsonValueKind.Number && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? value.GetValue<double>().CompareTo(number)
            : string.CompareOrdinal(Text(value), text);

    private static string Text(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.ToJsonString(),
    };

    private static Regex Pattern(string pattern, bool ignoreCase)
    {
        var text = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '\\' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                text.Append(@"\*");
                i++;
            }
            else
            {
                text.Append(pattern[i] == '*' ? ".*" : Regex.Escape(pattern[i].ToString()));
            }
        }

        return new Regex(text.Append('$').ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None));
    }

    private static List<JsonNode?> Values(JsonNode? node, string path)
    {
        var found = new List<JsonNode?>();
        Walk(node, path.Split('.'), 0, found);
        return found;
    }

    private static void Walk(JsonNode? node, string[] parts, int index, List<JsonNode?> found)
    {
        if (node is JsonArray array)
        {
            foreach (var element in array)
            {
                Walk(element, parts, index, found);
            }

            return;
        }

        if (index == parts.Length)
        {
            found.Add(node);
            return;
        }

        if (node is JsonObject obj && obj.TryGetPropertyValue(parts[index], out var child))
        {
            Walk(child, parts, index + 1, found);
        }
    }
}
