using System.Text.RegularExpressions;
using Connector.OpenApiDerivation.Schemas;
using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Relaxations;

/// <summary>
/// A document rule, applied to the OpenAPI document before any schema is converted: the fields an object type's list
/// filters by are fields of its objects, so each answer of the object type documented like the list's items gets the
/// filtered fields it lacks.
/// </summary>
internal sealed partial class FieldsDocumentedByFilters : SchemaRelaxation
{
    /// <summary>The extension keyword marking a property this rule added (the converter drops <c>x-</c> keywords).</summary>
    private const string AddedMark = "x-documented-by-filter";

    public override string Id => "fields-documented-by-filters";

    public override IReadOnlyList<SchemaRole> Roles { get; } = [SchemaRole.Response];

    public override string Rule =>
        "Before conversion, each answer of an object type's endpoints that is documented like the items of the object type's "
        + "list (the same component, or inline with the same property names) gets, for every filter of that list whose first "
        + "step it lacks (`contract.id` on a fulfillment request), that property: untyped, with the filter's further steps as "
        + "its properties, its description naming the filter. Skipped: filters in Django form (`contract__id`) and `X_id` "
        + "where `X` is documented (`asset_id` beside `asset`). The rules applied at conversion then treat it as any "
        + "documented property (`fields-documented-elsewhere` gives `contract` the fields other contracts document); request "
        + "bodies leave the added properties out (a component changed here is also converted for requests).";

    public override string Reason =>
        "A filter names a field of the listed objects, and the document's object schemas miss fields Connect sends: a "
        + "fulfillment request's `contract` (which most real requests carry) and `template` are filters of `GET /requests` "
        + "but in none of the 14 schemas its endpoints answer with.";

    public override bool RecordsLocations => true;

    /// <summary>
    /// Adds the fields one object type's list filters by to every answer documented like the list's items, in place.
    /// </summary>
    /// <param name="list">The list endpoint (<c>GET /requests</c>), its filters' field paths, and its answers.</param>
    /// <param name="answers">Every answer of the object type's endpoints (labelled <c>METHOD PATH STATUS</c>), the list's included.</param>
    /// <param name="components">The document's component schemas (an answer by reference is changed in its component).</param>
    /// <param name="shapes">Resolves the documented properties of a schema through references and <c>allOf</c>.</param>
    /// <param name="locations">Where the rule fired is recorded here.</param>
    public void AddFields(
        (string Label, IReadOnlyList<string> Filters, IReadOnlyList<(string Label, JObject Schema)> Answers) list,
        IEnumerable<(string Label, JObject Schema)> answers,
        JObject components,
        PropertyShapeIndex shapes,
        RelaxationLocations locations)
    {
        var fields = FieldTree(list.Filters);
        var listed = list.Answers.Select(a => ObjectOf(a.Schema, a.Label, components)).OfType<AnsweredObject>().Select(o => o.Key).ToHashSet(StringComparer.Ordinal);
        if (fields.Count == 0 || listed.Count == 0)
        {
            return;
        }

        var targets = answers
            .Select(a => ObjectOf(a.Schema, a.Label, components))
            .OfType<AnsweredObject>()
            .Where(o => listed.Contains(o.Key))
            .DistinctBy(o => o.Schema, ReferenceEqualityComparer.Instance);
        foreach (var target in targets)
        {
            var documented = shapes.ObjectProperties(target.Schema) ?? [];
            foreach (var (name, field) in fields)
            {
                if (shapes.OwnProperty(target.Schema, name) is { } own)
                {
                    MarkStepsBelow(own, field, new FilterPath(field.Filters, name, list.Label), shapes);
                    continue;
                }

                if (documented[name] is not null || IsAliasOfDocumented(name, documented))
                {
                    continue;
                }

                if (target.Schema["properties"] is not JObject properties)
                {
                    properties = [];
                    target.Schema["properties"] = properties;
                }

                var added = field.Schema(
                    $"Not in the document's schema of this object; named by the filter {string.Join(", ", field.Filters.Select(f => $"`{f}`"))} "
                    + $"of {list.Label} (relaxation {Id}).");
                added[AddedMark] = true;
                properties[name] = added;
                using (locations.Enter(target.Label))
                using (target.IsListItem ? locations.Step("[]") : null)
                using (locations.Step(name))
                {
                    locations.Record(Id);
                }
            }
        }
    }

