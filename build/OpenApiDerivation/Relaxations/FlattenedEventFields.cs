using Connector.OpenApiDerivation.Schemas;
using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Relaxations;

/// <summary>
/// In responses an object with <c>events.E.at</c> / <c>events.E.by</c> also describes the flat <c>E_at</c> / <c>E_by</c>
/// fields of the same events.
/// </summary>
internal sealed class FlattenedEventFields : SchemaRelaxation
{
    public override string Id => "flattened-event-fields";

    public override IReadOnlyList<SchemaRole> Roles { get; } = [SchemaRole.Response];

    public override string Rule =>
        "A response object whose `events` documents `E: {at, by}` also gets the properties `E_at` and `E_by` (same "
        + "schemas as `events.E.at` and `events.E.by`) when it lacks them.";

    public override string Reason =>
        "Older Connect objects (usage files, some requests) carry their events flattened: `created_at`, `created_by`, "
        + "`uploaded_at`, `submitted_by`... next to or instead of the `events` object.";

    public override bool RecordsLocations => true;

    public override void Apply(JObject schema)
    {
        if (schema["properties"] is not JObject properties || EventsProperties(properties["events"]) is not { } events)
        {
            return;
        }

        foreach (var (name, value) in events)
        {
            if (EventsProperties(value) is not { } parts)
            {
                continue;
            }

            foreach (var part in new[] { "at", "by" })
            {
                if (parts[part] is JObject partSchema && properties[name + "_" + part] is null)
                {
                    properties[name + "_" + part] = partSchema.DeepClone();
                }
            }
        }
    }

    /// <summary>The inline properties of a schema, or of the first <c>anyOf</c> branch that has some.</summary>
    private static JObject? EventsProperties(JToken? schema) => schema switch
    {
        JObject { } node when node["properties"] is JObject own => own,
        JObject { } node when node["anyOf"] is JArray branches => branches.OfType<JObject>().Select(b => b["properties"]).OfType<JObject>().FirstOrDefault(),
        _ => null,
    };
}
