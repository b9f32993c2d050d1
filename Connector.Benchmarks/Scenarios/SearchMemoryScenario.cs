using System.Globalization;
using Connector.Benchmarks.Harness;
using Connector.Sandbox;

namespace Connector.Benchmarks.Scenarios;

/// <summary>
/// <c>search-memory</c>: the connector's search of a small and a large collection (100,000 and 1,000,000 assets),
/// each in a CHILD process of this executable. The sandbox serving the records runs in this (parent) process, so
/// the child's peak working set is the connector's alone (runtime + descriptor + catalog + the streaming search); a
/// sandbox inside the child would add its own buffers and generated records to the same process-wide figure, with no
/// way to separate them. Target: the large peak within 1.2x of the small one, and under 200 MB.
/// </summary>
internal static class SearchMemoryScenario
{
    public const double MaxGrowth = 1.2;
    public const double MaxPeakMb = 200;

    public static async Task<IReadOnlyList<ScenarioRow>> RunAsync(int small, int large, TextWriter log, CancellationToken cancellationToken)
    {
        var smallRun = await MeasureAsync(small, log, cancellationToken).ConfigureAwait(false);
        var largeRun = await MeasureAsync(large, log, cancellationToken).ConfigureAwait(false);
        var growth = largeRun.PeakMb / smallRun.PeakMb;
        var met = growth <= MaxGrowth && largeRun.PeakMb < MaxPeakMb;
        return
        [
            Row(smallRun, null, null, string.Empty),
            Row(largeRun, growth, met, $"peak {largeRun.PeakMb:0.0} MB = {growth:0.00}x the {small:N0}-record peak"),
        ];
    }

    private static ScenarioRow Row(ChildMeasurement run, double? growth, bool? met, string extra) => new()
    {
        Scenario = "search-memory",
        Records = run.Records,
        ConnectorSeconds = run.Seconds,
        ConnectorRecordsPerSecond = run.Records / run.Seconds,
        Ratio = growth,
        PeakWorkingSetMb = run.PeakMb,
        PeakManagedHeapMb = run.HeapMb,
        Target = growth is null ? string.Empty : $"<= {MaxGrowth:0.0}x, < {MaxPeakMb:0} MB",
        Met = met,
        Notes = string.Create(CultureInfo.InvariantCulture, $"child process; working set before the search {run.BeforeMb:0.0} MB; GCs gen0/1/2 {run.Gen0}/{run.Gen1}/{run.Gen2}; allocated {run.AllocatedMb:0} MB{(extra.Length > 0 ? "; " + extra : string.Empty)}"),
    };

    private static async Task<ChildMeasurement> MeasureAsync(int records, TextWriter log, CancellationToken cancellationToken)
    {
        await using var sandbox = await ConnectSandbox.StartAsync(
            new SandboxOptions { Port = 0, Seed = 42, RecordsPerType = 200, AssetCount = records, RequestLogCapacity = 100 }, cancellationToken).ConfigureAwait(false);
        var result = await ChildProcessRunner.RunAsync(
            [Cli.BenchmarkArguments.SearchMemoryChildCommand, "--records", records.ToString(CultureInfo.InvariantCulture), "--url", sandbox.BaseUrl.ToString()],
            TimeSpan.FromMinutes(20),
            cancellationToken).ConfigureAwait(false);
        const double Mb = 1024 * 1024;
        var run = new ChildMeasurement(
            result.GetProperty("records").GetInt64(),
            result.GetProperty("seconds").GetDouble(),
            result.GetProperty("peak_working_set_bytes").GetInt64() / Mb,
            result.GetProperty("peak_managed_heap_bytes").GetInt64() / Mb,
            result.GetProperty("working_set_before_bytes").GetInt64() / Mb,
            result.GetProperty("allocated_bytes").GetInt64() / Mb,
            result.GetProperty("gen0").GetInt32(),
            result.GetProperty("gen1").GetInt32(),
            result.GetProperty("gen2").GetInt32());
        await log.WriteLineAsync($"  search-memory: {records:N0} records in {run.Seconds:0.00} s, peak working set {run.PeakMb:0.0} MB, heap {run.HeapMb:0.0} MB").ConfigureAwait(false);
        return run;
    }

    private sealed record ChildMeasurement(long Records, double Seconds, double PeakMb, double HeapMb, double BeforeMb, double AllocatedMb, int Gen0, int Gen1, int Gen2);
}
