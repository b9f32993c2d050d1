using Connector.OpenApiDerivation.Schemas;
using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Relaxations;

/// <summary>Responses accept properties the document does not list.</summary>
internal sealed class AdditionalPropertiesAllowed : SchemaRelaxation
{
    public override string Id => "additional-properties-allowed";

    public override IReadOnlyList<SchemaRole> Roles { get; } = [SchemaRole.Response];

    public override string Rule =>
        "Response objects accept properties that are not documented: `additionalProperties: false` is removed "
        + "(JSON Schema then allows any extra property); a documented `additionalProperties` schema (maps) is kept.";

    public override string Reason =>
        "Connect adds fields to its objects in every release and returns extension data; new fields must not break reads.";

    public override void Apply(JObject schema)
    {
        if (schema["additionalProperties"] is JValue { Type: JTokenType.Boolean } flag && !(bool)flag!)
        {
            schema.Remove("additionalProperties");
        }
    }
}
