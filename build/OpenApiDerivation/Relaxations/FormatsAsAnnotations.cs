using Connector.OpenApiDerivation.Schemas;
using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Relaxations;

/// <summary><c>format</c> becomes an annotation (<c>x-format</c> and description), except <c>binary</c>.</summary>
internal sealed class FormatsAsAnnotations : SchemaRelaxation
{
    public override string Id => "formats-as-annotations";

    public override IReadOnlyList<SchemaRole> Roles { get; } = [SchemaRole.Request, SchemaRole.Response];

    public override string Rule =>
        "`format` is not validated: it moves to an `x-format` annotation and to the description (\"Format: date-time.\"); "
        + "the document's non-standard `datetime` is written as `date-time`. Only `binary` stays a `format` (it marks "
        + "file parts of multipart bodies and is not a validating format).";

    public override string Reason =>
        "Real data has dates without time or zone, empty strings in email fields and relative URLs; the server parses "
        + "dates leniently, so the connector must not reject what Connect accepts or returns.";

    public override void Apply(JObject schema)
    {
        if (schema["format"] is not JValue { Type: JTokenType.String } format || (string)format! == "binary")
        {
            return;
        }

        var name = (string)format!;
        schema.Remove("format");
        schema["x-format"] = name;
        AppendDescription(schema, "Format: " + name + ".");
    }
}
