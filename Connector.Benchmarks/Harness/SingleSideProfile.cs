using System.Diagnostics;
using System.Globalization;

namespace Connector.Benchmarks.Harness;

/// <summary>
/// <c>profile</c>: one side of a paired scenario alone, run after run in this process, so that a profiler attached to it
/// (<c>perf record -g -p PID</c> with <c>DOTNET_PerfMapEnabled=1</c>, <c>dotnet-trace</c>, <c>dotnet-counters</c>) sees
/// only that side's client: the sandbox serves from its child process, as in the paired runs. After the warm-up runs it
/// prints the process id; each timed run then prints its wall time, the process's CPU time, the bytes allocated per
/// document and the gen0 collections (the GC's own figures), and the end their medians. Nothing is compared: run it once
/// per side and compare the two outputs, or the two profiles.
/// </summary>
internal static class SingleSideProfile
{
    /// <summary>Runs <paramref name="warmups"/> untimed runs, then <paramref name="runs"/> measured ones, each after the scenario's preparation.</summary>
    /// <param name="scenario">The scenario, made for this profile; its data is reset before every run as in the paired runs.</param>
    /// <param name="name">The scenario's name, as printed.</param>
    /// <param name="side">The side run.</param>
    /// <param name="documents">The documents of one run (for the allocation per document).</param>
    /// <param name="warmups">Untimed runs first (the tiered compiler's and the connections' warm-up).</param>
    /// <param name="runs">Measured runs.</param>
    /// <param name="output">Where the lines go.</param>
    /// <param name="cancellationToken">Stops between runs.</param>
    /// <returns>The measured runs' wall and CPU seconds, in order.</returns>
    public static async Task<IReadOnlyList<(double Wall, double Cpu)>> RunAsync(
        PairedScenario scenario, string name, Side side, long documents, int warmups, int runs, TextWriter output, CancellationToken cancellationToken)
    {
        for (var i = 0; i < warmups; i++)
        {
            await scenario.PrepareAsync(side, cancellationToken).ConfigureAwait(false);
            await scenario.RunAsync(side, cancellationToken).ConfigureAwait(false);
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"profile {name}, the {side.ToString().ToLowerInvariant()} side alone: process {Environment.ProcessId}; warm-up runs: {warmups}; timed runs: {runs}, of {documents:N0} documents each")).ConfigureAwait(false);
        var measured = new List<(double Wall, double Cpu)>(runs);
        using var process = Process.GetCurrentProcess();
        for (var run = 1; run <= runs; run++)
        {
            await scenario.PrepareAsync(side, cancellationToken).ConfigureAwait(false);
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var collections = GC.CollectionCount(0);
            var clock = Stopwatch.StartNew();
            var done = await scenario.RunAsync(side, cancellationToken).ConfigureAwait(false);
            var wall = clock.Elapsed.TotalSeconds;
            process.Refresh();
            var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
            var perDocument = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / Math.Max(1, documents);
            measured.Add((wall, cpuSeconds));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"run {run}/{runs}: {done:N0} done, {wall:0.000} s wall, {cpuSeconds:0.000} s CPU, {perDocument:N0} B allocated per document, {GC.CollectionCount(0) - collections} gen0 collections")).ConfigureAwait(false);
        }

        var wallMedian = Statistics.Median(measured.Select(m => m.Wall).ToList());
        var cpuMedian = Statistics.Median(measured.Select(m => m.Cpu).ToList());
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"median: {wallMedian:0.000} s wall, {cpuMedian:0.000} s CPU ({cpuMedian * 1e6 / Math.Max(1, documents):0.0} us CPU per document)")).ConfigureAwait(false);
        return measured;
    }
}
