using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Schemas;

/// <summary>
/// Every shape the OpenAPI document gives a property name, anywhere (component schemas in name order, then inline
/// schemas of path operations in document order): what the context-aware relaxations borrow from ("the shape used
/// elsewhere in the document"). Shapes are the document's raw schemas (references not followed), deduplicated.
/// </summary>
internal sealed class PropertyShapeIndex
{
    private static readonly HashSet<string> ScalarTypes = new(StringComparer.Ordinal) { "string", "number", "integer", "boolean" };

    private readonly JObject _components;
    private readonly Dictionary<string, List<JObject>> _shapes = new(StringComparer.Ordinal);

    public PropertyShapeIndex(JObject components, JObject? paths)
    {
        _components = components;
        Collections = new CollectionIndex(paths);
        foreach (var component in components.Properties().OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            Walk(component.Value, 0);
        }

        foreach (var operation in (paths ?? []).Properties().SelectMany(p => (p.Value as JObject ?? []).Properties()))
        {
            foreach (var schema in operation.Value.SelectTokens("$..schema").OfType<JObject>())
            {
                Walk(schema, 0);
            }
        }
    }

    /// <summary>The document's collections of objects (<c>GET /X/{id}</c> answering a component), by path shape and by name.</summary>
    public CollectionIndex Collections { get; }

    /// <summary>Whether a raw schema is a plain scalar (string, number, integer or boolean; no reference, no properties).</summary>
    public static bool IsScalar(JToken schema) =>
        schema is JObject node && node["$ref"] is null && node["properties"] is null && node["items"] is null
        && node["type"] is JValue { Type: JTokenType.String } type && ScalarTypes.Contains((string)type!);

    /// <summary>The object and array-of-object shapes documented for a property name, most frequent first (at most <paramref name="limit"/>).</summary>
    public IReadOnlyList<JObject> StructuredShapes(string name, int limit) =>
        Shapes(name)
            .Where(s => ObjectProperties(s) is not null || (s["type"]?.ToString() == "array" && s["items"] is JObject items && ObjectProperties(items) is not null))
            .Take(limit)
            .ToList();

    /// <summary>
    /// The fields (raw property schemas) the object shapes of a property name document, each field's documentations merged
    /// deeply (<see cref="DeepFieldMerge"/>); for array shapes the fields of their items. Order: shapes most frequent
    /// first, then <paramref name="alsoDocumentations"/> (raw object schemas other rules say the name also stands for),
    /// fields in order of first documentation.
    /// </summary>
    public IReadOnlyList<JProperty> FieldsOf(string name, bool arrayItems, IEnumerable<JObject>? alsoDocumentations = null)
    {
        var fields = ElementDocumentations(name, arrayItems)
            .Concat(alsoDocumentations ?? [])
            .SelectMany(element => ObjectProperties(element)?.Properties() ?? []);
        var merge = new DeepFieldMerge(ObjectProperties);
        return DeepFieldMerge.DocumentationsByField(fields).Select(f => new JProperty(f.Key, merge.Merge(f.ToList()))).ToList();
    }

    /// <summary>
    /// The distinct documentations of a property name (most frequent first); with <paramref name="arrayItems"/> the element
    /// schemas of its array documentations only.
    /// </summary>
    public IEnumerable<JObject> ElementDocumentations(string name, bool arrayItems) =>
        Shapes(name)
            .Select(shape => arrayItems ? (shape["type"]?.ToString() == "array" ? Element(shape) : null) : shape)
            .OfType<JObject>();

    /// <summary>A component by name, as a raw reference schema (<c>{"$ref": "#/components/schemas/NAME"}</c>); null when the document has no such component.</summary>
    public JObject? ComponentReference(string component) =>
        _components[component] is JObject ? new JObject { ["$ref"] = ComponentReferences.Prefix + component } : null;

    /// <summary>The component names of the document, in name order.</summary>
    public IEnumerable<string> ComponentNames => _components.Properties().Select(p => p.Name).Order(StringComparer.Ordinal);

