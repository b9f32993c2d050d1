using System.Globalization;

namespace Connector.Benchmarks.Harness;

/// <summary>
/// <c>profile</c>: one side of a paired scenario alone, run after run in this process, so that a profiler attached to it
/// (<c>perf record -g -p PID</c> with <c>DOTNET_PerfMapEnabled=1</c>, <c>dotnet-trace</c>, <c>dotnet-counters</c>) sees
/// only that side's client: the sandbox serves from its child process, as in the paired runs. After the warm-up runs it
/// prints the process id; each timed run, timed as a paired run is (<see cref="TimedRun"/>), then prints its wall time,
/// the process's CPU time (and the sandbox child's), the bytes allocated per document and the gen0 collections, and
/// the end the medians of wall and CPU time. Nothing is compared: run it once per side and compare the two outputs, or
/// the two profiles.
/// </summary>
internal static class SingleSideProfile
{
    /// <summary>Runs <paramref name="warmups"/> untimed runs, then <paramref name="runs"/> measured ones, each after the scenario's preparation.</summary>
    /// <param name="scenario">The scenario, made for this profile; its data is reset before every run as in the paired runs.</param>
    /// <param name="name">The scenario's name, as printed.</param>
    /// <param name="side">The side run.</param>
    /// <param name="warmups">Untimed runs first (the tiered compiler's and the connections' warm-up).</param>
    /// <param name="runs">Measured runs.</param>
    /// <param name="output">Where the lines go.</param>
    /// <param name="cancellationToken">Stops between runs.</param>
    /// <returns>The measured runs' wall and CPU seconds, in order.</returns>
    public static async Task<IReadOnlyList<(double Wall, double Cpu)>> RunAsync(
        PairedScenario scenario, string name, Side side, int warmups, int runs, TextWriter output, CancellationToken cancellationToken)
    {
        var documents = scenario.ExpectedItems;
        for (var i = 0; i < warmups; i++)
        {
            await TimedRun.MeasureAsync(scenario, side, side, cancellationToken).ConfigureAwait(false);
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"profile {name}, the {side.ToString().ToLowerInvariant()} side alone: process {Environment.ProcessId}; warm-up runs: {warmups}; timed runs: {runs}, of {documents:N0} documents each")).ConfigureAwait(false);
        var measured = new List<(double Wall, double Cpu)>(runs);
        for (var run = 1; run <= runs; run++)
        {
            var timed = await TimedRun.MeasureAsync(scenario, side, side, cancellationToken).ConfigureAwait(false);
            measured.Add((timed.Seconds, timed.CpuSeconds));
            var server = timed.ServerCpuSeconds is { } child ? string.Create(CultureInfo.InvariantCulture, $" (sandbox child {child:0.000} s)") : string.Empty;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"run {run}/{runs}: {documents:N0} done, {timed.Seconds:0.000} s wall, {timed.CpuSeconds:0.000} s CPU{server}, {timed.AllocatedBytes / Math.Max(1, documents):N0} B allocated per document, {timed.Gen0Collections} gen0 collections")).ConfigureAwait(false);
        }

        var wallMedian = Statistics.Median(measured.Select(m => m.Wall).ToList());
        var cpuMedian = Statistics.Median(measured.Select(m => m.Cpu).ToList());
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"median: {wallMedian:0.000} s wall, {cpuMedian:0.000} s CPU ({cpuMedian * 1e6 / Math.Max(1, documents):0.0} us CPU per document)")).ConfigureAwait(false);
        return measured;
    }
}
