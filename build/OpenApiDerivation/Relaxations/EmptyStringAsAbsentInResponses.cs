using Connector.OpenApiDerivation.Schemas;
using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Relaxations;

/// <summary>In responses an object (or reference) that accepts <c>null</c> also accepts the empty string.</summary>
internal sealed class EmptyStringAsAbsentInResponses : SchemaRelaxation
{
    public override string Id => "empty-string-as-absent-in-responses";

    public override IReadOnlyList<SchemaRole> Roles { get; } = [SchemaRole.Response];

    public override string Rule =>
        "A response object that accepts `null` also accepts the empty string: a reference wrapped as `anyOf: [{$ref}, "
        + "{type: null}]` gets a `{type: string, maxLength: 0}` branch; a typed object gets `string` with `maxLength: 0` "
        + "(which constrains strings only).";

    public override string Reason =>
        "Connect (and its older serializers) send `\"\"` for an absent sub-object, e.g. `previous_approved_request: \"\"`.";

    public override void Apply(JObject schema)
    {
        var types = ReadTypes(schema);
        if (types.Contains("object") && types.Contains("null") && !types.Contains("string") && schema["maxLength"] is null)
        {
            types.Insert(types.IndexOf("null"), "string");
            WriteTypes(schema, types);
            schema["maxLength"] = 0;
            return;
        }

        if (schema["anyOf"] is JArray branches
            && branches.OfType<JObject>().Any(b => b["$ref"] is not null)
            && branches.OfType<JObject>().Any(b => ReadTypes(b).SequenceEqual(["null"]))
            && !branches.OfType<JObject>().Any(b => ReadTypes(b).Contains("string")))
        {
            branches.Add(new JObject { ["type"] = "string", ["maxLength"] = 0 });
        }
    }
}
