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
        var sampler = HeapPeakSampler.Start(TimeSpan.FromMilliseconds(20));
        var watch = Stopwatch.StartNew();
        var emitted = await SearchScenario.RunConnectorAsync(session, url, SearchScenario.PageSize, n =>
        {
            if (n % 1000 == 0)
            {
                sampler.Sample();
            }
        }, cancellationToken).ConfigureAwait(false);
        watch.Stop();
        var peakHeap = await sampler.StopAsync().ConfigureAwait(false);
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

    /// <summary>The highest managed heap seen: sampled on a timer and whenever <see cref="Sample"/> is called, until stopped.</summary>
    private sealed class HeapPeakSampler
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _timer;
        private long _peak;

        private HeapPeakSampler(TimeSpan period) => _timer = Task.Run(() => SampleEveryAsync(period), CancellationToken.None);

        public static HeapPeakSampler Start(TimeSpan period) => new(period);

        public void Sample()
        {
            var value = GC.GetTotalMemory(forceFullCollection: false);
            var current = Volatile.Read(ref _peak);
            while (value > current)
            {
                var seen = Interlocked.CompareExchange(ref _peak, value, current);
                if (seen == current)
                {
                    return;
                }

                current = seen;
            }
        }

        /// <summary>Stops the timer and returns the highest heap seen, in bytes.</summary>
        public async Task<long> StopAsync()
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            await _timer.ConfigureAwait(false);
            _stop.Dispose();
            return Volatile.Read(ref _peak);
        }

        private async Task SampleEveryAsync(TimeSpan period)
        {
            using var timer = new PeriodicTimer(period);
            try
            {
                while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
                {
                    Sample();
                }
            }
            catch (OperationCanceledException)
            {
                // Sampling ends with the search.
            }
        }
    }
}
