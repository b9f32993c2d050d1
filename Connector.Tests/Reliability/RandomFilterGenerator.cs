using System.Text.Json.Nodes;
using Connector.Core.Querying;

namespace Connector.Tests.Reliability;

/// <summary>
/// Random Core filter trees (seeded) over a few fulfillment request fields, with values drawn from the records themselves and from
/// strings full of RQL and URL metacharacters.
/// </summary>
internal sealed class RandomFilterGenerator
{
    /// <summary>Values that break naive quoting or encoding (the last ones hold both quote kinds and cannot be sent).</summary>
    public static readonly string[] NastyValues =
    [
        "Acme, Inc. (EU)", "a&b|c;d", "x=1&y=2", "say \"hi\"", "it's", "back\\slash", "ends\\", "star*", "\\*", "per%cent 100%", "%2F%26",
        "plus+sign", "ünïcödé 日本", " leading and trailing ", "null()", "empty()", "eq", "t", "and(x,y)", "#hash?q=1", "tab\there",
        "(", ")", ",", "\"", "'", "*", ".dot", ":colon", "@at", "-dash", "a\"b'c", "both \" and '",
    ];

    /// <summary>The fields and the operators the /requests endpoint documents for them (used for HTTP searches).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> DocumentedOperators = new Dictionary<string, string[]>
    {
        ["status"] = ["eq", "ne", "like", "ilike", "in", "out"],
        ["type"] = ["eq", "ne", "like", "ilike", "in", "out"],
        ["asset.external_id"] = ["eq", "ne", "like", "ilike", "null", "notnull", "in", "out"],
        ["asset.product.name"] = ["eq", "ne", "like", "ilike", "in", "out"],
        ["asset.tiers.customer.name"] = ["eq", "ne", "like", "ilike", "null", "notnull", "in", "out"],
        ["asset.contract.id"] = ["eq", "ne", "like", "ilike", "null", "notnull", "in", "out"],
        ["created"] = ["eq", "ne", "ge", "gt", "le", "lt", "in", "out"],
    };

    private static readonly string[] AllOperators = ["eq", "ne", "gt", "ge", "lt", "le", "like", "ilike", "in", "out", "null", "notnull"];

    private readonly Random _random;
    private readonly Dictionary<string, string[]> _realValues;
    private readonly bool _documentedOnly;

    public RandomFilterGenerator(int seed, IReadOnlyList<JsonObject> records, bool documentedOnly)
    {
        _random = new Random(seed);
        _documentedOnly = documentedOnly;
        _realValues = DocumentedOperators.Keys.ToDictionary(
            f => f,
            f => records.Select(r => Scalar(r, f)).OfType<string>().Distinct(StringComparer.Ordinal).Take(40).ToArray());
    }

    public static string? Scalar(JsonObject record, string dottedPath)
    {
        JsonNode? node = record;
        foreach (var part in dottedPath.Split('.'))
        {
            node = (node as JsonObject)?[part];
        }

        return node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
    }

    public FilterExpression Next(int depth = 3)
    {
        var roll = _random.Next(10);
        if (depth == 0 || roll < 4)
        {
            return Comparison();
        }

        if (roll < 6)
        {
            return new NotExpression(Next(depth - 1));
        }

        var operands = Enumerable.Range(0, _random.Next(1, 4)).Select(_ => Next(depth - 1)).ToList();
        return new GroupExpression(roll < 8 ? GroupOperator.And : GroupOperator.Or, operands);
    }

    private ComparisonExpression Comparison()
    {
        var fields = DocumentedOperators.Keys.ToArray();
        var field = fields[_random.Next(fields.Length)];
        var operators = _documentedOnly ? DocumentedOperators[field] : AllOperators;
        var op = operators[_random.Next(operators.Length)];
        return op switch
        {
            "null" or "notnull" => new ComparisonExpression(field, op, []),
            "in" or "out" => new ComparisonExpression(field, op, Enumerable.Range(0, _random.Next(1, 4)).Select(_ => Value(field, op)).ToList()),
            _ => new ComparisonExpression(field, op, [Value(field, op)]),
        };
    }

    private string Value(string field, string op)
    {
        var real = _realValues[field];
        var roll = _random.Next(10);
        if (roll < 5 && real.Length > 0)
        {
            var value = real[_random.Next(real.Length)];
            if (op is "like" or "ilike")
            {
                // A wildcard pattern cut out of a real value, sometimes in the other case.
                var start = _random.Next(value.Length + 1);
                var length = _random.Next(value.Length - start + 1);
                value = (_random.Next(2) == 0 ? "*" : string.Empty) + value.Substring(start, length) + (_random.Next(2) == 0 ? "*" : string.Empty);
                return op == "ilike" && _random.Next(2) == 0 ? value.ToUpperInvariant() : value;
            }

            return value;
        }

        if (roll < 9)
        {
            return NastyValues[_random.Next(NastyValues.Length)];
        }

        // A real value with a metacharacter appended.
        var baseValue = real.Length > 0 ? real[_random.Next(real.Length)] : "x";
        return baseValue + NastyValues[_random.Next(NastyValues.Length)];
    }
}
