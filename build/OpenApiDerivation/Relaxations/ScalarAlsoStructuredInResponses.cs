using Connector.OpenApiDerivation.Schemas;
using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Relaxations;

/// <summary>In responses a string also accepts an object or an array (the last resort: reads never fail on shape).</summary>
internal sealed class ScalarAlsoStructuredInResponses : SchemaRelaxation
{
    public override string Id => "scalar-also-structured-in-responses";

    public override IReadOnlyList<SchemaRole> Roles { get; } = [SchemaRole.Response];

    public override string Rule =>
        "A response value documented as a `string` (its first type) also accepts `object` and `array`, after its scalar "
        + "types. Where the document shows the structured form elsewhere, "
        + "`scalar-also-documented-shapes` describes its fields; here the shape is only accepted.";

    public override string Reason =>
        "Connect sends structured values where the document says scalar and documents no shape anywhere: helpdesk "
        + "`state` as `{current, next, all}`, parameter `value_choices[]` and `constraints.choices[]` as `{label, value}`, "
        + "a message's `conversation` as `{id}`. A read must not fail on them.";

    public override void Apply(JObject schema)
    {
        var types = ReadTypes(schema);
        if (types.Count == 0 || types[0] != "string" || types.Any(t => t is "object" or "array"))
        {
            return;
        }

        var nullable = types.Remove("null");
        types.Add("object");
        types.Add("array");
        if (nullable)
        {
            types.Add("null");
        }

        WriteTypes(schema, types);
    }
}
