using System.Text.Json;
using System.Text.Json.Nodes;

namespace Connector.Sandbox.Data;

/// <summary>
/// A record's state in either form real Connect sends: the plain string (<c>"pending"</c>), or the object
/// <c>{current, next, all}</c> one source shows for helpdesk cases. Filters, orderings and life cycles read both by
/// the current value; a change keeps the form the record has.
/// </summary>
internal static class StateValue
{
    /// <summary>The current state: the string itself, or the object form's <c>current</c>; null for anything else.</summary>
    public static string? Read(JsonNode? node) => node switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonObject o => Read(o["current"]),
        _ => null,
    };

    /// <summary>What a filter or an ordering compares: the object form's <c>current</c>, any other node as it is.</summary>
    public static JsonNode? Comparable(JsonNode? node) =>
        node is JsonObject o && o["current"] is JsonValue current && o.ContainsKey("next") ? current : node;

    /// <summary>The object form of <paramref name="current"/> in a life cycle of <paramref name="all"/> states.</summary>
    public static JsonObject Expanded(string current, IReadOnlyList<string> next, IReadOnlyList<string> all) => Json.Obj(
        ("current", current),
        ("next", new JsonArray([.. next.Select(s => (JsonNode?)JsonValue.Create(s))])),
        ("all", new JsonArray([.. all.Select(s => (JsonNode?)JsonValue.Create(s))])));

    /// <summary>Sets <paramref name="field"/> of <paramref name="record"/> to <paramref name="value"/>, in the form the record has.</summary>
    public static void Write(JsonObject record, string field, string value, Func<string, IReadOnlyList<string>> next, IReadOnlyList<string> all) =>
        record[field] = record[field] is JsonObject ? Expanded(value, next(value), all) : value;
}
