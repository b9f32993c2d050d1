using Newtonsoft.Json.Linq;

namespace Connector.Core.Querying;

/// <summary>
/// Reads a filter expression tree from JSON: a comparison is
/// <c>{"field": "status", "op": "eq", "value": "pending"}</c> (or <c>"values": [...]</c>, or no value for null tests);
/// groups are <c>{"and": [...]}</c> and <c>{"or": [...]}</c>; negation is <c>{"not": {...}}</c>.
/// </summary>
public static class QueryFilterJson
{
    /// <summary>Reads one expression and, recursively, the expressions it groups or negates.</summary>
    /// <param name="json">A JSON object (a comparison, or an <c>and</c>/<c>or</c>/<c>not</c> group); its path locates errors in messages. Must not be null.</param>
    /// <returns>The expression tree; operators and argument counts are not checked yet (see <see cref="QueryFilterValidator"/>).</returns>
    /// <exception cref="FormatException">The JSON is not a filter expression; the message names the JSON path.</exception>
    public static FilterExpression ParseExpression(JToken json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json is not JObject obj)
        {
            throw new FormatException($"{PathOf(json)}: a filter expression is a JSON object, not {json.Type.ToString().ToLowerInvariant()}");
        }

        if (obj["and"] is { } and)
        {
            return new GroupExpression(GroupOperator.And, Operands(and));
        }

        if (obj["or"] is { } or)
        {
            return new GroupExpression(GroupOperator.Or, Operands(or));
        }

        if (obj["not"] is { } not)
        {
            return new NotExpression(ParseExpression(not));
        }

        var field = obj["field"]?.Type == JTokenType.String ? (string)obj["field"]! : null;
        var op = obj["op"]?.Type == JTokenType.String ? (string)obj["op"]! : null;
        if (op is null)
        {
            throw new FormatException($"{PathOf(obj)}: an expression needs \"and\", \"or\", \"not\", or \"field\" with \"op\"");
        }

        var arguments = new List<string>();
        if (obj["values"] is JArray values)
        {
            arguments.AddRange(values.Select(ScalarText));
        }
        else if (obj["value"] is { } value && value.Type != JTokenType.Null)
        {
            arguments.Add(ScalarText(value));
        }

        return new ComparisonExpression(field ?? string.Empty, op, arguments);
    }

    private static List<FilterExpression> Operands(JToken token) => token is JArray array
        ? array.Select(ParseExpression).ToList()
        : throw new FormatException($"{PathOf(token)}: a group takes an array of expressions");

    private static string ScalarText(JToken token) => token switch
    {
        JValue { Type: JTokenType.Boolean } b => (bool)b ? "true" : "false",
        JValue { Type: JTokenType.String } s => (string)s!,
        JValue { Type: JTokenType.Integer or JTokenType.Float } n => n.ToString(Newtonsoft.Json.Formatting.None),
        _ => throw new FormatException($"{PathOf(token)}: a value must be a string, number or boolean"),
    };

    private static string PathOf(JToken token) => string.IsNullOrEmpty(token.Path) ? "$" : "$." + token.Path;
}
