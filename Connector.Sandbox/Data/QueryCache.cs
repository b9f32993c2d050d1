using System.Text;
using Connector.Sandbox.Rql;

namespace Connector.Sandbox.Data;

/// <summary>
/// The last few ordered query results of one collection, keyed by the query's filter and ordering and valid for the
/// collection version they were computed at: paging through a filtered, sorted million-record collection filters and
/// sorts once, and every following page only slices the kept indices. Bounded (a few results of at most one int per
/// record each); any write to the collection makes the kept results stale.
/// </summary>
internal sealed class QueryCache
{
    private const int Capacity = 8;
    private readonly LinkedList<(string Key, int Version, QueryResult Result)> entries = new();
    private readonly Lock gate = new();

    /// <summary>The canonical text of a filter and ordering: equal queries get equal keys, whatever their spelling (spaces, quotes, <c>f=v</c>).</summary>
    public static string KeyOf(RqlNode? filter, IReadOnlyList<RqlOrdering> ordering)
    {
        var text = new StringBuilder();
        Append(text, filter);
        foreach (var o in ordering)
        {
            text.Append('|').Append(o.Descending ? '-' : '+').Append(o.Field);
        }

        return text.ToString();
    }

    /// <summary>The result kept for <paramref name="key"/> at <paramref name="version"/>, or null.</summary>
    public QueryResult? Find(string key, int version)
    {
        lock (gate)
        {
            for (var node = entries.First; node is not null; node = node.Next)
            {
                if (node.Value.Key == key && node.Value.Version == version)
                {
                    entries.Remove(node);
                    entries.AddFirst(node);
                    return node.Value.Result;
                }
            }

            return null;
        }
    }

    /// <summary>Keeps <paramref name="result"/>, dropping the least recently used one beyond the capacity and any of an older version.</summary>
    public void Keep(string key, int version, QueryResult result)
    {
        lock (gate)
        {
            for (var node = entries.First; node is not null;)
            {
                var next = node.Next;
                if (node.Value.Version != version || node.Value.Key == key)
                {
                    entries.Remove(node);
                }

                node = next;
            }

            entries.AddFirst((key, version, result));
            while (entries.Count > Capacity)
            {
                entries.RemoveLast();
            }
        }
    }

    private static void Append(StringBuilder text, RqlNode? node)
    {
        switch (node)
        {
            case null:
                text.Append("()");
                break;
            case RqlAnd and:
                AppendGroup(text, "and", and.Children);
                break;
            case RqlOr or:
                AppendGroup(text, "or", or.Children);
                break;
            case RqlNot not:
                text.Append("not(");
                Append(text, not.Child);
                text.Append(')');
                break;
            case RqlComparison c:
                text.Append(c.Operator).Append('(').Append(c.Field).Append(',');
                AppendValue(text, c.Value);
                text.Append(')');
                break;
            case RqlList l:
                text.Append(l.Operator).Append('(').Append(l.Field);
                foreach (var value in l.Values)
                {
                    text.Append(',');
                    AppendValue(text, value);
                }

                text.Append(')');
                break;
            case RqlSearch s:
                text.Append(s.Operator).Append('(').Append(s.Field).Append(',').Append(s.Pattern.Length).Append(':').Append(s.Pattern).Append(')');
                break;
        }
    }

    private static void AppendGroup(StringBuilder text, string name, IReadOnlyList<RqlNode> children)
    {
        text.Append(name).Append('(');
        foreach (var child in children)
        {
            Append(text, child);
            text.Append(';');
        }

        text.Append(')');
    }

    private static void AppendValue(StringBuilder text, RqlValue value) =>
        text.Append((int)value.Kind).Append(value.Text.Length).Append(':').Append(value.Text);
}
