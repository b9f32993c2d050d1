using Connector.Core.Results;
using Newtonsoft.Json.Linq;

namespace Connector.Core.Testing;

/// <summary>Everything one input document received: its final result plus the payloads of its partial results.</summary>
/// <param name="TrackingId">The document's tracking id.</param>
/// <param name="Status">The final status.</param>
/// <param name="StatusCode">The final status code.</param>
/// <param name="Message">The final message.</param>
/// <param name="Payloads">Every payload, partial results first, in the order reported.</param>
/// <param name="FinalResultCount">How many final results the document received (exactly 1 when the operation is correct).</param>
public sealed record DocumentResult(
    string TrackingId,
    OperationStatus Status,
    string StatusCode,
    string Message,
    IReadOnlyList<CapturedPayload> Payloads,
    int FinalResultCount)
{
    /// <summary>The JSON payloads, parsed.</summary>
    public IReadOnlyList<JToken> Json => Payloads.Select(p => p.ToJson()).ToList();

    /// <summary>The only payload, parsed as a JSON object.</summary>
    /// <returns>A new object parsed from the payload on each call (dates stay strings).</returns>
    /// <exception cref="InvalidOperationException">There is not exactly one payload, or it is not an object.</exception>
    public JObject SingleObject() => Payloads.Count == 1 && Payloads[0].ToJson() is JObject o
        ? o
        : throw new InvalidOperationException($"Expected one JSON object payload for '{TrackingId}', found {Payloads.Count} payload(s) ({Status} {StatusCode}: {Message}).");

    /// <inheritdoc />
    public override string ToString() => $"{TrackingId}: {Status} {StatusCode} {Message} ({Payloads.Count} payload(s))";
}
