using System.Text.Json.Nodes;

namespace Connector.Sandbox.Data;

/// <summary>
/// An immutable stored record: its UTF-8 serialization, computed once and reused by every page that contains the record,
/// and its JSON tree for readers that evaluate it (queries, projections, webhooks). A record stored by a write keeps
/// only its bytes; its tree is parsed from them on the first read and fully materialized before it is shared, so a
/// write that nothing reads again (an action on one record) never builds the whole tree.
/// </summary>
internal sealed class StoredRecord
{
    private JsonObject? node;

    private StoredRecord(JsonObject? node, byte[] bytes, bool deleted, bool generated = false)
    {
        this.node = node;
        Bytes = bytes;
        Deleted = deleted;
        IsGenerated = generated;
    }

    /// <summary>The record's tree, shared between threads: read it, never change it (writers take a <see cref="Copy"/>).</summary>
    public JsonObject Node => node ?? LazyInitializer.EnsureInitialized(ref node, () => Shared(Parse(Bytes)));

    public byte[] Bytes { get; }

    public bool Deleted { get; }

    /// <summary>True when the record is a cached copy of what the seed generates (never changed by a request).</summary>
    public bool IsGenerated { get; }

    /// <summary>
    /// A fresh, mutable copy of the record, parsed from its bytes: a subtree becomes nodes only when the writer reaches
    /// into it, and one never reached is written back as it was read.
    /// </summary>
    public JsonObject Copy() => Parse(Bytes);

    /// <summary>A record that only the current request sees (serialized, not materialized).</summary>
    public static StoredRecord Transient(JsonObject node) => new(node, SandboxJson.Bytes(node), deleted: false);

    /// <summary>A record written by a request: serialized now; its tree is built again only if something reads it.</summary>
    public static StoredRecord Of(JsonObject record) => new(null, SandboxJson.Bytes(record), deleted: false);

    /// <summary>A seeded record kept as generated, to reuse its bytes.</summary>
    public static StoredRecord Generated(JsonObject node) =>
        new(Shared(node), SandboxJson.Bytes(node), deleted: false, generated: true);

    /// <summary>The mark of a deleted record: no bytes, and an empty tree that no read returns.</summary>
    public static StoredRecord Tombstone() => new([], [], deleted: true);

    private static JsonObject Parse(byte[] bytes) => JsonNode.Parse(bytes)!.AsObject();

    /// <summary>Materializes every lazily parsed node, so that reads from several threads never initialize state.</summary>
    private static JsonObject Shared(JsonObject record)
    {
        Materialize(record);
        return record;
    }

    private static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    Materialize(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Materialize(child);
                }

                break;
        }
    }
}
