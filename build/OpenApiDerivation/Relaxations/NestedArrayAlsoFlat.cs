using Connector.OpenApiDerivation.Schemas;
using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Relaxations;

/// <summary>In responses an array documented as an array of arrays also accepts, and describes, a flat array.</summary>
internal sealed class NestedArrayAlsoFlat : SchemaRelaxation
{
    public override string Id => "nested-array-also-flat";

    public override IReadOnlyList<SchemaRole> Roles { get; } = [SchemaRole.Response];

    public override string Rule =>
        "An array whose items are arrays of objects gets `items: anyOf [documented inner array, inner element]`, so a flat "
        + "array of those objects is accepted and its fields are described.";

    public override string Reason =>
        "The document declares asset `params` as an array of arrays of parameters; Connect sends a flat array of parameters.";

    public override bool RecordsLocations => true;

    public override void Apply(JObject schema)
    {
        if (schema["items"] is not JObject inner || inner["items"] is not JObject element || !ReadTypes(inner).Contains("array"))
        {
            return;
        }

        if (element["properties"] is null && element["$ref"] is null && element["anyOf"] is null)
        {
            return;
        }

        schema["items"] = new JObject { ["anyOf"] = new JArray(inner, element.DeepClone()) };
    }
}
