using System.Text.Json.Serialization;

namespace Connector.Benchmarks.Harness;

/// <summary>A sandbox child's answer to <c>query</c>: how many records the RQL selected, and the ids of the first ones asked for.</summary>
internal sealed record SandboxQueryAnswer(
    [property: JsonPropertyName("matching")] int Matching,
    [property: JsonPropertyName("ids")] IReadOnlyList<string?> Ids);
