using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Connector.Host.Output;

/// <summary>
/// Dotted field paths over a JSON record: <c>asset.product.id</c> walks objects, a number walks an array
/// (<c>items.0.id</c>). Used to pick --fields, to flatten records into columns and to render a cell's text.
/// </summary>
internal static class RecordFields
{
    /// <summary>Parses a JSON record (dates and decimals kept as written).</summary>
    public static JToken Parse(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal };
        return JToken.ReadFrom(reader);
    }

    /// <summary>The value at a dotted path, or null when the record has none.</summary>
    public static JToken? Select(JToken record, string path)
    {
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

    /// <summary>The leaf paths of a record: nested objects flattened by path; arrays stay one field (their JSON).</summary>
    public static List<string> LeafPaths(JToken record)
    {
        var paths = new List<string>();
        if (record is JObject root)
        {
            AddLeaves(root, null, paths);
        }
        else
        {
            paths.Add(ValueColumn);
        }

        return paths;
    }

    /// <summary>The column a record that is not an object is shown in.</summary>
    public const string ValueColumn = "value";

    /// <summary>The text of a field: strings as they are, null as empty, objects and arrays as compact JSON.</summary>
    public static string Text(JToken? value) => value switch
    {
        null => string.Empty,
        { Type: JTokenType.Null or JTokenType.Undefined } => string.Empty,
        JValue { Type: JTokenType.Boolean } b => (bool)b! ? "true" : "false",
        JValue v when v.Value is IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        JValue v => v.Value?.ToString() ?? string.Empty,
        _ => value.ToString(Formatting.None),
    };

    /// <summary>The field of a column: the record itself for <see cref="ValueColumn"/> when it is not an object.</summary>
    public static JToken? Column(JToken record, string path) =>
        record is not JObject && path == ValueColumn ? record : Select(record, path);

    /// <summary>A record reduced to the given paths, nested as in the original (<c>asset.id</c> gives <c>{"asset":{"id":..}}</c>).</summary>
    public static JObject Project(JToken record, IReadOnlyList<string> paths)
    {
        var projected = new JObject();
        foreach (var path in paths)
        {
            var value = Column(record, path);
            if (value is null)
            {
                continue;
            }

            if (ThroughArray(record, path))
            {
                // items.0.id: an array element has no place of its own in a reduced record; the path is the key.
                projected[path] = value.DeepClone();
            }
            else
            {
                SetPath(projected, path.Split('.'), value.DeepClone());
            }
        }

        return projected;
    }

    /// <summary>Whether a path walks into an array (a number part) before its end.</summary>
    private static bool ThroughArray(JToken record, string path)
    {
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

    /// <summary>Sets a value at a path, creating (or replacing non-object values with) the objects on the way.</summary>
    public static void SetPath(JObject document, IReadOnlyList<string> path, JToken value)
    {
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

    private static void AddLeaves(JObject node, string? prefix, List<string> paths)
    {
        foreach (var property in node.Properties())
        {
            var path = prefix is null ? property.Name : prefix + "." + property.Name;
            if (property.Value is JObject child && child.HasValues)
            {
                AddLeaves(child, path, paths);
            }
            else
            {
                paths.Add(path);
            }
        }
    }
}
