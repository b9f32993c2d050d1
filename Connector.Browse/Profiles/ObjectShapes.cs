using Connector.Core.Endpoints;
using Newtonsoft.Json.Linq;

namespace Connector.Browse.Profiles;

/// <summary>
/// Unions the documented shapes of one object (GET, QUERY item, CREATE answer...) into one OUTPUT profile that
/// describes every field once and accepts every shape: a property documented differently by two endpoints becomes
/// <c>anyOf</c> of its documented forms.
/// </summary>
internal static class ObjectShapes
{
    /// <summary>The union of the shapes (null when there are none); one shape is returned as it is.</summary>
    public static JObject? Union(IReadOnlyList<JObject> shapes, SchemaDefinitions definitions)
    {
        var distinct = Distinct(shapes);
        return distinct.Count <= 1 ? distinct.FirstOrDefault() : UnionOfDistinct(distinct, definitions);
    }

    /// <summary>The shapes without repeats (equal JSON), in order.</summary>
    public static List<JObject> Distinct(IReadOnlyList<JObject> shapes)
    {
        var distinct = new List<JObject>();
        foreach (var shape in shapes.Where(s => !distinct.Any(d => JToken.DeepEquals(d, s))))
        {
            distinct.Add(shape);
        }

        return distinct;
    }

    /// <summary>The union of two or more distinct shapes (<see cref="Distinct"/>): a new object.</summary>
    public static JObject UnionOfDistinct(IReadOnlyList<JObject> distinct, SchemaDefinitions definitions)
    {
        var roots = distinct.Select(s => SchemaShape.FollowRootReference(Unwrap(s), definitions)).ToList();
        if (roots.Any(r => r["properties"] is not JObject))
        {
            return new JObject { ["anyOf"] = new JArray(distinct.Select(d => d.DeepClone())) };
        }

        var union = new JObject();
        foreach (var keyword in new[] { "title", "description" })
        {
            if (roots.Select(r => r[keyword]).FirstOrDefault(v => v is not null) is { } text)
            {
                union[keyword] = text.DeepClone();
            }
        }

        union["type"] = "object";
        var properties = new JObject();
        foreach (var name in roots.SelectMany(r => ((JObject)r["properties"]!).Properties().Select(p => p.Name)).Distinct(StringComparer.Ordinal))
        {
            var forms = new List<JToken>();
            foreach (var form in roots.Select(r => r["properties"]![name]).OfType<JToken>().Where(f => !forms.Any(x => JToken.DeepEquals(x, f))))
            {
                forms.Add(form);
            }

            properties[name] = forms.Count == 1
                ? forms[0].DeepClone()
                : new JObject
                {
                    ["description"] = forms.Select(f => f["description"]).FirstOrDefault(d => d is not null)?.DeepClone() ?? "Documented differently by the endpoints of this object; any of these forms.",
                    ["anyOf"] = new JArray(forms.Select(f => f.DeepClone())),
                };
        }

        union["properties"] = properties;
        return union;
    }

    /// <summary>Whether the shape's root documents the property.</summary>
    public static bool HasProperty(JObject shape, string property, SchemaDefinitions definitions) =>
        SchemaShape.RootPropertyNames(Unwrap(shape), definitions).Contains(property, StringComparer.Ordinal);

    /// <summary>A root made nullable by the derivation (<c>anyOf: [{$ref}, {type: null}]</c>) stands for its reference.</summary>
    private static JObject Unwrap(JObject shape) =>
        shape["anyOf"] is JArray { Count: 2 } anyOf
        && anyOf.OfType<JObject>().SingleOrDefault(b => b["$ref"] is not null) is { } reference
        && anyOf.OfType<JObject>().Any(b => (string?)b["type"] == "null")
            ? reference
            : shape;
}
