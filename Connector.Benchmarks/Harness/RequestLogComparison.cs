using System.Text.Json;
using System.Text.Json.Nodes;
using Connector.Sandbox;

namespace Connector.Benchmarks.Harness;

/// <summary>
/// Proves the two sides of a paired scenario sent the same requests: the same multiset of (method, path, raw query,
/// JSON body), bodies compared as JSON with object keys sorted (key order and whitespace do not count).
/// </summary>
internal static class RequestLogComparison
{
    public static void EnsureSame(string scenario, IReadOnlyList<SandboxRequestLogEntry> connector, IReadOnlyList<SandboxRequestLogEntry> baseline)
    {
        var left = connector.Select(Signature).Order(StringComparer.Ordinal).ToList();
        var right = baseline.Select(Signature).Order(StringComparer.Ordinal).ToList();
        if (left.Count != right.Count)
        {
            throw new InvalidOperationException($"{scenario}: the connector sent {left.Count} requests, the baseline {right.Count}");
        }

        for (var i = 0; i < left.Count; i++)
        {
            if (!string.Equals(left[i], right[i], StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{scenario}: the sides sent different requests:\n connector: {Shorten(left[i])}\n baseline:  {Shorten(right[i])}");
            }
        }
    }

    /// <summary>
    /// One request as the server understands it: the query decoded (Connect decodes the whole query before parsing
    /// RQL, so <c>"</c> and <c>%22</c> are the same request, and the two sides' HTTP stacks may escape differently).
    /// </summary>
    private static string Signature(SandboxRequestLogEntry entry) =>
        $"{entry.Method} {entry.Path}?{Uri.UnescapeDataString(entry.RawQuery.TrimStart('?'))} {entry.Status} {Canonical(entry.Body)}";

    private static string Canonical(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return string.Empty;
        }

        try
        {
            return Sorted(JsonNode.Parse(body))?.ToJsonString() ?? "null";
        }
        catch (JsonException)
        {
            return body;
        }
    }

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Sorted).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "...";
}
