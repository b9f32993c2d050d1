using BenchmarkDotNet.Attributes;
using Connector.Operations.Inbound;

namespace Connector.Benchmarks.Micro;

/// <summary>Record splitting (<c>JsonArraySplitter.SplitAsync</c>) of one page of 1000 assets, per page.</summary>
[MemoryDiagnoser]
public class JsonArraySplitterBenchmarks
{
    private byte[] _page = [];

    /// <summary>Builds the page.</summary>
    /// <returns>A task.</returns>
    [GlobalSetup]
    public async Task SetUpAsync() => _page = await SamplePage.AssetsAsync(1000).ConfigureAwait(false);

    /// <summary>The search baseline's scan of the same page: one Utf8JsonReader skipping record by record, no copies.</summary>
    /// <returns>The number of records.</returns>
    [Benchmark(Baseline = true)]
    public async Task<int> BaselineScan()
    {
        using var content = new StreamContent(new MemoryStream(_page, writable: false));
        return await Scenarios.SearchScenario.CountRecordsAsync(content, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Splits the page into its records.</summary>
    /// <returns>The number of records.</returns>
    [Benchmark]
    public async Task<int> SplitPage()
    {
        var count = 0;
        using var stream = new MemoryStream(_page, writable: false);
        await foreach (var record in JsonArraySplitter.SplitAsync(stream, CancellationToken.None).ConfigureAwait(false))
        {
            count += record.Length > 0 ? 1 : 0;
        }

        return count;
    }
}
