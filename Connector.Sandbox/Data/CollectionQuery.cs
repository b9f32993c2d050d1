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

/// <summary>
/// Runs an RQL query over a collection: prunes unknown fields, filters, orders. Unmodified seeded records of the large
/// collections are filtered and ordered through their computed fields (<see cref="RecordCollection.SeededFields"/>)
/// without building them; the others (created, changed, or a term on a field that is not computed) are evaluated on
/// their JSON.
/// </summary>
internal static class CollectionQuery
{
    private const int ParallelAbove = 20_000;
    private const int ChunkSize = 8192;

    public static QueryResult Run(RecordCollection collection, RqlQuery query, Func<string, bool> isKnownField)
    {
        var filter = RqlEvaluator.Prune(query.Filter, isKnownField);
        var ordering = query.Ordering.Where(o => isKnownField(o.Field)).ToList();

        // Seeded ids and the computed fields that rise with the index (creation dates) grow with it, and created records
        // get later ones: without a filter, index order is their order and no record has to be generated.
        if (filter is null && !collection.HasHoles
            && (ordering.Count == 0 || (ordering.Count == 1 && RisesWithIndex(collection, ordering[0].Field))))
        {
            return QueryResult.Range(collection.IndexLimit, ordering.Count == 1 && ordering[0].Descending);
        }

        if (!collection.GeneratesOnRead)
        {
            return Compute(collection, filter, ordering);
        }

        // Large collections: the pages of one query share one filtered, sorted result until the collection changes.
        var version = collection.Version;
        var key = QueryCache.KeyOf(filter, ordering);
        if (collection.Results.Find(key, version) is { } kept)
        {
            return kept;
        }

        var result = Compute(collection, filter, ordering);
        collection.Results.Keep(key, version, result);
        return result;
    }

    private static bool RisesWithIndex(RecordCollection collection, string field) =>
        field == "id" || (collection.SeededFields.TryGetValue(field, out var computed) && computed.RisesWithIndex);

    private static QueryResult Compute(RecordCollection collection, RqlNode? filter, List<RqlOrdering> ordering)
    {
        var matches = Scan(collection, filter, SeededPredicate.Compile(filter, collection.SeededFields, collection.SeededCount));
        return QueryResult.Of(ordering.Count == 0 ? matches : Order(collection, matches, ordering));
    }

    /// <summary>The matching indices in index order; every core scans its own chunks when the collection is large.</summary>
    private static List<int> Scan(RecordCollection collection, RqlNode? filter, Func<int, bool>? seeded)
    {
        var limit = collection.IndexLimit;
        if (limit <= ParallelAbove)
        {
            return ScanRange(collection, filter, seeded, 0, limit);
        }

        var chunks = new List<int>[(limit + ChunkSize - 1) / ChunkSize];
        Parallel.For(0, chunks.Length, c => chunks[c] = ScanRange(collection, filter, seeded, c * ChunkSize, Math.Min(limit, (c + 1) * ChunkSize)));
        var result = new List<int>(chunks.Sum(c => c.Count));
        foreach (var chunk in chunks)
        {
            result.AddRange(chunk);
        }

        return result;
    }

    private static List<int> ScanRange(RecordCollection collection, RqlNode? filter, Func<int, bool>? seeded, int start, int end)
    {
        var list = new List<int>();
        for (var i = start; i < end; i++)
        {
            if (seeded is not null && collection.IsSeededUnmodified(i))
            {
                if (seeded(i))
                {
                    list.Add(i);
                }
            }
            else if (collection.Peek(i) is { } node && RqlEvaluator.Matches(node, filter))
            {
                list.Add(i);
            }
        }

        return list;
    }