    /// <summary>The values of a raw scalar schema's <c>enum</c> (empty when it has none), as strings.</summary>
    public static IReadOnlyList<string> EnumValues(JToken? schema) =>
        (schema as JObject)?["enum"] is JArray values ? values.Select(v => v.ToString()).ToList() : [];

    /// <summary>The innermost element schema of a raw array schema (arrays of arrays unwrapped); null when there is none.</summary>
    public static JObject? Element(JObject array)
    {
        var element = array["items"] as JObject;
        for (var depth = 0; depth < 8 && element?["type"]?.ToString() == "array"; depth++)
        {
            element = element["items"] as JObject;
        }

        return element;
    }

    /// <summary>The properties of a raw object schema, following a component reference and <c>allOf</c>; null when it has none.</summary>
    public JObject? ObjectProperties(JObject schema)
    {
        JObject? merged = null;
        foreach (var reached in Reached(schema, 0))
        {
            foreach (var property in (reached["properties"] as JObject)?.Properties() ?? [])
            {
                merged ??= [];
                if (merged[property.Name] is null)
                {
                    merged.Add(new JProperty(property.Name, property.Value.DeepClone()));
                }
            }
        }

        return merged;
    }

    /// <summary>
    /// The document's own node of a property of a raw object schema (not a copy, as <see cref="ObjectProperties(JObject)"/> gives:
    /// what is written on it reaches the conversion), the first the schemas <see cref="ObjectProperties(JObject)"/> reads
    /// document; null when none does.
    /// </summary>
    public JObject? OwnProperty(JObject schema, string name) =>
        Reached(schema, 0).Select(reached => reached["properties"]?[name] as JObject).FirstOrDefault(property => property is not null);

    /// <summary>
    /// The raw object schemas a schema documents its properties in, first to last: itself, or the component its reference
    /// names, then each of its <c>allOf</c> branches in turn, reached the same way (16 hops at most).
    /// </summary>
    private IEnumerable<JObject> Reached(JObject schema, int hops)
    {
        if (hops > 16)
        {
            yield break;
        }

        if (schema["$ref"] is JValue { Type: JTokenType.String } reference)
        {
            if (ComponentReferences.NameOf((string)reference!) is { } name && _components[name] is JObject component)
            {
                foreach (var reached in Reached(component, hops + 1))
                {
                    yield return reached;
                }
            }

            yield break;
        }

        yield return schema;
        foreach (var branch in (schema["allOf"] as JArray ?? []).OfType<JObject>())
        {
            foreach (var reached in Reached(branch, hops + 1))
            {
                yield return reached;
            }
        }
    }

    /// <summary>Distinct shapes of a name, most frequent first, then first documented.</summary>
    private IEnumerable<JObject> Shapes(string name) =>
        _shapes.TryGetValue(name, out var shapes)
            ? shapes
                .Select((s, i) => (Shape: s, Index: i, Key: s.ToString(Formatting.None)))
                .GroupBy(s => s.Key, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count())
                .ThenBy(g => g.Min(s => s.Index))
                .Select(g => g.First().Shape)
            : [];

    private void Walk(JToken token, int depth)
    {
        if (token is not JObject node || depth > 64)
        {
            return;
        }

        foreach (var property in (node["properties"] as JObject ?? []).Properties())
        {
            if (property.Value is JObject schema)
            {
                if (!_shapes.TryGetValue(property.Name, out var list))
                {
                    list = [];
                    _shapes[property.Name] = list;
                }

                list.Add(schema);
            }

            Walk(property.Value, depth + 1);
        }

        foreach (var keyword in new[] { "items", "additionalProperties", "not" })
        {
            Walk(node[keyword] ?? JValue.CreateNull(), depth + 1);
        }

        foreach (var keyword in new[] { "allOf", "anyOf", "oneOf" })
        {
            foreach (var branch in node[keyword] as JArray ?? [])
            {
                Walk(branch, depth + 1);
            }
        }
    }
}
