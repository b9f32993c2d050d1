using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Connector.Benchmarks.Connect;
using Connector.Benchmarks.Harness;

namespace Connector.Benchmarks.Scenarios;

/// <summary>
/// <c>search-memory-child --records N --url URL</c>: in a process of its own (the sandbox serving the records runs
/// in the parent, so its memory is not counted here), runs the connector's search of every asset and prints its own
/// peak working set (the kernel's high-water mark, VmHWM), the highest managed heap seen (sampled every 1000 records and
/// every 20 ms) and the working set before the search started (runtime, descriptor, catalog: the fixed cost).
/// </summary>
internal static class SearchMemoryChild
{
    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string> options, TextWriter output, CancellationToken cancellationToken)
    {
        var records = long.Parse(options["records"], CultureInfo.InvariantCulture);
        var url = new Uri(options["url"]);
        using var session = await BenchmarkConnector.CreateAsync(cancellationToken).ConfigureAwait(false);

        // Load the shared catalog and JIT the path with a one-page search, so "before" is the connector at rest.
        await SearchScenario.RunConnectorAsync(session, url, 1, null, cancellationToken, maxResults: 1).ConfigureAwait(false);
        GC.Collect();
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var before = self.WorkingSet64;
        long peakHeap = 0;
        void Sample() => InterlockedMax(ref peakHeap, GC.GetTotalMemory(forceFullCollection: false));

        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(
            async () =>
            {
                using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
                try
                {
                    while (await timer.WaitForNextTickAsync(sampling.Token).ConfigureAwait(false))
                    {
                        Sample();
                    }
                }
                catch (OperationCanceledException)
                {
                    // Sampling ends with the search.
                }
            },
            CancellationToken.None);

        var watch = Stopwatch.StartNew();
        var emitted = await SearchScenario.RunConnectorAsync(session, url, SearchScenario.PageSize, n =>
        {
            if (n % 1000 == 0)
            {
                Sample();
            }
        }, cancellationToken).ConfigureAwait(false);
        watch.Stop();
        await sampling.CancelAsync().ConfigureAwait(false);
        await sampler.ConfigureAwait(false);
        self.Refresh();
        var result = new Dictionary<string, object>
        {
            ["records"] = emitted,
            ["seconds"] = watch.Elapsed.TotalSeconds,
            ["peak_working_set_bytes"] = self.PeakWorkingSet64,
            ["working_set_before_bytes"] = before,
            ["peak_managed_heap_bytes"] = peakHeap,
            ["gen0"] = GC.CollectionCount(0),
            ["gen1"] = GC.CollectionCount(1),
            ["gen2"] = GC.CollectionCount(2),
            ["allocated_bytes"] = GC.GetTotalAllocatedBytes(),
        };
        if (emitted != records)
        {
            await Console.Error.WriteLineAsync($"expected {records} records, got {emitted}").ConfigureAwait(false);
            return 1;
        }

        await output.WriteLineAsync(ChildProcessRunner.ResultPrefix + JsonSerializer.Serialize(result)).ConfigureAwait(false);
        return 0;
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
