using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Connector.Operations.Requests;

/// <summary>
/// A query's field selection applied to each record on the client side: Connect's <c>select()</c> only adds or
/// removes some fields (and a server may ignore it), so a record is projected here as well. Fields named without a
/// sign are the only ones kept (dotted names keep a nested field, e.g. <c>asset.id</c>); fields named with a leading
/// <c>-</c> are removed. A record that is not a JSON object is passed through unchanged.
/// </summary>
internal sealed class FieldSelection
{
    private readonly string[][] _included;
    private readonly string[][] _excluded;

    private FieldSelection(string[][] included, string[][] excluded)
    {
        _included = included;
        _excluded = excluded;
    }

    /// <summary>The selection of a query's select list, or null when it selects nothing (every field is kept).</summary>
    public static FieldSelection? From(IReadOnlyList<string> select)
    {
        var names = select.Select(s => s.Trim()).Where(s => s.TrimStart('-', '+').Length > 0).ToList();
        if (names.Count == 0)
        {
            return null;
        }

        var included = names.Where(n => n[0] != '-').Select(n => n.TrimStart('+').Split('.')).ToArray();
        var excluded = names.Where(n => n[0] == '-').Select(n => n[1..].Split('.')).ToArray();
        return new FieldSelection(included, excluded);
    }

    /// <summary>Projects one record (UTF-8 JSON) onto the selection.</summary>
    public ReadOnlyMemory<byte> Apply(ReadOnlyMemory<byte> record)
    {
        JToken token;
        using (var reader = new JsonTextReader(new StreamReader(new MemoryStream(record.ToArray()), Encoding.UTF8))
        {
            DateParseHandling = DateParseHandling.None,
            FloatParseHandling = FloatParseHandling.Decimal,
        })
        {
            token = JToken.ReadFrom(reader);
        }

        if (token is not JObject source)
        {
            return record;
        }

        var projected = _included.Length == 0 ? source : Keep(source);
        foreach (var path in _excluded)
        {
            Remove(projected, path);
        }

        return Encoding.UTF8.GetBytes(projected.ToString(Formatting.None));
    }

    private JObject Keep(JObject source)
    {
        var result = new JObject();
        foreach (var path in _included)
        {
            JToken? value = source;
            foreach (var part in path)
            {
                value = (value as JObject)?[part];
            }

            if (value is null)
            {
                continue;
            }

            var target = result;
            foreach (var part in path[..^1])
            {
                if (target[part] is not JObject child)
                {
                    child = [];
                    target[part] = child;
                }

                target = child;
            }

            target[path[^1]] = value.DeepClone();
        }

        return result;
    }

    private static void Remove(JObject record, string[] path)
    {
        JToken? parent = record;
        foreach (var part in path[..^1])
        {
            parent = (parent as JObject)?[part];
        }

        (parent as JObject)?.Remove(path[^1]);
    }
}
