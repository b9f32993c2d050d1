using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Connector.Sandbox.Data;

/// <summary>
/// The one walk of dotted paths (<c>asset.product.id</c>) over JSON trees. <see cref="Find"/> and <see cref="Holder"/>
/// step through objects only; <see cref="Holders"/> also steps through arrays, element by element, as RQL filters and
/// field selection do. Split paths are cached (the set of paths a sandbox sees is small).
/// </summary>
internal static class JsonPath
{
    private static readonly ConcurrentDictionary<string, string[]> SplitPaths = new(StringComparer.Ordinal);

    /// <summary>The steps of <paramref name="path"/>.</summary>
    public static string[] Steps(string path) => SplitPaths.GetOrAdd(path, static p => p.Split('.'));

    /// <summary>The node at <paramref name="path"/> under <paramref name="root"/> (through objects), or null when a step is missing.</summary>
    public static JsonNode? Find(JsonNode? root, string path)
    {
        foreach (var step in Steps(path))
        {
            root = (root as JsonObject)?[step];
        }

        return root;
    }

    /// <summary>
    /// The object that holds the last step of <paramref name="path"/> and that step's name; missing intermediate objects
    /// are created when <paramref name="create"/> is set, else the holder is null when one is missing.
    /// </summary>
    public static (JsonObject? Holder, string Key) Holder(JsonObject root, string path, bool create)
    {
        var steps = Steps(path);
        JsonObject? current = root;
        for (var i = 0; i < steps.Length - 1 && current is not null; i++)
        {
            if (current[steps[i]] is JsonObject next)
            {
                current = next;
            }
            else if (create)
            {
                next = [];
                current[steps[i]] = next;
                current = next;
            }
            else
            {
                current = null;
            }
        }

        return (current, steps[^1]);
    }

    /// <summary>Adds to <paramref name="holders"/> every object, reached through objects and arrays, that holds the last of <paramref name="steps"/>.</summary>
    public static void Holders(JsonNode? node, ReadOnlySpan<string> steps, List<JsonObject> holders)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var element in array)
                {
                    Holders(element, steps, holders);
                }

                break;
            case JsonObject obj when steps.Length == 1:
                holders.Add(obj);
                break;
            case JsonObject obj when obj.TryGetPropertyValue(steps[0], out var child):
                Holders(child, steps[1..], holders);
                break;
        }
    }
}
