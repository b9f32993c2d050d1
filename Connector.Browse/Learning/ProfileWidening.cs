using Newtonsoft.Json.Linq;

namespace Connector.Browse.Learning;

/// <summary>
/// Merges sample documents into a copy of a documented profile, one at a time, so the samples need not be held.
/// A value the documented node accepts descends into it (object properties, array items, <c>additionalProperties</c>
/// maps, the best-matching <c>anyOf</c> branch, every <c>allOf</c> branch, references followed); a field the profile
/// lacks is added as an observed node; a value of a type the documented node rejects turns that node into
/// <c>anyOf: [documented, observed]</c> (title, description and other annotations stay on the node).
/// </summary>
internal sealed class ProfileWidening
{
    private const int MaxReferenceHops = 64;

    /// <summary>Keywords that stay on a node when it becomes <c>anyOf</c>: annotations, not constraints.</summary>
    private static readonly HashSet<string> KeptOnWrapper = new(StringComparer.Ordinal)
    {
        "$schema", "$id", "id", "definitions", "title", "description", "readOnly", "readonly", "writeOnly", "default", "examples",
    };

    private readonly JObject _root;
    private readonly SortedSet<string> _additions = new(StringComparer.Ordinal);

    public ProfileWidening(JObject documented)
    {
        _root = (JObject)documented.DeepClone();
    }

    /// <summary>What was added so far, sorted.</summary>
    public IReadOnlyList<string> Additions => [.. _additions];

    /// <summary>Merges one sample document (a JSON object) into the profile.</summary>
    public void Merge(JObject sample) => Merge(_root, sample, string.Empty);

    /// <summary>The widened profile, with observed properties placed after the documented ones in name order.</summary>
    public JObject Finish()
    {
        ObservedOrdering.Apply(_root);
        return _root;
    }

    private void Merge(JObject node, JToken value, string path)
    {
        var kind = JsonKinds.Of(value);
        if (ObservedSchema.IsObserved(node))
        {
            JsonKinds.Widen(node, kind);
        }
        else if (!Accepts(node, kind, value, 0))
        {
            node = ObservedBranch(node, kind, path);
            JsonKinds.Widen(node, kind);
        }

        switch (value)
        {
            case JObject obj:
                MergeObject(node, obj, path);
                break;
            case JArray array:
                MergeArray(node, array, path);
                break;
        }
    }

    private void MergeObject(JObject node, JObject sample, string path)
    {
        var holders = new List<JObject>();
        CollectObjectHolders(node, sample, holders, 0);
        if (holders.Count == 0)
        {
            holders.Add(FollowReferences(node));
        }

        foreach (var property in sample.Properties())
        {
            var childPath = path.Length == 0 ? property.Name : path + "." + property.Name;
            var describing = holders
                .Select(h => h["properties"]?[property.Name])
                .OfType<JObject>()
                .ToList();
            if (describing.Count > 0)
            {
                describing.ForEach(d => Merge(d, property.Value, childPath));
                continue;
            }

            if (holders.Select(h => h["additionalProperties"]).OfType<JObject>().FirstOrDefault() is { } map)
            {
                Merge(map, property.Value, (path.Length == 0 ? string.Empty : path + ".") + "*");
                continue;
            }

            var primary = holders[0];
            if (primary["properties"] is not JObject properties)
            {
                properties = [];
                primary["properties"] = properties;
            }

            var added = ObservedSchema.Empty(JsonKinds.Of(property.Value));
            properties[property.Name] = added;
            _additions.Add(childPath + ": new field");
            Merge(added, property.Value, childPath);
        }
    }

    private void MergeArray(JObject node, JArray sample, string path)
    {
        var holder = ArrayHolder(node, 0) ?? FollowReferences(node);
        switch (holder["items"])
        {
            case JObject items:
                foreach (var element in sample)
                {
                    Merge(items, element, path + "[]");
                }

                break;
            case null when sample.Count > 0:
                var added = ObservedSchema.Empty(JsonKinds.Of(sample[0]));
                holder["items"] = added;
                _additions.Add(path + "[]: new items");
                foreach (var element in sample)
                {
                    Merge(added, element, path + "[]");
                }

                break;
        }
    }

    /// <summary>The observed branch of a node that rejects a value: an existing one, or a new <c>anyOf</c>.</summary>
    private JObject ObservedBranch(JObject node, string kind, string path)
    {
        _additions.Add((path.Length == 0 ? "(root)" : path) + ": also " + kind);
        if (node["anyOf"] is JArray branches && branches.OfType<JObject>().FirstOrDefault(ObservedSchema.IsObserved) is { } existing)
        {
            return existing;
        }

        var documented = new JObject();
        foreach (var property in node.Properties().Where(p => !KeptOnWrapper.Contains(p.Name) && !p.Name.StartsWith("x-", StringComparison.Ordinal)).ToList())
        {
            property.Remove();
            documented.Add(property);
        }

        var observed = ObservedSchema.Empty(kind);
        node["anyOf"] = new JArray(documented, observed);
        return observed;
    }

