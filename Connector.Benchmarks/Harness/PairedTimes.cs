using System.Globalization;

namespace Connector.Benchmarks.Harness;

/// <summary>
/// The timed rounds of a <see cref="PairedScenario"/>, and their medians: wall seconds, the CPU seconds the benchmark
/// process used in each run (the client's own when the sandbox runs in a child process; client and sandbox together
/// when it runs in-process), the sandbox child's CPU seconds per run when there is a child, and the JIT compilation
/// of the benchmark process in each run. The CPU ratios are far less disturbed by other load on the machine than wall
/// time; the JIT figures say how much of a side's CPU went to compiling code rather than to the work (methods promoted
/// by tiered compilation, code run once per run reaching its call count late).
/// </summary>
internal sealed record PairedTimes(
    IReadOnlyList<double> Connector,
    IReadOnlyList<double> Baseline,
    IReadOnlyList<double> ConnectorCpu,
    IReadOnlyList<double> BaselineCpu)
{
    /// <summary>The sandbox child's CPU seconds in each connector run; empty when the sandbox ran in-process.</summary>
    public IReadOnlyList<double> ConnectorServerCpu { get; init; } = [];

    /// <summary>The sandbox child's CPU seconds in each baseline run; empty when the sandbox ran in-process.</summary>
    public IReadOnlyList<double> BaselineServerCpu { get; init; } = [];

    /// <summary>The JIT compilation of the benchmark process in each connector run.</summary>
    public IReadOnlyList<JitFigures> ConnectorJit { get; init; } = [];

    /// <summary>The JIT compilation of the benchmark process in each baseline run.</summary>
    public IReadOnlyList<JitFigures> BaselineJit { get; init; } = [];

    public double ConnectorMedian => Statistics.Median([.. Connector]);

    public double BaselineMedian => Statistics.Median([.. Baseline]);

    /// <summary>Median connector time over median baseline time.</summary>
    public double Ratio => ConnectorMedian / BaselineMedian;

    /// <summary>Median connector CPU seconds over median baseline CPU seconds (of the benchmark process).</summary>
    public double CpuRatio => Statistics.Median([.. ConnectorCpu]) / Statistics.Median([.. BaselineCpu]);

    /// <summary>The per-round ratios (connector / baseline of the same round), for judging noise.</summary>
    public IReadOnlyList<double> RoundRatios => Connector.Zip(Baseline, (c, b) => c / b).ToArray();

    /// <summary>
    /// The 95% interval of <see cref="Ratio"/> (<see cref="Statistics.BootstrapRatioInterval"/> over the rounds): a target
    /// inside it is not settled by this run, whichever side of it the ratio fell.
    /// </summary>
    public (double Low, double High) RatioInterval => Statistics.BootstrapRatioInterval(Connector, Baseline);

    public string Describe()
    {
        var (low, high) = RatioInterval;
        var text = $"ratio 95% interval {Format(low, "0.00")}-{Format(high, "0.00")} (paired bootstrap over {Connector.Count} rounds); "
            + $"rounds c/b: {string.Join(" ", RoundRatios.Select(r => Format(r, "0.00")))}; ";
        if (ConnectorServerCpu.Count == 0 || BaselineServerCpu.Count == 0)
        {
            return text + $"process CPU c/b: {Format(CpuRatio, "0.00")}" + DescribeJit();
        }

        var serverConnector = Statistics.Median([.. ConnectorServerCpu]);
        var serverBaseline = Statistics.Median([.. BaselineServerCpu]);
        return text
            + $"client CPU c/b: {Format(CpuRatio, "0.00")} (median {Format(Statistics.Median([.. ConnectorCpu]), "0.000")}/{Format(Statistics.Median([.. BaselineCpu]), "0.000")} s); "
            + $"sandbox child CPU c/b: {Format(serverConnector / serverBaseline, "0.00")} (median {Format(serverConnector, "0.000")}/{Format(serverBaseline, "0.000")} s)"
            + DescribeJit();
    }

    /// <summary>The median JIT time and methods compiled per run of each side, or nothing when they were not measured.</summary>
    private string DescribeJit()
    {
        if (ConnectorJit.Count == 0 || BaselineJit.Count == 0)
        {
            return string.Empty;
        }

        static double Milliseconds(IReadOnlyList<JitFigures> runs) => Statistics.Median(runs.Select(r => r.Time.TotalMilliseconds).ToArray());
        static double Methods(IReadOnlyList<JitFigures> runs) => Statistics.Median(runs.Select(r => (double)r.Methods).ToArray());
        return $"; JIT per run c/b: median {Format(Milliseconds(ConnectorJit), "0")}/{Format(Milliseconds(BaselineJit), "0")} ms, "
            + $"{Format(Methods(ConnectorJit), "0")}/{Format(Methods(BaselineJit), "0")} methods compiled";
    }

    private static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
