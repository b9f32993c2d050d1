using Newtonsoft.Json.Linq;

namespace Connector.Browse.Learning;

/// <summary>
/// The JSON Schema type of a JSON value and the canonical order of type lists the learner writes
/// (object, array, string, number, integer, boolean, null), so the same samples always give the same text.
/// </summary>
internal static class JsonKinds
{
    private static readonly string[] Order = ["object", "array", "string", "number", "integer", "boolean", "null"];

    /// <summary>The JSON Schema type name of a value (<c>integer</c> for whole JSON numbers).</summary>
    public static string Of(JToken value) => value.Type switch
    {
        JTokenType.Object => "object",
        JTokenType.Array => "array",
        JTokenType.Integer => "integer",
        JTokenType.Float => "number",
        JTokenType.Boolean => "boolean",
        JTokenType.Null or JTokenType.Undefined => "null",
        _ => "string",
    };

    /// <summary>Whether a value of <paramref name="kind"/> satisfies a <c>type</c> list (integers are numbers).</summary>
    public static bool Satisfies(IReadOnlyCollection<string> types, string kind) =>
        types.Contains(kind) || (kind == "integer" && types.Contains("number"));

    /// <summary>The <c>type</c> keyword as a list (empty when absent).</summary>
    public static List<string> Read(JObject schema) => schema["type"] switch
    {
        JValue { Type: JTokenType.String } single => [(string)single!],
        JArray many => many.Select(t => (string?)t).OfType<string>().ToList(),
        _ => [],
    };

    /// <summary>Adds a kind to an observed node's type list (a number absorbs integer), in canonical order.</summary>
    public static void Widen(JObject schema, string kind)
    {
        var types = Read(schema);
        if (Satisfies(types, kind))
        {
            return;
        }

        types.Add(kind);
        if (types.Contains("number"))
        {
            types.Remove("integer");
        }

        types.Sort((a, b) => Rank(a).CompareTo(Rank(b)));
        schema["type"] = types.Count == 1 ? new JValue(types[0]) : new JArray(types);
    }

    private static int Rank(string type)
    {
        var index = Array.IndexOf(Order, type);
        return index < 0 ? Order.Length : index;
    }
}
