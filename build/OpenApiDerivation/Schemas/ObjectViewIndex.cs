using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Schemas;

/// <summary>
/// Components that are two views of one object: both answer a <c>GET /X/{id}</c>, they have the same name but for their
/// namespace (<c>dp.Subscription</c>, <c>subscriptions.Subscription</c>), their collections end in the same segment
/// (<c>/assets/{id}</c>, <c>/subscriptions/assets/{id}</c>), and at least <see cref="MinSharedFields"/> of the union of
/// their top-level fields are fields of both (15 of 17 there). In v37 only the asset is documented twice that way; same
/// names without the rest (<c>dp.Category</c> and <c>pim.Category</c> share 3 of 12 fields) are different objects.
/// Built with the converter, from the document as written: the fields <c>fields-documented-by-filters</c> adds later do
/// not count.
/// </summary>
internal sealed class ObjectViewIndex
{
    /// <summary>The share of the two views' fields (of their union) both must have.</summary>
    public const double MinSharedFields = 0.8;

    private readonly Dictionary<string, List<string>> _others = new(StringComparer.Ordinal);

    public ObjectViewIndex(PropertyShapeIndex shapes)
    {
        var collections = shapes.Collections.ItemComponentsByShape
            .Select(c => (Component: c.Value, Name: c.Value[(c.Value.LastIndexOf('.') + 1)..], Segment: LastSegment(c.Key)))
            .Distinct()
            .ToList();
        foreach (var view in collections)
        {
            var others = collections
                .Where(o => o.Component != view.Component && o.Name == view.Name && o.Segment == view.Segment)
                .Select(o => o.Component)
                .Distinct(StringComparer.Ordinal)
                .Where(o => ShareFields(shapes, view.Component, o))
                .Order(StringComparer.Ordinal)
                .ToList();
            if (others.Count > 0)
            {
                _others[view.Component] = others;
            }
        }
    }

    /// <summary>The other views of the object a component describes, in name order (none for most components).</summary>
    public IReadOnlyList<string> OthersOf(string component) => _others.TryGetValue(component, out var others) ? others : [];

    /// <summary><c>/subscriptions/assets/{}</c> -> <c>assets</c>: the last literal segment of a collection's item path shape.</summary>
    private static string LastSegment(string shape) =>
        shape.Split('/', StringSplitOptions.RemoveEmptyEntries).Last(s => s != "{}");

    private static bool ShareFields(PropertyShapeIndex shapes, string first, string second)
    {
        if (FieldNames(shapes, first) is not { Count: > 0 } a || FieldNames(shapes, second) is not { Count: > 0 } b)
        {
            return false;
        }

        var union = a.Union(b).Count();
        return a.Intersect(b).Count() >= MinSharedFields * union;
    }

    private static HashSet<string> FieldNames(PropertyShapeIndex shapes, string component) =>
        shapes.ComponentReference(component) is { } reference && shapes.ObjectProperties(reference) is JObject fields
            ? fields.Properties().Select(p => p.Name).ToHashSet(StringComparer.Ordinal)
            : [];
}
