using Connector.OpenApiDerivation.Schemas;
using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Relaxations;

/// <summary>Length, range and count constraints are dropped from responses.</summary>
internal sealed class NoValueConstraintsInResponses : SchemaRelaxation
{
    private static readonly string[] Constraints =
    [
        "maxLength", "minLength", "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
        "multipleOf", "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties",
    ];

    public override string Id => "no-value-constraints-in-responses";

    public override IReadOnlyList<SchemaRole> Roles { get; } = [SchemaRole.Response];

    public override string Rule =>
        "Response schemas drop " + string.Join(", ", Constraints.Select(c => "`" + c + "`")) + "; request schemas keep them.";

    public override string Reason =>
        "They constrain what the connector may send; what Connect returns is its own data (legacy values longer than "
        + "today's limits, numeric ranges of string-typed fields) and is accepted as is.";

    public override void Apply(JObject schema)
    {
        foreach (var constraint in Constraints)
        {
            schema.Remove(constraint);
        }
    }
}
