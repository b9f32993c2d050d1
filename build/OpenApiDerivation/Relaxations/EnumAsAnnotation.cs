using Connector.OpenApiDerivation.Schemas;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Relaxations;

/// <summary><c>enum</c> becomes an annotation: <c>x-enum</c> plus a description sentence.</summary>
internal sealed class EnumAsAnnotation : SchemaRelaxation
{
    public override string Id => "enum-as-annotation";

    public override IReadOnlyList<SchemaRole> Roles { get; } = [SchemaRole.Request, SchemaRole.Response];

    public override string Rule =>
        "`enum` is not enforced: its values move to an `x-enum` annotation and to the description "
        + "(\"Documented values: a, b, c.\"), and `enum` is removed.";

    public override string Reason =>
        "Connect adds statuses, types and scopes over time and returns values in other letter case or type than "
        + "documented (e.g. priority enums of numbers on string fields); the server validates enumerations itself.";

    public override void Apply(JObject schema)
    {
        if (schema["enum"] is not JArray values)
        {
            return;
        }

        schema.Remove("enum");
        schema["x-enum"] = values;
        var listed = string.Join(", ", values.Select(Render));
        AppendDescription(schema, "Documented values: " + listed + ".");
    }

    private static string Render(JToken value) => value.Type switch
    {
        JTokenType.String => (string)value!,
        JTokenType.Null => "null",
        _ => value.ToString(Formatting.None),
    };
}
