using Connector.OpenApiDerivation.Schemas;
using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Relaxations;

/// <summary>
/// A property documented as a scalar, or as an array of scalars, where the document elsewhere gives the same property name
/// an object or an array of objects also accepts those shapes, with their fields described.
/// </summary>
internal sealed class ScalarAlsoDocumentedShapes : PropertyRelaxation
{
    /// <summary>How many shapes from elsewhere one property takes (the most frequent first).</summary>
    public const int MaxShapes = 3;

    /// <summary>The definition key prefix of the shared shapes (<c>response.shapes-elsewhere.NAME</c>).</summary>
    public const string DefinitionPrefix = "shapes-elsewhere.";

    public override string Id => "scalar-also-documented-shapes";

    public override IReadOnlyList<SchemaRole> Roles { get; } = [SchemaRole.Response];

    public override string Rule =>
        "A property documented as a scalar (string, number, integer, boolean) or as an array of scalars whose name the document "
        + "elsewhere documents as "
        + $"an object or an array of objects becomes `anyOf`: the documented form first, then a reference to "
        + $"`response.{DefinitionPrefix}NAME` (`anyOf` of up to {MaxShapes} of those shapes, most frequent first, then the "
        + $"name's shared field set `response.{SharedFieldSet.DefinitionPrefix}NAME[.items]` as an object or array of objects, as "
        + "the shapes are), so both forms are accepted and every field the document gives the name is described.";

    public override string Reason =>
        "Connect expands references: `assignee` arrives as `{id, name, email}` where a request's document says a string, "
        + "tier config request `params` as the parameter array where GET says a string, `extensions` and `template` as objects, "
        + "parameter `value_choices` as `[{label, value}]` where the request's asset says an array of strings.";

    public override JObject? Relax(PropertyContext context)
    {
        if (!PropertyShapeIndex.IsScalar(context.Raw) && !IsArrayOfScalars(context.Raw))
        {
            return null;
        }

        var shapes = context.Shapes.StructuredShapes(context.Name, MaxShapes);
        if (shapes.Count == 0)
        {
            return null;
        }

        var shared = context.Shared(DefinitionPrefix + context.Name, () => new JObject
        {
            ["description"] = $"The shapes the document gives `{context.Name}` elsewhere, then every field it gives `{context.Name}` (relaxation {Id}).",
            ["anyOf"] = new JArray(shapes.Select(context.Convert).Concat(FieldSets(context, shapes))),
        });
        return DocumentedOr(context.Converted, shared);
    }

    /// <summary>
    /// The name's shared field sets (<see cref="SharedFieldSet"/>: every field any object of that name documents, with what the
    /// contributing rules add, such as a parameter's prompts in its <c>constraints</c>), as an object and as an array of objects
    /// when one of the shapes is: the shapes above are each one documentation; these describe all of them together.
    /// </summary>
    private static IEnumerable<JObject> FieldSets(PropertyContext context, IReadOnlyList<JObject> shapes)
    {
        foreach (var arrayItems in new[] { false, true })
        {
            if (shapes.Any(s => SharedFieldSet.TryMember(s, context.Shapes, out var isArray, out _) && isArray == arrayItems))
            {
                var set = SharedFieldSet.Reference(context.Name, arrayItems, context.Shapes, context.Convert, context.Shared);
                yield return arrayItems ? new JObject { ["type"] = "array", ["items"] = set } : set;
            }
        }
    }

    private static bool IsArrayOfScalars(JToken raw) =>
        raw is JObject array && array["type"]?.ToString() == "array" && PropertyShapeIndex.Element(array) is { } element && PropertyShapeIndex.IsScalar(element);
}
