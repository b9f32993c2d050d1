using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Connector.Core.Querying;

/// <summary>
/// A record reduced to chosen fields: the one projection behind a query's select list (applied to each record as it
/// arrives, because a server's <c>select()</c> may add or keep fields) and a host's output fields. Fields named without
/// a sign (a leading <c>+</c> is dropped) are the only ones kept, nested as in the record (<c>asset.id</c> gives
/// <c>{"asset":{"id":..}}</c>; a path through an array, <c>items.0.id</c>, is kept under the path itself); fields named
/// with a leading <c>-</c> are removed. A record that is not a JSON object is left as it is.
/// </summary>
public sealed class FieldProjection
{
    private FieldProjection(IReadOnlyList<string> included, IReadOnlyList<string> excluded)
    {
        Included = included;
        Excluded = excluded;
    }

    /// <summary>The dotted paths kept (empty: every field, less <see cref="Excluded"/>).</summary>
    public IReadOnlyList<string> Included { get; }

    /// <summary>The dotted paths removed.</summary>
    public IReadOnlyList<string> Excluded { get; }

    /// <summary>The projection of a field list (<c>a</c>, <c>+a.b</c>, <c>-c</c>), or null when it names no field (every field is kept).</summary>
    /// <param name="fields">Dotted paths, each optionally prefixed <c>+</c> (keep, the same as none) or <c>-</c> (remove); blanks and bare signs are skipped and repeats count once. Must not be null.</param>
    /// <returns>The projection, or null.</returns>
    public static FieldProjection? From(IEnumerable<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var names = fields.Select(s => s.Trim()).Where(s => s.TrimStart('-', '+').Length > 0).ToList();
        return names.Count == 0
            ? null
            : new FieldProjection(
                names.Where(n => n[0] != '-').Select(n => n.TrimStart('+')).Distinct(StringComparer.Ordinal).ToList(),
                names.Where(n => n[0] == '-').Select(n => n[1..]).Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>
    /// Whether a field at <paramref name="path"/> can still hold a value after this projection: it lies inside a kept
    /// field (or contains one) and not inside a removed one.
    /// </summary>
    /// <param name="path">The dotted path.</param>
    /// <returns>True when the projection keeps (some of) it.</returns>
    public bool Keeps(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var kept = Included.Count == 0 || Included.Any(i => FieldPath.IsWithin(path, i) || FieldPath.IsWithin(i, path));
        return kept && !Excluded.Any(e => FieldPath.IsWithin(path, e));
    }

    /// <summary>Projects one record; the result shares nothing with it.</summary>
    /// <param name="record">The record to project; not changed. Must not be null.</param>
    /// <returns>The projected record (a non-object record: a copy of it).</returns>
    public JToken Apply(JToken record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record is not JObject source)
        {
            return record.DeepClone();
        }

        var projected = Included.Count == 0 ? (JObject)source.DeepClone() : Keep(source);
        foreach (var path in Excluded)
        {
            var dot = path.LastIndexOf('.');
            var parent = dot < 0 ? projected : FieldPath.Select(projected, path[..dot]);
            (parent as JObject)?.Remove(path[(dot + 1)..]);
        }

        return projected;
    }

    /// <summary>Projects one record given as UTF-8 JSON (dates and decimals kept as written).</summary>
    /// <param name="record">The record's JSON.</param>
    /// <returns>The projected record's compact JSON (a non-object record: unchanged).</returns>
    public ReadOnlyMemory<byte> ApplyUtf8(ReadOnlyMemory<byte> record)
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

        return token is JObject ? Encoding.UTF8.GetBytes(Apply(token).ToString(Formatting.None)) : record;
    }

    private JObject Keep(JObject source)
    {
        var projected = new JObject();
        foreach (var path in Included)
        {
            if (FieldPath.Select(source, path) is not { } value)
            {
                continue;
            }

            if (FieldPath.ThroughArray(source, path))
            {
                // items.0.id: an array element has no place of its own in a reduced record; the path is the key.
                projected[path] = value.DeepClone();
            }
            else
            {
                FieldPath.Set(projected, path.Split('.'), value.DeepClone());
            }
        }

        return projected;
    }
}
