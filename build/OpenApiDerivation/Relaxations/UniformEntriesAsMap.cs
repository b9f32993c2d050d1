using System.Security.Cryptography;
using System.Text;
using Connector.OpenApiDerivation.Schemas;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Relaxations;

/// <summary>
/// In responses an object whose documented properties are all objects with the same field names (an <c>events</c>
/// object, <c>tiers</c>) is a map: any other property name is described by that shared shape.
/// </summary>
internal sealed class UniformEntriesAsMap : SchemaRelaxation
{
    /// <summary>The fewest documented entries that make an object a map (one entry shows no pattern).</summary>
    public const int MinEntries = 2;

    /// <summary>The definition key prefix of the shared entry shapes (<c>response.map-entry.HASH</c>, the hash of the documented entry).</summary>
    public const string DefinitionPrefix = "map-entry.";

    public override string Id => "uniform-entries-as-map";

    public override IReadOnlyList<SchemaRole> Roles { get; } = [SchemaRole.Response];

    public override string Rule =>
        $"A response object whose documented properties ({MinEntries} or more, following references and `allOf`) are all "
        + "objects with the same field names, and that documents no `additionalProperties` of its own, gets "
        + "`additionalProperties: anyOf [the first entry's schema, a scalar]` (the entry's schema written once per distinct "
        + "documented entry, as `response.map-entry.HASH`): any other property name is described by the entries' shape (and "
        + "still accepted if it is a scalar); the documented entries stay listed.";

    public override string Reason =>
        "Connect's `events` hold one `{at, by}` entry per life-cycle step an object went through, and real objects carry "
        + "steps their schema does not list (a tier config request's `events.approved`, which no schema of the document "
        + "names); `tiers` holds one tier account per level. A designer must see those entries' fields.";

    public override bool RecordsLocations => true;

    public override void Apply(JObject schema, NodeContext context)
    {
        if (schema["properties"] is not JObject || schema["additionalProperties"] is JObject
            || context.Raw["additionalProperties"] is JObject
            || context.Shapes.ObjectProperties(context.Raw) is not { Count: >= MinEntries } documented
            || FirstOfUniformEntries(documented, context.Shapes) is not { } entry)
        {
            return;
        }

        // One definition per distinct documented entry (most objects' `events` entries are the same `{at, by}`), so the
        // derived file holds each shape once.
        var key = DefinitionPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(entry.ToString(Formatting.None))))[..12];
        schema["additionalProperties"] = new JObject
        {
            ["anyOf"] = new JArray(context.Shared(key, () => context.Convert(entry)), new JObject { ["type"] = new JArray("string", "number", "boolean", "null") }),
        };
    }

    /// <summary>The first entry's schema when every entry is an object of the same field names; null otherwise.</summary>
    private static JObject? FirstOfUniformEntries(JObject documented, PropertyShapeIndex shapes)
    {
        JObject? first = null;
        HashSet<string>? fields = null;
        foreach (var (_, value) in documented)
        {
            if (value is not JObject entry || shapes.ObjectProperties(entry) is not { Count: > 0 } entryFields)
            {
                return null;
            }

            var names = entryFields.Properties().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            if (fields is null)
            {
                (first, fields) = (entry, names);
            }
            else if (!fields.SetEquals(names))
            {
                return null;
            }
        }

        return first;
    }
}
