using BenchmarkDotNet.Attributes;
using Connector.Benchmarks.Connect;
using Connector.Core.Documents;
using Connector.Core.Results;
using Connector.Operations.Inbound;

namespace Connector.Benchmarks.Micro;

/// <summary>
/// Result writing: a search's partial results for one page of 1000 records through <see cref="OperationResponse"/>
/// (invariant bookkeeping, the delivery gate) into a sink that disposes payloads; and the whole client-side page
/// path (split + one payload and partial result per record).
/// </summary>
[MemoryDiagnoser]
public class ResultWritingBenchmarks
{
    private byte[] _page = [];
    private ReadOnlyMemory<byte>[] _records = [];

    /// <summary>Builds the page and its split records.</summary>
    /// <returns>A task.</returns>
    [GlobalSetup]
    public async Task SetUpAsync()
    {
        _page = await SamplePage.AssetsAsync(1000).ConfigureAwait(false);
        var records = new List<ReadOnlyMemory<byte>>();
        using var stream = new MemoryStream(_page, writable: false);
        await foreach (var record in JsonArraySplitter.SplitAsync(stream, CancellationToken.None).ConfigureAwait(false))
        {
            records.Add(record);
        }

        _records = [.. records];
    }

    /// <summary>1000 partial results (already split records) and the final result.</summary>
    /// <returns>The number of partial results the sink saw.</returns>
    [Benchmark(Baseline = true)]
    public async Task<long> EmitPartialResults()
    {
        var document = TrackedDocument.Empty("query");
        var sink = new CountingResultSink();
        var response = new OperationResponse([document], sink);
        foreach (var record in _records)
        {
            await response.AddPartialResultAsync(document, Payload.FromJsonBytes(record)).ConfigureAwait(false);
        }

        await response.FinishPartialResultAsync(document, OperationStatus.Success, "200", "done").ConfigureAwait(false);
        return sink.PartialResults;
    }

    /// <summary>Split a 1000-record page and emit every record as a partial result (the connector's client-side cost per page).</summary>
    /// <returns>The number of partial results the sink saw.</returns>
    [Benchmark]
    public async Task<long> SplitAndEmitPage()
    {
        var document = TrackedDocument.Empty("query");
        var sink = new CountingResultSink();
        var response = new OperationResponse([document], sink);
        using var stream = new MemoryStream(_page, writable: false);
        await foreach (var record in JsonArraySplitter.SplitAsync(stream, CancellationToken.None).ConfigureAwait(false))
        {
            await response.AddPartialResultAsync(document, Payload.FromJsonBytes(record)).ConfigureAwait(false);
        }

        await response.FinishPartialResultAsync(document, OperationStatus.Success, "200", "done").ConfigureAwait(false);
        return sink.PartialResults;
    }
}
