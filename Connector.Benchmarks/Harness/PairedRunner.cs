using System.Diagnostics;

namespace Connector.Benchmarks.Harness;

/// <summary>
/// Runs a <see cref="PairedScenario"/>: one untimed warm-up of each side, then <c>rounds</c> timed rounds that
/// ALTERNATE the sides (A-B, B-A, A-B... so a drift in machine load hits both equally), with a full GC before each
/// timed run. Every run must complete the expected number of items.
/// </summary>
internal sealed class PairedRunner(TextWriter log)
{
    public async Task<PairedTimes> RunAsync(string name, PairedScenario scenario, int rounds, CancellationToken cancellationToken)
    {
        foreach (var side in new[] { Side.Connector, Side.Baseline })
        {
            var (warm, _) = await TimeOnceAsync(scenario, side, cancellationToken).ConfigureAwait(false);
            await log.WriteLineAsync($"  {name}: warm-up {side,-9} {warm:0.000} s").ConfigureAwait(false);
            await scenario.VerifyAsync(side, cancellationToken).ConfigureAwait(false);
        }

        var connector = new List<double>();
        var baseline = new List<double>();
        var connectorCpu = new List<double>();
        var baselineCpu = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            var order = round % 2 == 0 ? new[] { Side.Connector, Side.Baseline } : [Side.Baseline, Side.Connector];
            foreach (var side in order)
            {
                var (seconds, cpu) = await TimeOnceAsync(scenario, side, cancellationToken).ConfigureAwait(false);
                (side == Side.Connector ? connector : baseline).Add(seconds);
                (side == Side.Connector ? connectorCpu : baselineCpu).Add(cpu);
            }

            await log.WriteLineAsync($"  {name}: round {round + 1}/{rounds} connector {connector[^1]:0.000} s (CPU {connectorCpu[^1]:0.000} s), baseline {baseline[^1]:0.000} s (CPU {baselineCpu[^1]:0.000} s)").ConfigureAwait(false);
        }

        return new PairedTimes(connector, baseline, connectorCpu, baselineCpu);
    }

    /// <summary>One run of one side: its wall seconds and the CPU seconds the whole process used meanwhile.</summary>
    private static async Task<(double Seconds, double CpuSeconds)> TimeOnceAsync(PairedScenario scenario, Side side, CancellationToken cancellationToken)
    {
        await scenario.PrepareAsync(side, cancellationToken).ConfigureAwait(false);
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var watch = Stopwatch.StartNew();
        var done = await scenario.RunAsync(side, cancellationToken).ConfigureAwait(false);
        watch.Stop();
        var cpu = (Environment.CpuUsage.TotalTime - cpuBefore).TotalSeconds;
        if (done != scenario.ExpectedItems)
        {
            throw new InvalidOperationException($"the {side} run completed {done} items, {scenario.ExpectedItems} were expected");
        }

        return (watch.Elapsed.TotalSeconds, cpu);
    }
}
