using System.Text.Json.Nodes;

namespace Connector.Sandbox.Data;

/// <summary>
/// One field of an unmodified seeded record computed straight from the seed, without building the record.
/// <see cref="Value"/> returns exactly the scalar the field's dotted path reaches in the generated record.
/// </summary>
/// <param name="Value">The field's value for a seeded index (JSON null as null).</param>
/// <param name="RisesWithIndex">True when the value strictly increases with the index (ids, creation dates): index order is its sort order.</param>
internal sealed record SeededField(Func<int, JsonNode?> Value, bool RisesWithIndex = false);
