using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Schemas;

/// <summary>
/// Merges the document's several schemas of one field into one raw schema that has every field any of them documents,
/// at every depth: objects are merged field by field, arrays by their items; a field documented once (or identically
/// everywhere) keeps that documentation as it is (a component reference stays a reference); forms that cannot be merged
/// (a scalar and an object, an array of strings and an array of objects) stay side by side in <c>anyOf</c>.
/// </summary>
internal sealed class DeepFieldMerge(Func<JObject, JObject?> objectProperties)
{
    /// <summary>How deep objects are merged; below that the first documentation is kept.</summary>
    public const int MaxDepth = 6;

    /// <summary>The merged schema of the given documentations (at least one) of one field.</summary>
    public JObject Merge(IReadOnlyList<JObject> documentations) => Merge(documentations, 0);

    private JObject Merge(IReadOnlyList<JObject> documentations, int depth)
    {
        var distinct = documentations
            .GroupBy(d => d.ToString(Formatting.None), StringComparer.Ordinal)
            .Select(g => g.First())
            .ToList();
        if (distinct.Count == 1 || depth >= MaxDepth)
        {
            return distinct[0];
        }

        var arrays = distinct.Where(d => d["type"]?.ToString() == "array").ToList();
        var objects = distinct.Where(d => d["type"]?.ToString() != "array" && objectProperties(d) is not null).ToList();
        var others = distinct.Where(d => !arrays.Contains(d) && !objects.Contains(d)).ToList();
        var forms = new List<JObject>();
        if (others.Count > 0)
        {
            forms.Add(others[0]);
        }

        if (objects.Count > 0)
        {
            forms.Add(objects.Count == 1 ? objects[0] : MergeObjects(objects, depth));
        }

        if (arrays.Count > 0)
        {
            forms.AddRange(arrays.Count == 1 ? [arrays[0]] : MergeArrays(arrays, depth));
        }

        return forms.Count == 1 ? forms[0] : new JObject { ["anyOf"] = new JArray(forms) };
    }

    /// <summary>
    /// The schemas of the given fields grouped by field name, in order of each name's first appearance; a field whose
    /// value is not a schema object is skipped.
    /// </summary>
    public static IEnumerable<IGrouping<string, JObject>> DocumentationsByField(IEnumerable<JProperty> fields) =>
        fields
            .Where(field => field.Value is JObject)
            .GroupBy(field => field.Name, field => (JObject)field.Value, StringComparer.Ordinal);

    private JObject MergeObjects(List<JObject> objects, int depth)
    {
        var fields = DocumentationsByField(objects.SelectMany(o => objectProperties(o)!.Properties()));
        var merged = new JObject();
        if (objects.Select(o => o["description"]).FirstOrDefault(d => d is not null) is { } description)
        {
            merged["description"] = description.DeepClone();
        }

        merged["type"] = "object";
        merged["properties"] = new JObject(fields.Select(field => new JProperty(field.Key, Merge(field.ToList(), depth + 1).DeepClone())));
        return merged;
    }

    /// <summary>Arrays merge by their items; items that are arrays themselves keep their arrays apart.</summary>
    private IEnumerable<JObject> MergeArrays(List<JObject> arrays, int depth)
    {
        var items = arrays.Select(a => a["items"]).OfType<JObject>().ToList();
        if (items.Count < arrays.Count)
        {
            return [arrays[0]];
        }

        var merged = Merge(items, depth + 1);
        return [new JObject { ["type"] = "array", ["items"] = merged.DeepClone() }];
    }
}
