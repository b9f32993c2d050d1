using Connector.OpenApiDerivation.Schemas;
using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Relaxations;

/// <summary>
/// The shared field set of a property name, <c>response.fields-elsewhere.NAME</c> (<c>NAME.items</c> for the items of an
/// array): one object with every field the document gives that name anywhere, plus the fields the
/// contributing rules (<see cref="SharedFieldsContribution"/>) say the name also stands for. Built once per name and
/// referenced, so every rule that widens a property with it shares the one definition.
/// </summary>
internal static class SharedFieldSet
{
    /// <summary>The definition key prefix of the shared field sets.</summary>
    public const string DefinitionPrefix = "fields-elsewhere.";

    /// <summary>The definition key of a name's set (<c>fields-elsewhere.params.items</c>).</summary>
    public static string Key(string name, bool arrayItems) => DefinitionPrefix + name + (arrayItems ? ".items" : string.Empty);

    /// <summary>
    /// Whether a raw property schema is an object, or an array of objects, with documented fields: its own fields
    /// (<paramref name="own"/>) and whether they are an array's items.
    /// </summary>
    public static bool TryMember(JToken raw, PropertyShapeIndex shapes, out bool arrayItems, out JObject own)
    {
        arrayItems = false;
        own = [];
        if (raw is not JObject node || PropertyShapeIndex.IsScalar(node))
        {
            return false;
        }

        arrayItems = node["type"]?.ToString() == "array";
        var element = arrayItems ? PropertyShapeIndex.Element(node) : node;
        if (element is null || shapes.ObjectProperties(element) is not { } properties)
        {
            return false;
        }

        own = properties;
        return true;
    }

    /// <summary>What the contributing rules add to a name's set: each addition's documentation and description, with the id of the rule that adds it.</summary>
    public static IReadOnlyList<(string RuleId, JObject Documentation, string Described)> Contributions(string name, bool arrayItems, PropertyShapeIndex shapes) =>
        SchemaRelaxationCatalog.PropertyRules
            .OfType<SharedFieldsContribution>()
            .Select(rule => (rule.Id, Addition: rule.Addition(name, arrayItems, shapes)))
            .Where(c => c.Addition is not null)
            .Select(c => (c.Id, c.Addition!.Value.Documentation, c.Addition!.Value.Described))
            .ToList();

    /// <summary>A reference to a name's set, building the definition on first use.</summary>
    public static JObject Reference(
        string name,
        bool arrayItems,
        PropertyShapeIndex shapes,
        Func<JToken, JObject> convert,
        Func<string, Func<JObject>, JObject> shared) =>
        shared(Key(name, arrayItems), () =>
        {
            var contributions = Contributions(name, arrayItems, shapes);
            var fields = shapes.FieldsOf(name, arrayItems, contributions.Select(c => c.Documentation));
            var also = string.Concat(contributions.Select(c => $" Also {c.Described} (relaxation {c.RuleId})."));
            return new JObject
            {
                ["description"] = $"Every field the document gives `{name}`{(arrayItems ? " items" : string.Empty)} anywhere (relaxation {FieldsDocumentedElsewhere.RuleId}).{also}",
                ["type"] = "object",
                ["properties"] = new JObject(fields.Select(f => new JProperty(f.Name, convert(f.Value)))),
            };
        });

    /// <summary>
    /// The property's converted schema with its name's set as an alternative (<c>anyOf: [converted, set]</c>; for an array
    /// its items), or null when it already offers the set or an array has no items.
    /// </summary>
    public static JObject? WithSet(PropertyContext context, bool arrayItems)
    {
        var reference = Reference(context.Name, arrayItems, context.Shapes, context.Convert, context.Shared);
        var converted = context.Converted;
        if (!arrayItems)
        {
            return Offers(converted, reference) ? null : new JObject { ["anyOf"] = new JArray(converted, reference) };
        }

        if (converted["items"] is not JObject items || Offers(items, reference))
        {
            return null;
        }

        converted["items"] = new JObject { ["anyOf"] = new JArray(items, reference) };
        return converted;
    }

    /// <summary>Whether the property's converted schema (its items for an array) already offers its name's set: an earlier rule offered it.</summary>
    public static bool Offered(PropertyContext context, bool arrayItems)
    {
        var reference = Reference(context.Name, arrayItems, context.Shapes, context.Convert, context.Shared);
        return (arrayItems ? context.Converted["items"] as JObject : context.Converted) is { } schema && Offers(schema, reference);
    }

    private static bool Offers(JObject schema, JObject reference) =>
        schema["anyOf"] is JArray alternatives && alternatives.Any(a => JToken.DeepEquals(a, reference));
}
