using Connector.OpenApiDerivation.Schemas;
using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Relaxations;

/// <summary>Numbers also accept strings, strings also accept numbers.</summary>
internal sealed class ScalarTwins : SchemaRelaxation
{
    public override string Id => "scalar-twins";

    public override IReadOnlyList<SchemaRole> Roles { get; } = [SchemaRole.Request, SchemaRole.Response];

    public override string Rule =>
        "`integer` and `number` also accept `string`; `string` also accepts `number` (which covers integers). "
        + "The documented type stays first in the `type` list.";

    public override string Reason =>
        "Quantities, tier levels, priorities, prices and external ids arrive either as JSON numbers or as strings "
        + "depending on the object and its age, and Connect accepts both in requests.";

    public override void Apply(JObject schema)
    {
        var types = ReadTypes(schema);
        if (types.Count == 0)
        {
            return;
        }

        var twins = new List<string>(types);
        foreach (var type in types)
        {
            switch (type)
            {
                case "integer" or "number":
                    AddOnce(twins, "string");
                    break;
                case "string":
                    if (!twins.Contains("integer"))
                    {
                        AddOnce(twins, "number");
                    }

                    break;
            }
        }

        if (twins.Count != types.Count)
        {
            KeepNullLast(twins);
            WriteTypes(schema, twins);
        }
    }

    private static void AddOnce(List<string> types, string type)
    {
        if (!types.Contains(type))
        {
            types.Add(type);
        }
    }

    private static void KeepNullLast(List<string> types)
    {
        if (types.Remove("null"))
        {
            types.Add("null");
        }
    }
}
