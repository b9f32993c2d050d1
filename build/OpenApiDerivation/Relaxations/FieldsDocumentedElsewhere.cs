using Connector.OpenApiDerivation.Schemas;
using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Relaxations;

/// <summary>
/// An object property (or an array of objects) also accepts, and describes, the fields the document gives other objects
/// of the same property name that this one lacks.
/// </summary>
internal sealed class FieldsDocumentedElsewhere : PropertyRelaxation
{
    /// <summary>The definition key prefix of the shared field sets (<c>response.fields-elsewhere.NAME</c>, <c>....NAME.items</c> for arrays).</summary>
    public const string DefinitionPrefix = "fields-elsewhere.";

    public override string Id => "fields-documented-elsewhere";

    public override IReadOnlyList<SchemaRole> Roles { get; } = [SchemaRole.Response];

    public override string Rule =>
        "An object property, or the items of an array-of-objects property, that lacks fields the document's other objects of "
        + "the same property name have becomes `anyOf: [documented, {$ref: response." + DefinitionPrefix + "NAME}]`; that "
        + "shared definition is an object with every field any object of that name documents (first documentation of each "
        + "field wins), so the embedded object keeps its documented form and the other fields are described.";

    public override string Reason =>
        "The document trims embedded objects differently per endpoint, but Connect embeds the same object: real payloads "
        + "carry `contract.id`, `asset.tiers.customer.id`, `asset.items[].params[]`, `events.approved` and more that the "
        + "embedding schema omits while another schema of that name documents them.";

    public override JObject? Relax(PropertyContext context)
    {
        if (context.Raw is not JObject raw || PropertyShapeIndex.IsScalar(raw))
        {
            return null;
        }

        var isArray = raw["type"]?.ToString() == "array";
        var element = isArray ? PropertyShapeIndex.Element(raw) : raw;
        if (element is null || context.Shapes.ObjectProperties(element) is not { } own)
        {
            return null;
        }

        var fields = context.Shapes.FieldsOf(context.Name, isArray);
        if (fields.All(f => own[f.Name] is not null))
        {
            return null;
        }

        var key = DefinitionPrefix + context.Name + (isArray ? ".items" : string.Empty);
        var shared = context.Shared(key, () => new JObject
        {
            ["description"] = $"Every field the document gives `{context.Name}`{(isArray ? " items" : string.Empty)} anywhere (relaxation {Id}).",
            ["type"] = "object",
            ["properties"] = new JObject(fields.Select(f => new JProperty(f.Name, context.Convert(f.Value)))),
        });
        var converted = context.Converted;
        if (!isArray)
        {
            return new JObject { ["anyOf"] = new JArray(converted, shared) };
        }

        if (converted["items"] is not JObject items)
        {
            return null;
        }

        converted["items"] = new JObject { ["anyOf"] = new JArray(items, shared) };
        return converted;
    }
}
