using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Connector.Sandbox.Data;

/// <summary>Serialization settings of every response: plain UTF-8 (no \u002B for '+', as Connect's Python servers write).</summary>
internal static class SandboxJson
{
    public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Bytes(JsonNode? node) => JsonSerializer.SerializeToUtf8Bytes(node, Options);
}
