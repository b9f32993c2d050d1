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
        "A response object whose `events` documents `E: {at, by}` (inline or through a reference) also gets the properties "
        + "`E_at` and `E_by` (same schemas as `events.E.at` and `events.E.by`) when it lacks them; an `E_by` taken through "
        + "a reference whose `by` is an object also accepts a string (`anyOf`).";

    public override string Reason =>
        "Older Connect objects (usage files, some requests) carry their events flattened: `created_at`, `created_by`, "
        + "`uploaded_at`, `submitted_by`... next to or instead of the `events` object, the actor as a string "
        + "(`created_by: \"user@example.com\"`).";

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

    /// <summary>
    /// Also reads the document's schema of the node, so events documented by reference (<c>created: {$ref: UsageEvents}</c>,
    /// which the converted node shows only as a reference) get their flat fields too.
    /// </summary>
    public override void Apply(JObject schema, NodeContext context)
    {
        Apply(schema);
        if (schema["properties"] is not JObject properties
            || context.Shapes.ObjectProperties(context.Raw)?["events"] is not JObject events
            || context.Shapes.ObjectProperties(events) is not { } documented)
        {
            return;
        }

        foreach (var (name, value) in documented)
        {
            var parts = value is JObject eventSchema ? context.Shapes.ObjectProperties(eventSchema) : null;
            foreach (var part in new[] { "at", "by" })
            {
                if (parts?[part] is JObject partSchema && properties[name + "_" + part] is null)
                {
                    properties[name + "_" + part] = Flat(partSchema, context);
                }
            }
        }
    }

    /// <summary>
    /// The flat field's schema: the documented one, and where that is structured (<c>by: {id, name}</c>) a string too,
    /// since flat fields carry the actor as its email or name (<c>created_by: "user@example.com"</c>).
    /// </summary>
    private static JObject Flat(JObject documented, NodeContext context)
    {
        var converted = context.Convert(documented);
        return PropertyShapeIndex.IsScalar(documented)
            ? converted
            : new JObject { ["anyOf"] = new JArray(context.Convert(new JObject { ["type"] = "string" }), converted) };
    }

    /// <summary>The inline properties of a schema, or of the first <c>anyOf</c> branch that has some.</summary>
    private static JObject? EventsProperties(JToken? schema) => schema switch
    {
        JObject { } node when node["properties"] is JObject own => own,
        JObject { } node when node["anyOf"] is JArray branches => branches.OfType<JObject>().Select(b => b["properties"]).OfType<JObject>().FirstOrDefault(),
        _ => null,
    };
}
