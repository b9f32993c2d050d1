using System.Text.Json.Nodes;

namespace Connector.Sandbox.Data;

/// <summary>
/// One field of an unmodified seeded record computed straight from the seed, without building the record. Every
/// computed field is a JSON string in the generated record (ids, names, statuses, ISO dates): <see cref="Text"/> returns
/// exactly that string, so filters and orderings test it without a JSON node per record.
/// </summary>
/// <param name="Text">The field's string for a seeded index (null for JSON null).</param>
/// <param name="RisesWithIndex">True when the value strictly increases with the index (ids, creation dates): index order is its sort order.</param>
internal sealed record SeededField(Func<int, string?> Text, bool RisesWithIndex = false)
{
    /// <summary>The field's value as the generated record holds it: a JSON string, or null.</summary>
    public JsonNode? Value(int index) => Text(index) is { } text ? JsonValue.Create(text) : null;
}
