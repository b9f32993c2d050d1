using System.Collections.Concurrent;
using NJsonSchema;

namespace Connector.Operations.Requests;

/// <summary>
/// The input profiles of one connector, one per compiled input schema, kept as long as the connector: what a profile
/// learns while documents run (the body shapes that passed, the properties each subschema declares, whether validity
/// depends on shape alone) then serves every later execution of the same entry. A runtime that executes an action
/// once per document or per small batch otherwise paid, in every execution, a walk of the schema and a full NJsonSchema
/// validation of its first body (about half of the connector's own work in a one-document APPROVE).
/// </summary>
/// <remarks>
/// Bounded: one profile per outbound entry of the descriptor (the schemas are the <see cref="Browse.Catalog.CatalogStore"/>'s,
/// loaded once per entry), each remembering at most its fixed number of shapes. Profiles are safe to share between
/// operations running at once.
/// </remarks>
internal sealed class InputProfileCache
{
    private readonly ConcurrentDictionary<JsonSchema, InputProfile> _profiles = new(ReferenceEqualityComparer.Instance);

    /// <summary>How many profiles were made.</summary>
    public int Count => _profiles.Count;

    /// <summary>The profile of <paramref name="schema"/> (the same instance), made with <paramref name="name"/> when first asked for.</summary>
    public InputProfile GetOrAdd(JsonSchema schema, string name)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return _profiles.GetOrAdd(schema, static (s, n) => new InputProfile(s, n), name);
    }
}
