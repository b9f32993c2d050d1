using Connector.OpenApiDerivation.Schemas;
using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Relaxations;

/// <summary>
/// A parameter value carries its definition's prompts inside its <c>constraints</c>: <c>params[].constraints.hint</c>,
/// <c>.placeholder</c>, <c>.default</c>, where the definition (<c>dp.Parameter</c>) documents them beside its constraints.
/// Found from the document alone: the definition of an array of parameter values (<see cref="ParameterDefinitionFields"/>);
/// its prompts are its own fields that are not references to another component and that no value of the array documents
/// (<c>hint</c>, <c>placeholder</c>, <c>default</c>; not <c>parent</c>, a reference); the field that holds them is the one
/// object field with documented fields that the definition and the values both have (<c>constraints</c>).
/// </summary>
internal sealed class ParameterPromptsInConstraints : SharedFieldsContribution
{
    public override string Id => "parameter-prompts-in-constraints";

    public override string Rule =>
        "For an array property NAME whose items instantiate a parameter definition D (see `parameter-definition-fields`): the "
        + "fields of D that are not references and that no documentation of NAME's items has (D's prompts) are also fields of the "
        + "one object field that D and NAME's items both document; `response." + SharedFieldSet.DefinitionPrefix + "NAME.items` "
        + "takes them there, merged with that field's own.";

    public override string Reason =>
        "Connect sends a parameter value's prompt and default inside its constraints: asset, request asset and tier configuration "
        + "`params[]` arrive with `constraints.hint`, `constraints.placeholder` and `constraints.default`, which the document gives "
        + "only the product parameter (`dp.Parameter`), beside its `constraints`.";

    public override string? Component(string name, bool arrayItems, PropertyShapeIndex shapes) =>
        Prompts(name, arrayItems, shapes) is not null ? ParameterDefinitionFields.DefinitionOf(name, shapes) : null;

    public override (JObject Documentation, string Described)? Addition(string name, bool arrayItems, PropertyShapeIndex shapes)
    {
        if (Prompts(name, arrayItems, shapes) is not var (definition, holder, prompts))
        {
            return null;
        }

        var documentation = new JObject
        {
            ["type"] = "object",
            ["properties"] = new JObject
            {
                [holder] = new JObject { ["type"] = "object", ["properties"] = new JObject(prompts.Select(p => new JProperty(p.Name, p.Value.DeepClone()))) },
            },
        };
        var named = string.Join(", ", prompts.Select(p => $"`{holder}.{p.Name}`"));
        return (documentation, $"{named}, the prompts `{definition}` documents beside its `{holder}`");
    }

    /// <summary>Whether the holder of the items' own fields lacks a prompt: it is missing, or its fields lack one.</summary>
    protected override bool Lacks(JObject own, JObject added, PropertyShapeIndex shapes) =>
        added.Properties().Any(f => own[f.Name] is not JObject mine
            || (shapes.ObjectProperties((JObject)f.Value) is { } wanted
                && (shapes.ObjectProperties(mine) is not { } has || wanted.Properties().Any(w => has[w.Name] is null))));

    /// <summary>The definition of NAME's items, the field holding its prompts, and the prompts; null when NAME has none.</summary>
    private static (string Definition, string Holder, IReadOnlyList<JProperty> Prompts)? Prompts(string name, bool arrayItems, PropertyShapeIndex shapes)
    {
        if (!arrayItems || ParameterDefinitionFields.DefinitionOf(name, shapes) is not { } definition
            || shapes.ObjectProperties(shapes.ComponentReference(definition)!) is not { } definitionFields)
        {
            return null;
        }

        var valueFields = shapes.ElementDocumentations(name, arrayItems: true)
            .SelectMany(element => shapes.ObjectProperties(element)?.Properties().Select(p => p.Name) ?? [])
            .ToHashSet(StringComparer.Ordinal);
        var prompts = definitionFields.Properties()
            .Where(f => !valueFields.Contains(f.Name) && f.Value is JObject schema && schema["$ref"] is null)
            .ToList();
        var holders = definitionFields.Properties()
            .Where(f => valueFields.Contains(f.Name) && f.Value is JObject schema && schema["type"]?.ToString() != "array"
                && !PropertyShapeIndex.IsScalar(schema) && shapes.ObjectProperties(schema) is not null)
            .Select(f => f.Name)
            .ToList();
        return prompts.Count > 0 && holders.Count == 1 ? (definition, holders[0], prompts) : null;
    }
}
