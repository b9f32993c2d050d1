using Connector.OpenApiDerivation.Schemas;
using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Relaxations;

/// <summary>Response schemas never require a property.</summary>
internal sealed class NoRequiredInResponses : SchemaRelaxation
{
    public override string Id => "no-required-in-responses";

    public override IReadOnlyList<SchemaRole> Roles { get; } = [SchemaRole.Response];

    public override string Rule => "`required` is removed from every response schema.";

    public override string Reason =>
        "Real responses often omit fields the document marks required (partial representations, select()/RQL field "
        + "trimming, older objects), and a missing field must not make a successful call fail.";

    public override void Apply(JObject schema) => schema.Remove("required");
}