    /// <summary>
    /// Marks a documented property under which filters name steps the document does not give it (<c>assignee.email</c>
    /// where a request's <c>assignee</c> is a string) with those steps, for <see cref="FilterStepsOfDocumentedFields"/>
    /// to describe at conversion (responses only); a documented step is followed down (<c>configuration.account.hub.id</c>).
    /// An array's steps are its items' fields; an array of arrays, or an object whose fields no schema gives, is left to
    /// the other rules.
    /// </summary>
    private static void MarkStepsBelow(JObject property, FilterField field, FilterPath path, PropertyShapeIndex shapes)
    {
        if (field.Children.Count == 0
            || (property["type"]?.ToString() == "array" ? PropertyShapeIndex.Element(property) : property) is not { } element)
        {
            return;
        }

        if (!PropertyShapeIndex.IsScalar(element) && shapes.ObjectProperties(element) is null)
        {
            return;
        }

        var missing = new JObject();
        foreach (var (step, child) in field.Children)
        {
            if (shapes.OwnProperty(element, step) is { } documentedStep)
            {
                MarkStepsBelow(documentedStep, child, path with { Path = path.Path + "." + step }, shapes);
            }
            else
            {
                missing[step] = child.Schema();
            }
        }

        if (missing.Count > 0)
        {
            // The filters that reach a missing step (`product.title`, not `product.id` where the product has an id).
            var naming = path.Filters
                .Where(f => missing.Properties().Any(m => f == $"{path.Path}.{m.Name}" || f.StartsWith($"{path.Path}.{m.Name}.", StringComparison.Ordinal)))
                .Select(f => $"`{f}`");
            FilterStepsOfDocumentedFields.AddMark(property, missing, $"{string.Join(", ", naming)} of {path.ListLabel}");
        }
    }

    /// <summary>Whether a document schema is a property this rule added (request bodies leave those out).</summary>
    public static bool IsAdded(JToken schema) => schema is JObject { } node && node[AddedMark] is not null;

    /// <summary>The object an answer documents (a list's items, or the answer itself), keyed by its component or its property names.</summary>
    private static AnsweredObject? ObjectOf(JObject schema, string label, JObject components)
    {
        var listItem = schema["items"] is JObject;
        var node = schema["items"] as JObject ?? schema;
        if (ComponentReferences.NameOf(node) is { } name)
        {
            return components[name] is JObject component ? new AnsweredObject("$ref " + name, component, "response." + name, false) : null;
        }

        return node["properties"] is JObject { Count: > 0 } properties
            ? new AnsweredObject("inline " + string.Join(",", properties.Properties().Select(p => p.Name).Order(StringComparer.Ordinal)), node, label, listItem)
            : null;
    }

    /// <summary>The filters' field paths as a tree of property names, in name order; paths that are not plain dotted names are left out.</summary>
    private static SortedDictionary<string, FilterField> FieldTree(IEnumerable<string> filters)
    {
        var fields = new SortedDictionary<string, FilterField>(StringComparer.Ordinal);
        foreach (var filter in filters.Where(f => !f.Contains("__", StringComparison.Ordinal) && FieldPath().IsMatch(f)))
        {
            var steps = filter.Split('.');
            var field = FilterField.Child(fields, steps[0]);
            field.Filters.Add(filter);
            foreach (var step in steps.Skip(1))
            {
                field = FilterField.Child(field.Children, step);
            }
        }

        return fields;
    }

    /// <summary>Whether a top-level <c>X_id</c> filter is another name for the documented <c>X</c>'s id.</summary>
    private static bool IsAliasOfDocumented(string name, JObject documented) =>
        name.EndsWith("_id", StringComparison.Ordinal) && name.Length > 3 && documented[name[..^3]] is not null;

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex FieldPath();

    /// <summary>
    /// An object an answer documents: its key (component or property names), the schema to change, and where it is (the
    /// component's definition, or the answer and whether the object is its list's items).
    /// </summary>
    private sealed record AnsweredObject(string Key, JObject Schema, string Label, bool IsListItem);

    /// <summary>Where <see cref="MarkStepsBelow"/> is: the filters of the top-level property, the dotted path to here, and the list they filter.</summary>
    private sealed record FilterPath(IReadOnlyList<string> Filters, string Path, string ListLabel);

    /// <summary>One property named by filters: the filters naming it (top level only) and its further steps.</summary>
    private sealed class FilterField
    {
        public List<string> Filters { get; } = [];

        public SortedDictionary<string, FilterField> Children { get; } = new(StringComparer.Ordinal);

        public static FilterField Child(SortedDictionary<string, FilterField> siblings, string name)
        {
            if (!siblings.TryGetValue(name, out var field))
            {
                field = new FilterField();
                siblings[name] = field;
            }

            return field;
        }

        /// <summary>An untyped schema (nothing it receives is refused) with the further steps as its properties.</summary>
        public JObject Schema(string? description = null)
        {
            var schema = new JObject();
            if (description is not null)
            {
                schema["description"] = description;
            }

            if (Children.Count > 0)
            {
                schema["properties"] = new JObject(Children.Select(c => new JProperty(c.Key, c.Value.Schema())));
            }

            return schema;
        }
    }
}
