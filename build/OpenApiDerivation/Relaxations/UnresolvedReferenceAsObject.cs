using Connector.OpenApiDerivation.Schemas;
using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Relaxations;

/// <summary>
/// A <c>$ref</c> the document cannot resolve becomes a permissive object. Applied by the converter (not per node)
/// and recorded only when the document has such references.
/// </summary>
internal sealed class UnresolvedReferenceAsObject : SchemaRelaxation
{
    public override string Id => "unresolved-ref-as-object";

    public override IReadOnlyList<SchemaRole> Roles { get; } = [SchemaRole.Request, SchemaRole.Response];

    public override string Rule =>
        "A `$ref` that does not resolve to `#/components/schemas/...` in the document is replaced by the permissive "
        + "schema `{\"type\": \"object\"}`; the unresolved references are listed in `references`.";

    public override string Reason =>
        "The document references schemas it does not define; the derived file must be self-contained and loadable.";

    public override void Apply(JObject schema)
    {
        // Nothing per node: the converter substitutes whole references through Replacement().
    }

    /// <summary>The schema that stands in for an unresolved reference.</summary>
    public static JObject Replacement(string reference) => new()
    {
        ["type"] = "object",
        ["description"] = "The document references " + reference + ", which it does not define; any object is accepted.",
    };
}
