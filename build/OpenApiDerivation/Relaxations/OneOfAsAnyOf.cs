using Connector.OpenApiDerivation.Schemas;
using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Relaxations;

/// <summary><c>oneOf</c> is validated as <c>anyOf</c>.</summary>
internal sealed class OneOfAsAnyOf : SchemaRelaxation
{
    public override string Id => "oneof-as-anyof";

    public override IReadOnlyList<SchemaRole> Roles { get; } = [SchemaRole.Request, SchemaRole.Response];

    public override string Rule =>
        "`oneOf` is written as `anyOf` (the OpenAPI `discriminator` is dropped; the discriminating property stays "
        + "documented in `x-enum`).";

    public override string Reason =>
        "With `enum` and `required` relaxed the alternatives (e.g. purchase/change/cancel request bodies) are no longer "
        + "mutually exclusive, so exactly-one would reject every valid body that matches several alternatives.";

    public override void Apply(JObject schema)
    {
        if (schema["oneOf"] is not JArray alternatives)
        {
            return;
        }

        schema.Remove("oneOf");
        if (schema["anyOf"] is JArray existing)
        {
            var allOf = schema["allOf"] as JArray ?? [];
            allOf.Add(new JObject { ["anyOf"] = alternatives });
            schema["allOf"] = allOf;
            schema["anyOf"] = existing;
        }
        else
        {
            schema["anyOf"] = alternatives;
        }
    }
}
