using Connector.Core.Results;

namespace Connector.Benchmarks.Connect;

/// <summary>
/// A result sink that keeps nothing: it counts results and payloads, remembers the first few failures,
/// and disposes every payload at once (unlike the test harness's ResultCollector, which buffers every payload).
/// An optional callback sees each partial result (the memory child samples the heap through it).
/// </summary>
internal sealed class CountingResultSink(Action<long>? onPartial = null) : IOperationResultSink
{
    private readonly List<string> _failures = [];

    public long PartialResults { get; private set; }

    public long FinalResults { get; private set; }

    /// <summary>Final results with status SUCCESS.</summary>
    public long Successes { get; private set; }

    public long Payloads { get; private set; }

    public IReadOnlyList<string> Failures => _failures;

    public async ValueTask OnResultAsync(OperationResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        // Indexed, not foreach: an interface's enumerator would be one more allocation per result.
        for (var i = 0; i < result.Payloads.Count; i++)
        {
            Payloads++;
            await result.Payloads[i].DisposeAsync().ConfigureAwait(false);
        }

        if (result.IsPartial)
        {
            PartialResults++;
            onPartial?.Invoke(PartialResults);
            return;
        }

        FinalResults++;
        if (result.Status == OperationStatus.Success)
        {
            Successes++;
        }
        else if (_failures.Count < 5)
        {
            _failures.Add($"{result.TrackingId}: {result.Status} {result.StatusCode} {result.Message}");
        }
    }
}