    private bool Accepts(JObject node, string kind, JToken value, int hops)
    {
        if (hops > MaxReferenceHops)
        {
            return true;
        }

        if (node["$ref"] is JValue reference)
        {
            return Resolve(reference) is not { } target || Accepts(target, kind, value, hops + 1);
        }

        var types = JsonKinds.Read(node);
        if ((types.Count > 0 && !JsonKinds.Satisfies(types, kind))
            || (node["enum"] is JArray values && !values.Any(v => JToken.DeepEquals(v, value)))
            || (node.Property("const") is { } constant && !JToken.DeepEquals(constant.Value, value)))
        {
            return false;
        }

        foreach (var keyword in new[] { "anyOf", "oneOf" })
        {
            if (node[keyword] is JArray { Count: > 0 } branches && !branches.OfType<JObject>().Any(b => Accepts(b, kind, value, hops + 1)))
            {
                return false;
            }
        }

        return node["allOf"] is not JArray all || all.OfType<JObject>().All(b => Accepts(b, kind, value, hops + 1));
    }

    /// <summary>The nodes whose <c>properties</c> describe an object value, the most specific first.</summary>
    private void CollectObjectHolders(JObject node, JObject sample, List<JObject> holders, int hops)
    {
        if (hops > MaxReferenceHops)
        {
            return;
        }

        if (node["$ref"] is JValue reference)
        {
            if (Resolve(reference) is { } target)
            {
                CollectObjectHolders(target, sample, holders, hops + 1);
            }

            return;
        }

        if (node["properties"] is JObject || node["additionalProperties"] is JObject || JsonKinds.Read(node).Contains("object"))
        {
            holders.Add(node);
        }

        foreach (var branch in (node["allOf"] as JArray ?? []).OfType<JObject>())
        {
            CollectObjectHolders(branch, sample, holders, hops + 1);
        }

        if (BestBranch(node, sample, hops) is { } best)
        {
            CollectObjectHolders(best, sample, holders, hops + 1);
        }
    }

    /// <summary>Of the <c>anyOf</c>/<c>oneOf</c> branches accepting the object, the one describing most of its fields (first on ties).</summary>
    private JObject? BestBranch(JObject node, JObject sample, int hops)
    {
        var candidates = new[] { "anyOf", "oneOf" }
            .SelectMany(k => (node[k] as JArray ?? []).OfType<JObject>())
            .Where(b => Accepts(b, "object", sample, hops + 1))
            .ToList();
        JObject? best = null;
        var bestScore = -1;
        foreach (var candidate in candidates)
        {
            var holders = new List<JObject>();
            CollectObjectHolders(candidate, sample, holders, hops + 1);
            var score = sample.Properties().Count(p => holders.Any(h => h["properties"]?[p.Name] is JObject));
            if (score > bestScore)
            {
                (best, bestScore) = (candidate, score);
            }
        }

        return best;
    }

    private JObject? ArrayHolder(JObject node, int hops)
    {
        if (hops > MaxReferenceHops)
        {
            return null;
        }

        if (node["$ref"] is JValue reference)
        {
            return Resolve(reference) is { } target ? ArrayHolder(target, hops + 1) : null;
        }

        if (node["items"] is not null || JsonKinds.Read(node).Contains("array"))
        {
            return node;
        }

        return new[] { "allOf", "anyOf", "oneOf" }
            .SelectMany(k => (node[k] as JArray ?? []).OfType<JObject>())
            .Select(b => ArrayHolder(b, hops + 1))
            .FirstOrDefault(h => h is not null);
    }

    private JObject FollowReferences(JObject node)
    {
        for (var hops = 0; hops < MaxReferenceHops && node["$ref"] is JValue reference && Resolve(reference) is { } target; hops++)
        {
            node = target;
        }

        return node;
    }

    /// <summary>Resolves a local reference (<c>#/definitions/X</c> or any JSON pointer into the profile); null when it does not.</summary>
    private JObject? Resolve(JValue reference)
    {
        if (reference.Type != JTokenType.String || (string?)reference is not { } text || !text.StartsWith('#'))
        {
            return null;
        }

        JToken? current = _root;
        foreach (var segment in text[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = Uri.UnescapeDataString(segment).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            current = current switch
            {
                JObject obj => obj[name],
                JArray array when int.TryParse(name, out var index) && index >= 0 && index < array.Count => array[index],
                _ => null,
            };
        }

        return current as JObject;
    }
}
