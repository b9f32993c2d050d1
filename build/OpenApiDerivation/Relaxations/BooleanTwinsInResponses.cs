using Connector.OpenApiDerivation.Schemas;
using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Relaxations;

/// <summary>In responses a boolean also accepts a string, and a string also accepts a boolean.</summary>
internal sealed class BooleanTwinsInResponses : SchemaRelaxation
{
    public override string Id => "boolean-twins-in-responses";

    public override IReadOnlyList<SchemaRole> Roles { get; } = [SchemaRole.Response];

    public override string Rule =>
        "A response value documented as `boolean` also accepts `string` (\"True\", \"false\"...) and one documented as `string` also accepts `boolean`; the documented type stays first.";

    public override string Reason =>
        "Flags arrive as Python-serialized strings (`answered: \"False\"`, `constraints.required: \"True\"`) and some "
        + "fields documented as strings arrive as booleans (product item `ui_visibility: true`).";

    public override void Apply(JObject schema)
    {
        var types = ReadTypes(schema);
        var twin = types.Count == 0 ? null
            : types[0] == "boolean" && !types.Contains("string") ? "string"
            : types[0] == "string" && !types.Contains("boolean") ? "boolean"
            : null;
        if (twin is null)
        {
            return;
        }

        var nullable = types.Remove("null");
        types.Add(twin);
        if (nullable)
        {
            types.Add("null");
        }

        WriteTypes(schema, types);
    }
}
