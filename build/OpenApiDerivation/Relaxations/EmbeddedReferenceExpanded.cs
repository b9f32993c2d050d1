using Connector.OpenApiDerivation.Schemas;
using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Relaxations;

/// <summary>
/// An object property that embeds one of the document's collection objects, documented with only part of its fields, also
/// describes the collection object's other fields: <c>asset.tiers.customer</c> (external ids, name, tax id, contact info)
/// arrives as the whole tier account (<c>dp.TierAccountDetail</c>: <c>id</c>, <c>type</c>, <c>version</c>, <c>owner</c>,
/// <c>hub</c>, <c>events</c>, <c>scopes</c>, <c>parent</c>).
/// </summary>
/// <remarks>
/// The match, from the document alone: (1) a name relation: the property name, or the component name of one of the
/// property's documentations (<c>tiers.customer: {$ref: subscriptions.TierAccount}</c>), in snake case names a collection
/// (<c>tier_account</c>: <c>GET /tier/accounts/{id}</c> answers <c>dp.TierAccountDetail</c>); (2) every object documentation
/// of the name has only fields of that collection object; (3) each of them documents one of its structured fields (an object
/// or array of objects, like <c>contact_info</c>): it embeds the object's own data, not a reference to it. (3) keeps the
/// references (<c>marketplace</c>, <c>product</c>, <c>owner</c>, <c>hub</c> as <c>{id, name, icon}</c>) as references, as
/// Connect sends them.
/// </remarks>
internal sealed class EmbeddedReferenceExpanded : SharedFieldsContribution
{

    public override string Id => "embedded-reference-expanded";

    public override string Rule =>
        "An object property NAME whose name, or the component of one of its documentations, names a collection of the document "
        + "(`GET /X/{id}` answering component C; `subscriptions.TierAccount` -> `tier_account` -> `/tier/accounts/{id}`), where every "
        + "object documentation of NAME has only fields of C and documents one of C's structured fields (an object or array of "
        + "objects): `response." + SharedFieldSet.DefinitionPrefix + "NAME` also takes C's fields.";

    public override string Reason =>
        "Connect embeds the whole object where the document gives part of it: `asset.tiers.customer`/`tier1`/`tier2` and tier "
        + "configuration `tiers.tier1` arrive as tier accounts with `id`, `type`, `version`, `owner`, `hub`, `events`, `scopes`, "
        + "`parent`. Plain references (`{id, name, icon}`: marketplace, product, owner) carry no structured field and stay as "
        + "documented, as Connect sends them.";

    public override string? Component(string name, bool arrayItems, PropertyShapeIndex shapes)
    {
        if (arrayItems)
        {
            return null;
        }

        var documentations = shapes.ElementDocumentations(name, arrayItems: false)
            .Select(d => (Documentation: d, Fields: shapes.ObjectProperties(d)))
            .Where(d => d.Fields is not null)
            .ToList();
        if (documentations.Count == 0)
        {
            return null;
        }

        return CollectionNames(name, documentations.Select(d => d.Documentation))
            .Select(shapes.Collections.ItemComponent)
            .OfType<string>()
            .FirstOrDefault(component => shapes.ObjectProperties(shapes.ComponentReference(component)!) is { } full
                && documentations.All(d => Embeds(d.Fields!, full, shapes)));
    }

    /// <summary>The collection names a property name relates to: itself, then the components its documentations reference, in snake case.</summary>
    private static IEnumerable<string> CollectionNames(string name, IEnumerable<JObject> documentations) =>
        new[] { name }
            .Concat(documentations
                .Select(ComponentReferences.NameOf)
                .OfType<string>()
                .Select(CollectionIndex.SnakeCase))
            .Distinct(StringComparer.Ordinal);

    /// <summary>Whether a documentation's fields are all fields of the full object and include one of its structured fields.</summary>
    private static bool Embeds(JObject fields, JObject full, PropertyShapeIndex shapes) =>
        fields.Properties().All(f => full[f.Name] is not null)
        && fields.Properties().Any(f => full[f.Name] is JObject field && IsStructured(field, shapes));

    private static bool IsStructured(JObject field, PropertyShapeIndex shapes) =>
        field["type"]?.ToString() == "array"
            ? PropertyShapeIndex.Element(field) is { } element && shapes.ObjectProperties(element) is not null
            : shapes.ObjectProperties(field) is not null;
}
