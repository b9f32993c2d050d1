using Newtonsoft.Json.Linq;

namespace Connector.Tests.RealPayloads;

/// <summary>
/// Which leaf field paths of a JSON value a profile describes. A leaf is a scalar, null, or an empty object or array;
/// its path is the property names and array steps (<c>[]</c>) leading to it. A path is described when, from the
/// profile root, each step finds a schema: a property of that name (or an <c>additionalProperties</c> schema, for
/// maps) for a name, <c>items</c> for an array step, looking through <c>$ref</c>, <c>anyOf</c>, <c>oneOf</c>, <c>allOf</c>.
/// </summary>
internal sealed class ProfileCoverage(JObject profile)
{
    private const int MaxHops = 64;

    public static IEnumerable<string[]> LeafPaths(JToken value)
    {
        var pending = new Stack<(JToken Value, string[] Path)>();
        pending.Push((value, []));
        while (pending.Count > 0)
        {
            var (node, path) = pending.Pop();
            switch (node)
            {
                case JObject { Count: > 0 } obj:
                    foreach (var property in obj.Properties().Reverse())
                    {
                        pending.Push((property.Value, [.. path, property.Name]));
                    }

                    break;
                case JArray { Count: > 0 } array:
                    foreach (var item in array.Reverse())
                    {
                        pending.Push((item, [.. path, "[]"]));
                    }

                    break;
                default:
                    yield return path;
                    break;
            }
        }
    }

    public bool Describes(IReadOnlyList<string> path)
    {
        var nodes = new List<JObject> { profile };
        foreach (var step in path)
        {
            nodes = nodes.SelectMany(Branches).SelectMany(n => Children(n, step)).Distinct(ReferenceEqualityComparer.Instance).Cast<JObject>().ToList();
            if (nodes.Count == 0)
            {
                return false;
            }
        }

        return true;
    }

    private static IEnumerable<JObject> Children(JObject node, string step) =>
        step == "[]"
            ? node["items"] is JObject items ? [items] : []
            : node["properties"]?[step] is JObject property ? [property]
            : node["additionalProperties"] is JObject map ? [map]
            : [];

    /// <summary>The node and every schema it stands for: references followed, combinator branches expanded.</summary>
    private List<JObject> Branches(JObject node)
    {
        var result = new List<JObject>();
        var seen = new HashSet<JObject>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<(JObject Node, int Hops)>();
        pending.Push((node, 0));
        while (pending.Count > 0)
        {
            var (current, hops) = pending.Pop();
            if (hops > MaxHops || !seen.Add(current))
            {
                continue;
            }

            result.Add(current);
            if (current["$ref"] is JValue { Type: JTokenType.String } reference && Resolve((string)reference!) is { } target)
            {
                pending.Push((target, hops + 1));
            }

            foreach (var keyword in new[] { "anyOf", "oneOf", "allOf" })
            {
                foreach (var branch in (current[keyword] as JArray ?? []).OfType<JObject>())
                {
                    pending.Push((branch, hops + 1));
                }
            }
        }

        return result;
    }

    private JObject? Resolve(string reference)
    {
        JToken? current = profile;
        foreach (var segment in reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current = current?[segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
        }

        return current as JObject;
    }
}
