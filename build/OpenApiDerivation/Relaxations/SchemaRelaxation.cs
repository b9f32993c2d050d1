using Connector.OpenApiDerivation.Schemas;
using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Relaxations;

/// <summary>
/// One documented deviation from the OpenAPI document: real Connect traffic differs from the contract,
/// so the derived JSON Schemas are looser than a literal translation. Each rule lives in exactly one
/// subclass and is recorded once, with its reason, in the derived document's <c>relaxations</c> list.
/// </summary>
internal abstract class SchemaRelaxation
{
    /// <summary>Stable identifier, e.g. <c>no-required-in-responses</c>.</summary>
    public abstract string Id { get; }

    /// <summary>The roles the rule applies to.</summary>
    public abstract IReadOnlyList<SchemaRole> Roles { get; }

    /// <summary>What the rule does to a schema.</summary>
    public abstract string Rule { get; }

    /// <summary>Why the rule exists.</summary>
    public abstract string Reason { get; }

    /// <summary><c>request</c>, <c>response</c> or <c>both</c>, as written to the derived document.</summary>
    public string AppliesTo => Roles.Count switch
    {
        1 => Roles[0] == SchemaRole.Request ? "request" : "response",
        _ => "both",
    };

    /// <summary>True when the rule applies to schemas of <paramref name="role"/>.</summary>
    public bool AppliesToRole(SchemaRole role) => Roles.Contains(role);

    /// <summary>
    /// Whether the converter records where the rule changed a node (<c>firedAt</c> in the derived document); rules that
    /// change most nodes of a kind do not.
    /// </summary>
    public virtual bool RecordsLocations => false;

    /// <summary>
    /// Rewrites one converted schema node in place. Child schemas were already converted and relaxed. By default
    /// nothing: rules that need the document override <see cref="Apply(JObject, NodeContext)"/>, and property rules
    /// (<see cref="PropertyRelaxation"/>) are called per property instead.
    /// </summary>
    public virtual void Apply(JObject schema)
    {
    }

    /// <summary>
    /// Rewrites one converted schema node in place, with the document's schema of the node at hand; by default the same
    /// as <see cref="Apply(JObject)"/>. The converter calls this one.
    /// </summary>
    public virtual void Apply(JObject schema, NodeContext context) => Apply(schema);

    /// <summary>
    /// <c>anyOf: [documented, alternative]</c>, with the documented schema's description (if any) also on the wrapper, where a
    /// designer reads a field's description: the documented form is accepted as before and the alternative widens it.
    /// </summary>
    protected static JObject DocumentedOr(JObject documented, JObject alternative)
    {
        var wrapper = new JObject();
        if (documented["description"] is { } description)
        {
            wrapper["description"] = description.DeepClone();
        }

        wrapper["anyOf"] = new JArray(documented, alternative);
        return wrapper;
    }

    /// <summary>Appends a sentence to a schema's description.</summary>
    protected static void AppendDescription(JObject schema, string sentence)
    {
        var existing = schema.Value<string>("description");
        schema["description"] = string.IsNullOrWhiteSpace(existing)
            ? sentence
            : existing.TrimEnd() + (existing.TrimEnd().EndsWith('.') ? " " : ". ") + sentence;
    }

    /// <summary>The schema's <c>type</c> as a list (empty when absent).</summary>
    protected static List<string> ReadTypes(JObject schema) => schema["type"] switch
    {
        JValue { Type: JTokenType.String } single => [(string)single!],
        JArray many => many.Select(t => (string)t!).ToList(),
        _ => [],
    };

    /// <summary>Writes a type list back: a single string when one type, an array otherwise.</summary>
    protected static void WriteTypes(JObject schema, List<string> types)
    {
        schema["type"] = types.Count == 1 ? new JValue(types[0]) : new JArray(types);
    }
}
