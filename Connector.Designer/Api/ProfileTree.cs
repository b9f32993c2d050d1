using Newtonsoft.Json.Linq;

namespace Connector.Designer.Api;

/// <summary>
/// Turns a profile's JSON schema into the field tree the page shows: one node per property with its dotted path,
/// documented type and the other types it accepts, read-only and required flags, documented values, format and description. References
/// (<c>#/definitions/…</c>) and <c>allOf</c>/<c>anyOf</c>/<c>oneOf</c> are merged; an array shows its items' fields
/// under it. A reference met again inside itself stops there (the node says so), and depth is bounded. In a learned
/// profile a node the samples added is marked <c>"observed": "new"</c>, a documented one they widened <c>"widened"</c>.
/// </summary>
internal sealed class ProfileTree
{
    /// <summary>How deep the tree goes (Connect's documents nest about six levels).</summary>
    public const int MaxDepth = 12;

    private readonly JObject _root;

    private ProfileTree(JObject root) => _root = root;

    /// <summary>The field nodes of a schema (its top-level properties, each with its children).</summary>
    public static JArray Build(JObject schema)
    {
        var tree = new ProfileTree(schema);
        return tree.Children(tree.Merge(schema, []), string.Empty, [], 0);
    }

    /// <summary>Finds a node by dotted path in a built tree, or null.</summary>
    public static JObject? Find(JArray nodes, string path)
    {
        foreach (var node in nodes.OfType<JObject>())
        {
            var nodePath = (string?)node["path"];
            if (nodePath == path)
            {
                return node;
            }

            if (nodePath is not null && path.StartsWith(nodePath + ".", StringComparison.Ordinal) && node["children"] is JArray children)
            {
                return Find(children, path);
            }
        }

        return null;
    }

    /// <summary>
    /// The nodes of <paramref name="target"/>'s properties. <paramref name="references"/> are the references its
    /// ancestors followed (a property met again inside one is recursive); <paramref name="target"/> was merged with
    /// them already, so its own references do not hide its branches.
    /// </summary>
    private JArray Children(MergedSchema target, string prefix, HashSet<string> references, int depth)
    {
        var nodes = new JArray();
        if (depth >= MaxDepth)
        {
            return nodes;
        }

        if (target.Properties.Count == 0 && target.Items is not null)
        {
            // An array (of objects): its items' fields go under it.
            target = Merge(target.Items.Schema, references);
            references = [.. references, .. target.References];
        }

        var required = target.Required;
        foreach (var (name, property) in target.Properties)
        {
            var path = prefix.Length == 0 ? name : prefix + "." + name;
            var resolved = Merge(property, references);
            var node = Node(name, path, property, resolved, required.Contains(name));
            var nested = new HashSet<string>(references);
            nested.UnionWith(resolved.References);
            var children = resolved.Recursive ? [] : Children(resolved, path, nested, depth + 1);
            if (children.Count > 0)
            {
                node["children"] = children;
            }

            nodes.Add(node);
        }

        return nodes;
    }

    /// <summary>
    /// One field's node without its children: type, nullability, flags, documented values and what was observed. Its
    /// <c>type</c> is the first type the profile lists for it, the documented one (the derivation writes each value's
    /// documented type first and what real data also sends after it: an id documented as a string that Connect may also
    /// send as a number or a reference object is <c>string</c>, not <c>string | number | boolean | object | array</c>);
    /// <c>accepts</c>, when the profile takes more than that, lists every type it takes, in that order.
    /// </summary>
    private static JObject Node(string name, string path, JObject property, MergedSchema resolved, bool required)
    {
        var types = resolved.Types.Where(t => t != "null").ToList();
        var node = new JObject
        {
            ["name"] = name,
            ["path"] = path,
            ["type"] = types.FirstOrDefault() ?? string.Empty,
            ["nullable"] = resolved.Types.Contains("null"),
            ["readOnly"] = resolved.ReadOnly,
            ["required"] = required,
        };
        if (types.Count > 1)
        {
            node["accepts"] = string.Join(" | ", types);
        }

        if (resolved.Enum.Count > 0)
        {
            node["enum"] = new JArray(resolved.Enum);
        }

        if (resolved.Format is not null)
        {
            node["format"] = resolved.Format;
        }

        if (WithoutListedValues(resolved.Description, resolved.Enum) is { Length: > 0 } description)
        {
            node["description"] = description;
        }

        if (resolved.Recursive)
        {
            node["recursive"] = true;
        }

        if (MergedSchema.IsObserved(property))
        {
            node["observed"] = "new";
        }
        else if (resolved.Observed)
        {
            node["observed"] = "widened";
        }

        return node;
    }

