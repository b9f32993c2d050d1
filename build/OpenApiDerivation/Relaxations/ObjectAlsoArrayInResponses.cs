using Connector.OpenApiDerivation.Schemas;
using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Relaxations;

/// <summary>In responses an object also accepts an array (the converse of <see cref="ArrayAcceptsObject"/>).</summary>
internal sealed class ObjectAlsoArrayInResponses : SchemaRelaxation
{
    public override string Id => "object-also-array-in-responses";

    public override IReadOnlyList<SchemaRole> Roles { get; } = [SchemaRole.Response];

    public override string Rule => "A response value typed `object` (and not `array`) also accepts `array`, after `object`.";

    public override string Reason =>
        "Some single objects of the document arrive as lists of such objects (product `extensions`).";

    public override void Apply(JObject schema)
    {
        var types = ReadTypes(schema);
        if (!types.Contains("object") || types.Contains("array"))
        {
            return;
        }

        types.Insert(types.IndexOf("object") + 1, "array");
        WriteTypes(schema, types);
    }
}
