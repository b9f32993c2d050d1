using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Connector.Core.Querying;

/// <summary>
/// Dotted field paths over JSON records: <c>asset.product.id</c> walks objects, a number walks an array
/// (<c>items.0.id</c>). The one reading of a path for query selections, output fields and body assignments.
/// </summary>
public static class FieldPath
{
    /// <summary>The value at a dotted path, or null when the record has none.</summary>
    /// <param name="record">Any JSON value, not changed; must not be null. Only objects and arrays have parts to walk into.</param>
    /// <param name="path">The dotted path; names match case-sensitively and an array index is a plain non-negative number.</param>
    /// <returns>The value (not a copy), or null when a part is missing, an index is out of range or a step meets a scalar.</returns>
    public static JToken? Select(JToken record, string path)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(path);
        var current = record;
        foreach (var part in path.Split('.'))
        {
            current = current switch
            {
                JObject o => o.TryGetValue(part, out var value) ? value : null,
                JArray a when int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => null,
            };
            if (current is null)
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>Sets a value at a path of names, creating (or replacing non-object values with) the objects on the way.</summary>
    /// <param name="document">The object to change.</param>
    /// <param name="path">The path's names.</param>
    /// <param name="value">The value to set (not copied).</param>
    public static void Set(JObject document, IReadOnlyList<string> path, JToken value)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(path);
        var target = document;
        for (var i = 0; i < path.Count - 1; i++)
        {
            if (target[path[i]] is not JObject child)
            {
                child = [];
                target[path[i]] = child;
            }

            target = child;
        }

        target[path[^1]] = value;
    }

    /// <summary>Whether a path walks into an array (a number part) before its end.</summary>
    /// <param name="record">The JSON value to walk, not changed; null reads as "no array on the way".</param>
    /// <param name="path">The dotted path; its last part is not walked into (an array at the end does not count).</param>
    /// <returns>True when an array lies on the way.</returns>
    public static bool ThroughArray(JToken record, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var parts = path.Split('.');
        var current = record;
        for (var i = 0; i < parts.Length - 1 && current is not null; i++)
        {
            current = current is JObject o ? o[parts[i]] : null;
            if (current is JArray)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="other"/> or lies inside it (<c>asset.id</c> inside <c>asset</c>).</summary>
    /// <param name="path">The dotted path.</param>
    /// <param name="other">The enclosing dotted path.</param>
    /// <returns>True when inside or equal.</returns>
    public static bool IsWithin(string path, string other)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(other);
        return string.Equals(path, other, StringComparison.Ordinal)
            || (path.Length > other.Length && path[other.Length] == '.' && path.StartsWith(other, StringComparison.Ordinal));
    }
}
