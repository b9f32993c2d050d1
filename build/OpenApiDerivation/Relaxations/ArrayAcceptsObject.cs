using Connector.OpenApiDerivation.Schemas;
using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Relaxations;

/// <summary>In responses an <c>array</c> also accepts an <c>object</c>.</summary>
internal sealed class ArrayAcceptsObject : SchemaRelaxation
{
    public override string Id => "array-accepts-object";

    public override IReadOnlyList<SchemaRole> Roles { get; } = [SchemaRole.Response];

    public override string Rule => "A response property typed `array` also accepts `object`.";

    public override string Reason =>
        "Some collections (parameters, items, tiers, events) are returned as a single object or a keyed object "
        + "where the document says array.";

    public override void Apply(JObject schema)
    {
        var types = ReadTypes(schema);
        if (!types.Contains("array") || types.Contains("object"))
        {
            return;
        }

        types.Insert(types.IndexOf("array") + 1, "object");
        WriteTypes(schema, types);
    }
}
