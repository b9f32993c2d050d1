namespace Connector.Benchmarks.Harness;

/// <summary>
/// Runs a <see cref="PairedScenario"/>: untimed warm-up runs of each side (<c>warmupRuns</c>, alternating), then <c>rounds</c> timed rounds that
/// ALTERNATE the sides (A-B, B-A, A-B... so a drift in machine load hits both equally), with a full GC before each
/// timed run (in this process, and in the sandbox's child process when the scenario has one). Every run must
/// complete the expected number of items.
/// </summary>
/// <param name="log">Where each warm-up run and round is reported.</param>
/// <param name="calibrate">Whether the baseline runs in the connector's slot too (<see cref="BenchmarkSettings.Calibrate"/>).</param>
internal sealed class PairedRunner(TextWriter log, bool calibrate = false)
{
    public async Task<PairedTimes> RunAsync(string name, PairedScenario scenario, int warmupRuns, int rounds, CancellationToken cancellationToken)
    {
        foreach (var side in Enumerable.Repeat(new[] { Side.Connector, Side.Baseline }, Math.Max(1, warmupRuns)).SelectMany(s => s))
        {
            var warm = await TimeOnceAsync(scenario, side, cancellationToken).ConfigureAwait(false);
            await log.WriteLineAsync($"  {name}: warm-up {side,-9} {warm.Seconds:0.000} s").ConfigureAwait(false);
            await scenario.VerifyAsync(side, cancellationToken).ConfigureAwait(false);
        }

        var connector = new List<TimedRun>();
        var baseline = new List<TimedRun>();
        for (var round = 0; round < rounds; round++)
        {
            var order = round % 2 == 0 ? new[] { Side.Connector, Side.Baseline } : [Side.Baseline, Side.Connector];
            foreach (var side in order)
            {
                (side == Side.Connector ? connector : baseline).Add(await TimeOnceAsync(scenario, side, cancellationToken).ConfigureAwait(false));
            }

            await log.WriteLineAsync($"  {name}: round {round + 1}/{rounds} connector {Describe(connector[^1])}, baseline {Describe(baseline[^1])}").ConfigureAwait(false);
        }

        return new PairedTimes(
            connector.Select(r => r.Seconds).ToArray(),
            baseline.Select(r => r.Seconds).ToArray(),
            connector.Select(r => r.CpuSeconds).ToArray(),
            baseline.Select(r => r.CpuSeconds).ToArray())
        {
            ConnectorServerCpu = connector.Select(r => r.ServerCpuSeconds).OfType<double>().ToArray(),
            BaselineServerCpu = baseline.Select(r => r.ServerCpuSeconds).OfType<double>().ToArray(),
            ConnectorJit = connector.Select(r => r.Jit).ToArray(),
            BaselineJit = baseline.Select(r => r.Jit).ToArray(),
        };
    }

    private static string Describe(TimedRun run) =>
        $"{run.Seconds:0.000} s (CPU {run.CpuSeconds:0.000} s{(run.ServerCpuSeconds is { } server ? $", sandbox child {server:0.000} s" : string.Empty)})";

    /// <summary>One timed run of one side (<see cref="TimedRun"/>); in a calibration the baseline runs in the connector's slot too.</summary>
    private Task<TimedRun> TimeOnceAsync(PairedScenario scenario, Side side, CancellationToken cancellationToken) =>
        TimedRun.MeasureAsync(scenario, side, calibrate ? Side.Baseline : side, cancellationToken);
}
