using Connector.OpenApiDerivation.Schemas;
using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Relaxations;

/// <summary>
/// Parameters that belong to an item travel with the item: an object with a documented parameter array (<c>params[]</c>)
/// and an array of items (<c>items[]</c>) describes <c>items[].params[]</c> as well, with the owner's parameter shape by
/// reference (the shared <c>response.fields-elsewhere.params.items</c>, no copy), because the document's parameter
/// definition has the scope <c>item</c>.
/// </summary>
/// <remarks>
/// From the document alone: the parameter array's definition is found as <see cref="ParameterDefinitionFields"/> finds it
/// (<c>dp.Parameter</c>); a value of its <c>scope</c> enum that is the singular of a sibling array of objects
/// (<c>item</c> -> <c>items</c>) says parameters can belong to each element of that array. Scopes naming no sibling array
/// (<c>asset</c>, <c>tier1</c>, <c>marketplace</c>) change nothing.
/// </remarks>
internal sealed class ItemScopedParameters : SchemaRelaxation
{
    public override string Id => "item-scoped-parameters";

    public override IReadOnlyList<SchemaRole> Roles { get; } = [SchemaRole.Response];

    public override string Rule =>
        "An object with an array property P whose items instantiate a parameter definition (see `parameter-definition-fields`) "
        + "and an array-of-objects property S whose singular is a value of that definition's `scope` enum (`items`: scope `item`) "
        + "gets `S[].P[]` when the elements of S lack P: an array whose items are `{$ref: response." + SharedFieldSet.DefinitionPrefix
        + "P.items}`, the same definition the owner's P items reference; the field is added to the documented element.";

    public override string Reason =>
        "The document's parameter schema has the scope `item` (and `item_marketplace`): parameters can belong to an item, and "
        + "Connect sends them as `items[].params[]` of assets and of a request's asset, with the owner's parameter shape; no "
        + "`items` object of the document has `params`.";

    public override bool RecordsLocations => true;

    public override void Apply(JObject schema, NodeContext context)
    {
        if (schema["properties"] is not JObject properties || context.Shapes.ObjectProperties(context.Raw) is not { } raw)
        {
            return;
        }

        foreach (var owned in raw.Properties().Where(p => IsArray(p.Value)))
        {
            if (ParameterDefinitionFields.DefinitionOf(owned.Name, context.Shapes) is not { } definition)
            {
                continue;
            }

            var scopes = ParameterDefinitionFields.Scopes(definition, context.Shapes);
            foreach (var holder in raw.Properties().Where(p => p.Name != owned.Name && IsArray(p.Value) && scopes.Contains(CollectionIndex.Singular(p.Name))))
            {
                var element = PropertyShapeIndex.Element((JObject)holder.Value);
                if (element is null || context.Shapes.ObjectProperties(element) is not { } elementFields || elementFields[owned.Name] is not null
                    || properties[holder.Name]?["items"] is not JObject convertedElement)
                {
                    continue;
                }

                var parameters = context.Convert(new JObject
                {
                    ["description"] = $"The `{owned.Name}` that belong to this element (scope `{CollectionIndex.Singular(holder.Name)}` of `{definition}`; relaxation {Id}).",
                    ["type"] = "array",
                });
                parameters["items"] = SharedFieldSet.Reference(owned.Name, arrayItems: true, context.Shapes, context.Convert, context.Shared);
                properties[holder.Name]!["items"] = WithField(convertedElement, owned.Name, parameters);
            }
        }
    }

    private static bool IsArray(JToken schema) => schema is JObject node && node["type"]?.ToString() == "array";

    /// <summary>
    /// The converted element with the field added to its documented object (the first alternative that has properties);
    /// an element that is only references gets the field as one more alternative.
    /// </summary>
    private static JObject WithField(JObject element, string name, JObject field)
    {
        var documented = element["properties"] is JObject
            ? element
            : (element["anyOf"] as JArray)?.OfType<JObject>().FirstOrDefault(a => a["properties"] is JObject);
        if (documented is not null)
        {
            ((JObject)documented["properties"]!)[name] ??= field;
            return element;
        }

        var addition = new JObject { ["type"] = "object", ["properties"] = new JObject { [name] = field } };
        if (element["anyOf"] is JArray alternatives)
        {
            alternatives.Add(addition);
            return element;
        }

        return new JObject { ["anyOf"] = new JArray(element, addition) };
    }
}
