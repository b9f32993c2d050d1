using Connector.OpenApiDerivation.Schemas;
using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Relaxations;

/// <summary>
/// Request schemas drop the document's <c>required</c>; only the requirements in
/// <see cref="KnownRequestRequirements"/> are added back, per endpoint.
/// </summary>
internal sealed class RequiredOnlyKnownInRequests : SchemaRelaxation
{
    public override string Id => "request-required-only-known";

    public override IReadOnlyList<SchemaRole> Roles { get; } = [SchemaRole.Request];

    public override string Rule =>
        "`required` is removed from every request schema; the only requirements kept are the ones the server is known to "
        + "insist on, added explicitly per endpoint: " + KnownRequestRequirements.Describe();

    public override string Reason =>
        "The document's `required` lists describe the full object (shared by create, update and read), so they reject "
        + "valid partial updates and action bodies; the explicit table holds what Connect really rejects.";

    public override void Apply(JObject schema) => schema.Remove("required");
}
