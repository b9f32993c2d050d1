using Connector.Core.Results;
using Newtonsoft.Json.Linq;

namespace Connector.Core.Testing;

/// <summary>Everything one input document received: its final result plus the payloads of its partial results.</summary>
/// <param name="TrackingId">The input document's tracking id: results come back in input order, this tells them apart.</param>
/// <param name="Status">The status of the last final result; FAILURE when there was none (<see cref="FinalResultCount"/> is then 0).</param>
/// <param name="StatusCode">The HTTP status as text or a connector code, from the last final result; <see cref="OperationResponse.MissingResultCode"/> when there was none.</param>
/// <param name="Message">The message of the last final result, for people; "no final result" when there was none.</param>
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
