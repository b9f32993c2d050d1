using Connector.OpenApiDerivation.Schemas;

namespace Connector.OpenApiDerivation.Relaxations;

/// <summary>
/// The items of an array property that are instances of a definition the document gives as a component also describe that
/// definition's fields: a <c>params</c> entry is one of the product's parameters (<c>dp.Parameter</c>) with its value, so it
/// also carries the parameter's <c>hint</c>, <c>placeholder</c>, ... The definition is recognised from the document alone:
/// a component whose name starts with the property's singular (<c>params</c> -> <c>param</c> -> <c>Parameter</c>) and whose
/// own <c>scope</c> enumerates every <c>scope</c> value the property's items document anywhere.
/// </summary>
internal sealed class ParameterDefinitionFields : SharedFieldsContribution
{
    public override string Id => "parameter-definition-fields";

    public override string Rule =>
        "The items of an array property NAME whose documented `scope` values (over every documentation of NAME's items) are all "
        + "values of the `scope` enum of a component named like NAME's singular (`params` -> `dp.Parameter`) are instances of that "
        + "definition: `response." + SharedFieldSet.DefinitionPrefix + "NAME.items` also takes the definition's fields.";

    public override string Reason =>
        "Connect sends each parameter value with its parameter definition: `params[]` of assets, requests and tier configurations "
        + "(and `items[].params[]`) carry `hint` and `placeholder` that only the product parameter schema documents; the scopes "
        + "the document gives `params` items (asset, tier1, tier2 on asset params; product, item, marketplace, item_marketplace on "
        + "configuration params) are exactly the scopes of that schema.";

    public override string? Component(string name, bool arrayItems, PropertyShapeIndex shapes) =>
        arrayItems ? DefinitionOf(name, shapes) : null;

    /// <summary>The component the items of the array property NAME instantiate (see the class), or null.</summary>
    public static string? DefinitionOf(string name, PropertyShapeIndex shapes)
    {
        var scopes = shapes.ElementDocumentations(name, arrayItems: true)
            .SelectMany(element => PropertyShapeIndex.EnumValues(shapes.ObjectProperties(element)?["scope"]))
            .ToHashSet(StringComparer.Ordinal);
        if (scopes.Count == 0)
        {
            return null;
        }

        var stem = CollectionIndex.Singular(name);
        return shapes.ComponentNames
            .Where(component => CollectionIndex.SnakeCase(component).StartsWith(stem, StringComparison.Ordinal))
            .FirstOrDefault(component => scopes.IsSubsetOf(Scopes(component, shapes)));
    }

    /// <summary>The values of a component's own <c>scope</c> enum (empty when it has none).</summary>
    public static IReadOnlyList<string> Scopes(string component, PropertyShapeIndex shapes) =>
        shapes.ComponentReference(component) is { } reference
            ? PropertyShapeIndex.EnumValues(shapes.ObjectProperties(reference)?["scope"])
            : [];
}
