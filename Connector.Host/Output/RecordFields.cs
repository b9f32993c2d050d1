using System.Globalization;
using Connector.Core.Querying;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Connector.Host.Output;

/// <summary>
/// Records as columns: dotted field paths (<see cref="FieldPath"/>: <c>asset.product.id</c> walks objects, a number
/// walks an array) flattened into columns, and a cell's text. Reducing a JSON record to --fields is
/// <see cref="FieldProjection"/>, the projection a query's --select uses too.
/// </summary>
internal static class RecordFields
{
    /// <summary>Parses a JSON record (dates and decimals kept as written).</summary>
    public static JToken Parse(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal };
        return JToken.ReadFrom(reader);
    }

    /// <summary>The value at a dotted path (<see cref="FieldPath.Select"/>), or null when the record has none.</summary>
    public static JToken? Select(JToken record, string path) => FieldPath.Select(record, path);

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
