using System.Text.Json;
using System.Text.Json.Nodes;

namespace Connector.Sandbox.Data;

/// <summary>
/// An immutable stored record: the JSON tree (never mutated once stored; writers clone it) and its UTF-8
/// serialization, computed once and reused by every page that contains the record.
/// </summary>
internal sealed class StoredRecord
{
    private StoredRecord(JsonObject node, byte[] bytes, bool deleted)
    {
        Node = node;
        Bytes = bytes;
        Deleted = deleted;
    }

    public JsonObject Node { get; }

    public byte[] Bytes { get; }

    public bool Deleted { get; }

    public static StoredRecord Of(JsonObject node) => new(node, SandboxJson.Bytes(node), deleted: false);

    public static StoredRecord Tombstone(JsonObject node) => new(node, [], deleted: true);
}
