using Connector.OpenApiDerivation.Schemas;
using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Relaxations;

/// <summary>
/// A property with a plural name documented as one object that has an <c>id</c> (one entity) also accepts, and describes,
/// a list of such objects: a product's <c>extensions</c>, documented as <c>{id, name, status, package_url}</c>, arrives as
/// <c>[{id, name, status, package_url}]</c>.
/// </summary>
/// <remarks>
/// The evidence is the document's own: its plural property names are arrays (<c>choices</c>, <c>params</c>, <c>items</c>,
/// <c>countries</c>, ... over 150 places); in v37 one plural name, <c>dp.ProductVersion.extensions</c>, is documented as a
/// single entity. The rule also fires on a product's <c>groups</c>, which <c>fields-documented-by-filters</c> adds as an
/// object with an <c>id</c> from the filter <c>groups.id</c> of <c>GET /products</c> (a filter names the same path for
/// a list). Plural objects without an <c>id</c> are maps of named entries (<c>events</c>, <c>tiers</c>, <c>stats</c>,
/// <c>capabilities</c>) and stay as they are.
/// </remarks>
internal sealed class PluralEntityAlsoList : PropertyRelaxation
{
    public override string Id => "plural-entity-also-list";

    public override IReadOnlyList<SchemaRole> Roles { get; } = [SchemaRole.Response];

    public override string Rule =>
        "A property whose name is plural (its singular differs: `extensions`) documented as one object with an `id` becomes "
        + "`anyOf: [documented, {type: array, items: documented}]`: the single object is accepted as before and a list of "
        + "them is described.";

    public override string Reason =>
        "The document's plural names are arrays everywhere else; the one plural entity it documents as a single object, a "
        + "product's `extensions`, arrives as a list (`object-also-array-in-responses` accepts the list, this rule describes "
        + "its items).";

    public override JObject? Relax(PropertyContext context)
    {
        if (CollectionIndex.Singular(context.Name) == context.Name
            || !SharedFieldSet.TryMember(context.Raw, context.Shapes, out var arrayItems, out var own)
            || arrayItems
            || own["id"] is null)
        {
            return null;
        }

        var list = new JObject
        {
            ["description"] = $"A list of `{context.Name}` (relaxation {Id}).",
            ["type"] = "array",
            ["items"] = context.Converted.DeepClone(),
        };
        return new JObject { ["anyOf"] = new JArray(context.Converted, list) };
    }
}