    /// <summary>
    /// A description without the sentence the derivation appends when it moves a value list out of <c>enum</c>
    /// ("Documented values: a, b, c."): the node lists those values itself (<c>enum</c>), and the page would show them twice.
    /// Any other text stays, and so does a sentence that does not list exactly the node's values.
    /// </summary>
    private static string? WithoutListedValues(string? description, List<string> values)
    {
        if (description is null || values.Count == 0)
        {
            return description;
        }

        var sentence = "Documented values: " + string.Join(", ", values) + ".";
        var at = description.LastIndexOf(sentence, StringComparison.Ordinal);
        return at < 0 || (at > 0 && description[at - 1] != ' ')
            ? description
            : (description[..at].TrimEnd() + " " + description[(at + sentence.Length)..].TrimStart()).Trim();
    }

    /// <summary>A schema with its references and combinators folded into one view.</summary>
    private MergedSchema Merge(JObject schema, HashSet<string> references)
    {
        var merged = new MergedSchema(schema);
        var seen = new HashSet<string>(references);
        Fold(schema, merged, seen, 0);
        return merged;
    }

    private void Fold(JObject schema, MergedSchema merged, HashSet<string> seen, int depth)
    {
        if (depth > MaxDepth)
        {
            return;
        }

        if ((string?)schema["$ref"] is { } reference)
        {
            if (!seen.Add(reference))
            {
                merged.Recursive = true;
                return;
            }

            merged.References.Add(reference);
            if (Resolve(reference) is { } target)
            {
                Fold(target, merged, seen, depth + 1);
            }
        }

        merged.Take(schema);
        foreach (var key in new[] { "allOf", "anyOf", "oneOf" })
        {
            if (schema[key] is JArray parts)
            {
                foreach (var part in parts.OfType<JObject>())
                {
                    Fold(part, merged, seen, depth + 1);
                }
            }
        }
    }

    private JObject? Resolve(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            return null;
        }

        JToken? current = _root;
        foreach (var segment in reference[2..].Split('/'))
        {
            current = current?[segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
        }

        return current as JObject;
    }

    /// <summary>What the tree needs of a (merged) schema.</summary>
    private sealed class MergedSchema(JObject origin)
    {
        public JObject Schema { get; } = origin;

        public List<string> Types { get; } = [];

        public bool ReadOnly { get; private set; }

        public List<string> Enum { get; } = [];

        public string? Format { get; private set; }

        public string? Description { get; private set; }

        public HashSet<string> Required { get; } = new(StringComparer.Ordinal);

        public List<(string Name, JObject Schema)> Properties { get; } = [];

        public MergedSchema? Items { get; private set; }

        public List<string> References { get; } = [];

        public bool Recursive { get; set; }

        /// <summary>Whether a learned profile added to it (<c>"x-observed": true</c> on it or on one of its branches).</summary>
        public bool Observed { get; private set; }

        /// <summary>Whether the schema itself was added by a learned profile, not documented.</summary>
        public static bool IsObserved(JObject schema) => schema["x-observed"] is JValue { Type: JTokenType.Boolean, Value: true };

        public void Take(JObject schema)
        {
            switch (schema["type"])
            {
                case JArray types:
                    Add(types.Select(t => (string?)t));
                    break;
                case JValue { Type: JTokenType.String } type:
                    Add([(string?)type]);
                    break;
            }

            ReadOnly |= (bool?)(schema["readOnly"] ?? schema["readonly"]) == true;
            Observed |= IsObserved(schema);
            foreach (var value in (schema["enum"] ?? schema["x-enum"]) as JArray ?? [])
            {
                var text = value.Type == JTokenType.String ? (string)value! : value.ToString(Newtonsoft.Json.Formatting.None);
                if (value.Type != JTokenType.Null && !Enum.Contains(text))
                {
                    Enum.Add(text);
                }
            }

            Format ??= (string?)(schema["format"] ?? schema["x-format"]);
            Description ??= (string?)schema["description"];
            foreach (var name in schema["required"] as JArray ?? [])
            {
                Required.Add((string)name!);
            }

            if (schema["properties"] is JObject properties)
            {
                foreach (var property in properties.Properties())
                {
                    if (property.Value is JObject value && Properties.All(p => p.Name != property.Name))
                    {
                        Properties.Add((property.Name, value));
                    }
                }
            }

            if (schema["items"] is JObject items && Items is null)
            {
                Items = new MergedSchema(items);
            }
        }

        private void Add(IEnumerable<string?> types)
        {
            foreach (var type in types.OfType<string>())
            {
                if (!Types.Contains(type))
                {
                    Types.Add(type);
                }
            }
        }
    }
}
