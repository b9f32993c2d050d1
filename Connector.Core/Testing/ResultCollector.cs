using Connector.Core.Results;

namespace Connector.Core.Testing;

/// <summary>A result sink that captures every result and its payload bytes in memory (for tests and small runs).</summary>
public sealed class ResultCollector : IOperationResultSink
{
    private readonly List<(OperationResult Result, IReadOnlyList<CapturedPayload> Payloads)> _results = [];

    /// <summary>Every result received, in order.</summary>
    public IReadOnlyList<OperationResult> Results => _results.Select(r => r.Result).ToList();

    /// <inheritdoc />
    public async ValueTask OnResultAsync(OperationResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var captured = new List<CapturedPayload>(result.Payloads.Count);
        foreach (var payload in result.Payloads)
        {
            using var buffer = new MemoryStream();
            await payload.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            await payload.DisposeAsync().ConfigureAwait(false);
            captured.Add(new CapturedPayload(payload.ContentType, buffer.ToArray()));
        }

        _results.Add((result, captured));
    }

    /// <summary>Groups what was received per input document, in input order.</summary>
    /// <param name="trackingIds">The input documents' tracking ids, in input order.</param>
    /// <returns>One entry per document.</returns>
    public IReadOnlyList<DocumentResult> ToDocumentResults(IEnumerable<string> trackingIds)
    {
        ArgumentNullException.ThrowIfNull(trackingIds);
        return trackingIds.Select(id =>
        {
            var mine = _results.Where(r => r.Result.TrackingId == id).ToList();
            var finals = mine.Where(r => !r.Result.IsPartial).ToList();
            var last = finals.LastOrDefault();
            return new DocumentResult(
                id,
                last.Result?.Status ?? OperationStatus.Failure,
                last.Result?.StatusCode ?? OperationResponse.MissingResultCode,
                last.Result?.Message ?? "no final result",
                mine.SelectMany(r => r.Payloads).ToList(),
                finals.Count);
        }).ToList();
    }
}
