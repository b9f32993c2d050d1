using System.Text.Json;
using System.Text.Json.Nodes;
using Connector.Sandbox.Rql;

namespace Connector.Sandbox.Data;

/// <summary>The matching record indices of a query, in order.</summary>
internal sealed class QueryResult
{
    private readonly IReadOnlyList<int>? list;
    private readonly int count;
    private readonly bool descending;

    private QueryResult(IReadOnlyList<int>? list, int count, bool descending)
    {
        this.list = list;
        this.count = count;
        this.descending = descending;
    }

    public int Count => list?.Count ?? count;

    public int this[int position] => list is not null ? list[position] : descending ? count - 1 - position : position;

    /// <summary>Indices 0..count-1 of a collection without holes, ascending or descending, without materializing them.</summary>
    public static QueryResult Range(int count, bool descending) => new(null, count, descending);

    public static QueryResult Of(IReadOnlyList<int> indices) => new(indices, 0, false);
}

/// <summary>Runs an RQL query over a collection: prunes unknown fields, filters, orders.</summary>
internal static class CollectionQuery
{
    private const int ParallelAbove = 20_000;

    public static QueryResult Run(RecordCollection collection, RqlQuery query, Func<string, bool> isKnownField)
    {
        var filter = RqlEvaluator.Prune(query.Filter, isKnownField);
        var ordering = query.Ordering.Where(o => isKnownField(o.Field)).ToList();

        // Seeded ids and creation dates grow with the index, and created records get later ones:
        // without a filter, index order is id/created order and no record has to be generated.
        if (filter is null && !collection.HasHoles
            && (ordering.Count == 0 || (ordering.Count == 1 && ordering[0].Field is "id" or "created" or "events.created.at")))
        {
            return QueryResult.Range(collection.IndexLimit, ordering.Count == 1 && ordering[0].Descending);
        }

        var limit = collection.IndexLimit;
        if (ordering.Count == 0)
        {
            return QueryResult.Of(Scan(collection, filter, limit, static (_, i) => i));
        }

        var keyed = Scan(collection, filter, limit, (node, i) => (Index: i, Keys: ordering.Select(o => SortKey.Of(node, o.Field)).ToArray()));
        keyed.Sort((x, y) =>
        {
            for (var k = 0; k < ordering.Count; k++)
            {
                var order = x.Keys[k].CompareTo(y.Keys[k]);
                if (order != 0)
                {
                    return ordering[k].Descending ? -order : order;
                }
            }

            return x.Index.CompareTo(y.Index);
        });
        return QueryResult.Of(keyed.Select(x => x.Index).ToList());
    }

    private static List<T> Scan<T>(RecordCollection collection, RqlNode? filter, int limit, Func<JsonObject, int, T> project)
    {
        if (limit <= ParallelAbove)
        {
            var list = new List<T>();
            for (var i = 0; i < limit; i++)
            {
                var node = collection.Peek(i);
                if (node is not null && RqlEvaluator.Matches(node, filter))
                {
                    list.Add(project(node, i));
                }
            }

            return list;
        }

        var chunkSize = 8192;
        var chunks = new List<T>[(limit + chunkSize - 1) / chunkSize];
        Parallel.For(0, chunks.Length, c =>
        {
            var local = new List<T>();
            var end = Math.Min(limit, (c + 1) * chunkSize);
            for (var i = c * chunkSize; i < end; i++)
            {
                var node = collection.Peek(i);
                if (node is not null && RqlEvaluator.Matches(node, filter))
                {
                    local.Add(project(node, i));
                }
            }

            chunks[c] = local;
        });
        var result = new List<T>();
        foreach (var chunk in chunks)
        {
            result.AddRange(chunk);
        }

        return result;
    }

    /// <summary>A sort key detached from the record (so sorting a million records keeps no JSON trees alive).</summary>
    private readonly record struct SortKey(bool IsNull, bool IsNumber, double Number, string? Text) : IComparable<SortKey>
    {
        public static SortKey Of(JsonObject node, string field)
        {
            var value = RqlEvaluator.Resolve(node, field).FirstOrDefault();
            if (value is not JsonValue v)
            {
                return new SortKey(true, false, 0, null);
            }

            return v.GetValueKind() == JsonValueKind.Number
                ? new SortKey(false, true, RqlEvaluator.NumberOf(v), null)
                : new SortKey(false, false, 0, RqlEvaluator.ScalarText(v));
        }

        public int CompareTo(SortKey other)
        {
            if (IsNull)
            {
                return other.IsNull ? 0 : -1;
            }

            if (other.IsNull)
            {
                return 1;
            }

            if (IsNumber && other.IsNumber)
            {
                return Number.CompareTo(other.Number);
            }

            return string.CompareOrdinal(Text ?? Number.ToString(System.Globalization.CultureInfo.InvariantCulture), other.Text ?? other.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
