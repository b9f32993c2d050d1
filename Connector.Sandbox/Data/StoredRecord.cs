using System.Text.Json;
using System.Text.Json.Nodes;

namespace Connector.Sandbox.Data;

/// <summary>
/// An immutable stored record: the JSON tree (never mutated once stored; writers clone it) and its UTF-8
/// serialization, computed once and reused by every page that contains the record.
/// </summary>
internal sealed class StoredRecord
{
    private StoredRecord(JsonObject node, byte[] bytes, bool deleted, bool generated = false)
    {
        Node = node;
        Bytes = bytes;
        Deleted = deleted;
        IsGenerated = generated;
    }

    public JsonObject Node { get; }

    public byte[] Bytes { get; }

    public bool Deleted { get; }

    /// <summary>True when the record is a cached copy of what the seed generates (never changed by a request).</summary>
    public bool IsGenerated { get; }

    /// <summary>A record that only the current request sees (serialized, not materialized).</summary>
    public static StoredRecord Transient(JsonObject node) => new(node, SandboxJson.Bytes(node), deleted: false);

    /// <summary>A record shared between threads: every lazily parsed node is materialized first, so reads never initialize state.</summary>
    public static StoredRecord Of(JsonObject node)
    {
        Materialize(node);
        return new(node, SandboxJson.Bytes(node), deleted: false);
    }

    /// <summary>A seeded record kept as generated, to reuse its bytes.</summary>
    public static StoredRecord Generated(JsonObject node)
    {
        Materialize(node);
        return new(node, SandboxJson.Bytes(node), deleted: false, generated: true);
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

    public static StoredRecord Tombstone(JsonObject node) => new(node, [], deleted: true);
}
