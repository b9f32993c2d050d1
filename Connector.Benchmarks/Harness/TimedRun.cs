using System.Diagnostics;

namespace Connector.Benchmarks.Harness;

/// <summary>
/// One run of one side of a <see cref="PairedScenario"/>, timed as every run of the harness is: prepared, a full GC
/// first (in this process, and in the sandbox's child process when the scenario has one), then its wall seconds, the
/// CPU seconds this process used meanwhile, those of the sandbox child, the JIT compilation this process did meanwhile
/// (the runtime's own counters, every thread), the bytes it allocated and its gen0 collections (the GC's own figures).
/// </summary>
/// <param name="Seconds">Wall time of the run.</param>
/// <param name="CpuSeconds">This process's CPU time during the run.</param>
/// <param name="ServerCpuSeconds">The sandbox child's CPU time during the run; null without a child.</param>
/// <param name="Jit">What this process compiled during the run.</param>
/// <param name="AllocatedBytes">What this process allocated during the run.</param>
/// <param name="Gen0Collections">The gen0 collections during the run.</param>
internal readonly record struct TimedRun(double Seconds, double CpuSeconds, double? ServerCpuSeconds, JitFigures Jit, long AllocatedBytes, int Gen0Collections)
{
    /// <summary>Prepares <paramref name="prepared"/>'s run, then times a run of <paramref name="run"/> (the baseline in a calibration's connector slot).</summary>
    /// <exception cref="InvalidOperationException">The run did not complete the scenario's expected number of items.</exception>
    public static async Task<TimedRun> MeasureAsync(PairedScenario scenario, Side prepared, Side run, CancellationToken cancellationToken)
    {
        await scenario.PrepareAsync(prepared, cancellationToken).ConfigureAwait(false);
        var server = scenario.Server;
        if (server is not null)
        {
            await server.CollectGarbageAsync(cancellationToken).ConfigureAwait(false);
        }

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var serverBefore = server?.ProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var gen0Before = GC.CollectionCount(0);
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var jitBefore = JitFigures.Now();
        var watch = Stopwatch.StartNew();
        var done = await scenario.RunAsync(run, cancellationToken).ConfigureAwait(false);
        watch.Stop();
        var cpu = (Environment.CpuUsage.TotalTime - cpuBefore).TotalSeconds;
        var jit = JitFigures.Now() - jitBefore;
        var gen0 = GC.CollectionCount(0) - gen0Before;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var serverCpu = server is not null && serverBefore is { } before ? (server.ProcessorTime - before).TotalSeconds : (double?)null;
        if (done != scenario.ExpectedItems)
        {
            throw new InvalidOperationException($"the {prepared} run completed {done} items, {scenario.ExpectedItems} were expected");
        }

        return new TimedRun(watch.Elapsed.TotalSeconds, cpu, serverCpu, jit, allocated, gen0);
    }
}
