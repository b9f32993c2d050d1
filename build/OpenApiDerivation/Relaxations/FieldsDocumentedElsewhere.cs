using Connector.OpenApiDerivation.Schemas;
using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Relaxations;

/// <summary>
/// An object property (or an array of objects) also accepts, and describes, the fields the document gives other objects
/// of the same property name that this one lacks.
/// </summary>
internal sealed class FieldsDocumentedElsewhere : PropertyRelaxation
{
    /// <summary>The rule's id, also named in the shared field sets' descriptions.</summary>
    public const string RuleId = "fields-documented-elsewhere";

    public override string Id => RuleId;

    public override IReadOnlyList<SchemaRole> Roles { get; } = [SchemaRole.Response];

    public override string Rule =>
        "An object property, or the items of an array-of-objects property, that lacks fields the document's other objects of "
        + "the same property name have becomes `anyOf: [documented, {$ref: response." + SharedFieldSet.DefinitionPrefix + "NAME}]`; that "
        + "shared definition is an object with every field any object of that name documents (first documentation of each "
        + "field wins), so the embedded object keeps its documented form and the other fields are described.";

    public override string Reason =>
        "The document trims embedded objects differently per endpoint, but Connect embeds the same object: real payloads "
        + "carry `contract.id`, `asset.tiers.customer.id`, `params[].constraints.choices[]`, `events.approved` and more that the "
        + "embedding schema omits while another schema of that name documents them.";

    public override JObject? Relax(PropertyContext context)
    {
        if (!SharedFieldSet.TryMember(context.Raw, context.Shapes, out var arrayItems, out var own)
            || context.Shapes.FieldsOf(context.Name, arrayItems).All(f => own[f.Name] is not null))
        {
            return null;
        }

        return SharedFieldSet.WithSet(context, arrayItems);
    }
}