    /// <summary>
    /// The matches in the ordering's order (nulls first, numbers numerically, ties by index). A single field that rises
    /// with the index is merged in place; any other ordering computes every match's keys once and is sorted only as far
    /// as pages ask (<see cref="PartlySortedMatches"/>).
    /// </summary>
    private static IReadOnlyList<int> Order(RecordCollection collection, List<int> matches, List<RqlOrdering> ordering)
    {
        if (ordering.Count == 1 && collection.SeededFields.TryGetValue(ordering[0].Field, out var rising) && rising.RisesWithIndex)
        {
            return OrderRising(collection, matches, ordering[0]);
        }

        // One column of keys per ordering field; each field's computed form is looked up once.
        var keys = ordering.Select(_ => new SortKey[matches.Count]).ToArray();
        var computed = ordering.Select(o => collection.SeededFields.GetValueOrDefault(o.Field)).ToArray();
        var fill = (int k) =>
        {
            for (var f = 0; f < keys.Length; f++)
            {
                keys[f][k] = KeyOf(collection, matches[k], ordering[f].Field, computed[f]);
            }
        };
        if (matches.Count > ParallelAbove)
        {
            Parallel.For(0, matches.Count, k => fill(k));
        }
        else
        {
            for (var k = 0; k < matches.Count; k++)
            {
                fill(k);
            }
        }

        return new PartlySortedMatches(matches, (x, y) =>
        {
            for (var f = 0; f < keys.Length; f++)
            {
                var order = keys[f][x].CompareTo(keys[f][y]);
                if (order != 0)
                {
                    return ordering[f].Descending ? -order : order;
                }
            }

            return matches[x].CompareTo(matches[y]);
        });
    }

    /// <summary>
    /// Ordering by a field that rises with the index (id, created): the unmodified seeded matches are already in order,
    /// so only the other records are sorted and each is put in place by a binary search.
    /// </summary>
    private static List<int> OrderRising(RecordCollection collection, List<int> matches, RqlOrdering ordering)
    {
        var seeded = new List<int>(matches.Count);
        var others = new List<(int Index, SortKey Key)>();
        foreach (var index in matches)
        {
            if (collection.IsSeededUnmodified(index))
            {
                seeded.Add(index);
            }
            else
            {
                others.Add((index, KeyOf(collection, index, ordering.Field)));
            }
        }

        var result = seeded;
        if (others.Count > 0)
        {
            others.Sort((x, y) => x.Key.CompareTo(y.Key) is var order and not 0 ? order : x.Index.CompareTo(y.Index));
            result = new List<int>(matches.Count);
            var next = 0;
            foreach (var (index, key) in others)
            {
                var at = FirstAfter(collection, seeded, next, ordering.Field, key, index);
                result.AddRange(seeded.GetRange(next, at - next));
                result.Add(index);
                next = at;
            }

            result.AddRange(seeded.GetRange(next, seeded.Count - next));
        }

        if (ordering.Descending)
        {
            result.Reverse();
        }

        return result;
    }

    /// <summary>The first position from <paramref name="from"/> whose seeded record sorts after (key, index).</summary>
    private static int FirstAfter(RecordCollection collection, List<int> seeded, int from, string field, SortKey key, int index)
    {
        int low = from, high = seeded.Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            var order = KeyOf(collection, seeded[middle], field).CompareTo(key);
            if (order < 0 || (order == 0 && seeded[middle] < index))
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private static SortKey KeyOf(RecordCollection collection, int index, string field) =>
        KeyOf(collection, index, field, collection.SeededFields.GetValueOrDefault(field));

    /// <summary>The sort key of a record's field, given the field's computed form (null when it has none), looked up once per ordering.</summary>
    private static SortKey KeyOf(RecordCollection collection, int index, string field, SeededField? computed) =>
        computed is not null && collection.IsSeededUnmodified(index)
            ? SortKey.OfComputed(computed, index)
            : SortKey.Of(collection.Peek(index) is { } node ? RqlEvaluator.Resolve(node, field).FirstOrDefault() : null);

    /// <summary>A sort key detached from the record (so sorting a million records keeps no JSON trees alive).</summary>
    private readonly record struct SortKey(bool IsNull, bool IsNumber, double Number, string? Text) : IComparable<SortKey>
    {
        public static SortKey Of(JsonNode? value) => value switch
        {
            JsonValue v when v.GetValueKind() == JsonValueKind.Number => new SortKey(false, true, RqlEvaluator.NumberOf(v), null),
            JsonValue v => OfText(RqlEvaluator.ScalarText(v)),
            _ => OfText(null),
        };

        /// <summary>The key of a text, or of an absent value when null (any non-number).</summary>
        public static SortKey OfText(string? text) => new(text is null, false, 0, text);

        /// <summary>The key of a computed field's value for a seeded index: its text, or the number it is the JSON text of.</summary>
        public static SortKey OfComputed(SeededField field, int index) => field.Text(index) switch
        {
            { } number when field.IsNumber => new SortKey(false, true, double.Parse(number, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture), null),
            var text => OfText(text),
        };

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
