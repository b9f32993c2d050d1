using Connector.OpenApiDerivation.Schemas;
using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Relaxations;

/// <summary>In responses every value also accepts <c>null</c>.</summary>
internal sealed class NullAcceptedInResponses : SchemaRelaxation
{
    public override string Id => "null-accepted-in-responses";

    public override IReadOnlyList<SchemaRole> Roles { get; } = [SchemaRole.Response];

    public override string Rule =>
        "Every response value also accepts `null`: typed nodes get `null` added to `type`; a bare `$ref` becomes "
        + "`anyOf: [{$ref}, {type: null}]`; an `anyOf` gets a `null` branch.";

    public override string Reason =>
        "Connect answers `null` for absent sub-objects and values (parent, replacement, previous_approved_request, "
        + "pending_request, error_details...) that the document does not mark nullable.";

    public override void Apply(JObject schema)
    {
        var types = ReadTypes(schema);
        if (types.Count > 0)
        {
            if (!types.Contains("null"))
            {
                types.Add("null");
                WriteTypes(schema, types);
            }

            return;
        }

        if (schema["$ref"] is JValue reference)
        {
            schema.Remove("$ref");
            schema["anyOf"] = new JArray(new JObject { ["$ref"] = reference }, new JObject { ["type"] = "null" });
            return;
        }

        if (schema["anyOf"] is JArray anyOf && !anyOf.OfType<JObject>().Any(branch => ReadTypes(branch).Contains("null")))
        {
            anyOf.Add(new JObject { ["type"] = "null" });
        }
    }
}
