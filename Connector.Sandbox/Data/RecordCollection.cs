using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text.Json.Nodes;

namespace Connector.Sandbox.Data;

/// <summary>
/// One collection of records. Seeded records are generated on demand from their index (so a million assets cost no
/// memory until read); a record is stored only once modified or created (or, in small collections, once generated,
/// to reuse its serialized bytes). Ids encode the index, so a lookup by id is O(1). <see cref="ResetToSeed"/> puts it
/// back as seeded, keeping the generated records a write replaced so they are not generated again.
/// </summary>
internal sealed class RecordCollection
{
    private const int CacheGeneratedBelow = 50_000;

    private readonly Func<int, JsonObject> generate;
    private readonly ConcurrentDictionary<int, StoredRecord> stored = new();

    // The generated records that a write replaced or deleted since the last reset (small collections only: large ones
    // generate on every read and keep none), put back by ResetToSeed.
    private readonly ConcurrentDictionary<int, StoredRecord> replacedGenerated = new();
    private readonly Lock writeGate = new();
    private readonly bool cacheGenerated;
    private readonly Lazy<FrozenDictionary<string, SeededField>> seededFields;
    private int nextIndex;
    private int deleted;
    private int version;

    public RecordCollection(string name, string shapeName, IdCodec ids, int seededCount, Func<int, JsonObject> generate, Func<FrozenDictionary<string, SeededField>>? seededFields = null)
    {
        this.seededFields = new Lazy<FrozenDictionary<string, SeededField>>(seededFields ?? (() => FrozenDictionary<string, SeededField>.Empty));
        Name = name;
        ShapeName = shapeName;
        Ids = ids;
        SeededCount = seededCount;
        this.generate = generate;
        nextIndex = seededCount;
        cacheGenerated = seededCount <= CacheGeneratedBelow;
    }

    public string Name { get; }

    public string ShapeName { get; }

    public IdCodec Ids { get; }

    public int SeededCount { get; }

    /// <summary>Called after a record was created or changed (webhook deliveries), with the record as stored.</summary>
    public Action<string, StoredRecord>? Changed { get; set; }

    /// <summary>One past the highest index used (seeded and created).</summary>
    public int IndexLimit => Volatile.Read(ref nextIndex);

    public int Count => IndexLimit - Volatile.Read(ref deleted);

    /// <summary>Changes with every write (create, replace, delete): a query result computed at one version holds until it changes.</summary>
    public int Version => Volatile.Read(ref version);

    /// <summary>The ordered results of recent queries over the large collection, reused by the following pages.</summary>
    public QueryCache Results { get; } = new();

    /// <summary>True when records were deleted, so index order has holes.</summary>
    public bool HasHoles => Volatile.Read(ref deleted) > 0;

    /// <summary>The fields of seeded records computed without building them (empty when the collection has none).</summary>
    public FrozenDictionary<string, SeededField> SeededFields => seededFields.Value;

    /// <summary>True when <paramref name="index"/> is a seeded record never changed nor deleted, so its <see cref="SeededFields"/> hold.</summary>
    public bool IsSeededUnmodified(int index) =>
        index < SeededCount && (!stored.TryGetValue(index, out var record) || record.IsGenerated);

    public StoredRecord? Get(string id)
    {
        var index = Ids.Parse(id);
        return index is null ? null : Get(index.Value);
    }

    public StoredRecord? Get(int index)
    {
        if (index < 0 || index >= IndexLimit)
        {
            return null;
        }

        if (stored.TryGetValue(index, out var record))
        {
            return record.Deleted ? null : record;
        }

        if (index >= SeededCount)
        {
            return null;
        }

        return cacheGenerated ? stored.GetOrAdd(index, i => StoredRecord.Generated(generate(i))) : StoredRecord.Transient(generate(index));
    }

    /// <summary>True when seeded records are generated on every read (large collections).</summary>
    public bool GeneratesOnRead => !cacheGenerated;

    /// <summary>Generates a seeded record without caching it (for scans of large collections).</summary>
    public JsonObject? Peek(int index)
    {
        if (stored.TryGetValue(index, out var record))
        {
            return record.Deleted ? null : record.Node;
        }

        return index < SeededCount ? (cacheGenerated ? Get(index)?.Node : generate(index)) : null;
    }

    /// <summary>A fresh, mutable copy of a record (see <see cref="StoredRecord.Copy"/>).</summary>
    public JsonObject? GetCopy(string id) => Get(id)?.Copy();

    /// <summary>Stores a new version of an existing record (the id field decides which) and returns it as stored.</summary>
    public StoredRecord Replace(JsonObject record)
    {
        var index = Ids.Parse((string?)record["id"]) ?? throw new InvalidOperationException("The record has no id of this collection.");
        var replaced = StoredRecord.Of(record);
        KeepIfGenerated(index);
        stored[index] = replaced;
        Interlocked.Increment(ref version);
        Changed?.Invoke(Name, replaced);
        return replaced;
    }

    /// <summary>Adds a record, giving it the next id; returns the id.</summary>
    public string Add(Func<string, JsonObject> build)
    {
        lock (writeGate)
        {
            var index = nextIndex;
            var id = Ids.Format(index);
            var record = StoredRecord.Of(build(id));
            stored[index] = record;
            Volatile.Write(ref nextIndex, index + 1);
            Interlocked.Increment(ref version);
            Changed?.Invoke(Name, record);
            return id;
        }
    }

    /// <summary>
    /// Creates a record shaped like the seeded ones (generated for the new index, wrapped onto the seeded range),
    /// with its new id, then lets the caller fill in what the request said. Returns the new id.
    /// </summary>
    public string AddLikeSeeded(Action<JsonObject> fill) => Add(newId =>
    {
        var index = Ids.Parse(newId)!.Value;
        var record = generate(SeededCount == 0 ? 0 : index % SeededCount);
        record["id"] = newId;
        fill(record);
        return record;
    });

    public bool Delete(string id)
    {
        lock (writeGate)
        {
            var record = Get(id);
            if (record is null)
            {
                return false;
            }

            var index = Ids.Parse(id)!.Value;
            KeepIfGenerated(index);
            stored[index] = StoredRecord.Tombstone();
            deleted++;
            Interlocked.Increment(ref version);
            return true;
        }
    }

    /// <summary>
    /// Puts the collection back as seeded: records created since are gone (the next one created gets the first id after
    /// the seeded ones again), changed and deleted seeded records are as generated, and the query results cached before
    /// are dropped. Writes running meanwhile may survive it.
    /// </summary>
    public void ResetToSeed()
    {
        lock (writeGate)
        {
            foreach (var (index, record) in stored)
            {
                if (record.IsGenerated)
                {
                    continue;
                }

                if (replacedGenerated.TryRemove(index, out var generated))
                {
                    stored[index] = generated;
                }
                else
                {
                    stored.TryRemove(index, out _);
                }
            }

            replacedGenerated.Clear();
            Volatile.Write(ref nextIndex, SeededCount);
            Volatile.Write(ref deleted, 0);
            Interlocked.Increment(ref version);
        }
    }

    private void KeepIfGenerated(int index)
    {
        if (stored.TryGetValue(index, out var current) && current.IsGenerated)
        {
            replacedGenerated.TryAdd(index, current);
        }
    }
}
