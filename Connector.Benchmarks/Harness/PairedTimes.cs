using System.Globalization;

namespace Connector.Benchmarks.Harness;

/// <summary>
/// The timed rounds of a <see cref="PairedScenario"/>, and their medians: wall seconds, the CPU seconds the benchmark
/// process used in each run (the client's own when the sandbox runs in a child process; client and sandbox together
/// when it runs in-process), and the sandbox child's CPU seconds per run when there is a child. The CPU ratios are far
/// less disturbed by other load on the machine than wall time.
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

    public double ConnectorMedian => Statistics.Median([.. Connector]);

    public double BaselineMedian => Statistics.Median([.. Baseline]);

    /// <summary>Median connector time over median baseline time.</summary>
    public double Ratio => ConnectorMedian / BaselineMedian;

    /// <summary>Median connector CPU seconds over median baseline CPU seconds (of the benchmark process).</summary>
    public double CpuRatio => Statistics.Median([.. ConnectorCpu]) / Statistics.Median([.. BaselineCpu]);

    /// <summary>The per-round ratios (connector / baseline of the same round), for judging noise.</summary>
    public IReadOnlyList<double> RoundRatios => Connector.Zip(Baseline, (c, b) => c / b).ToArray();

    public string Describe()
    {
        var text = $"rounds c/b: {string.Join(" ", RoundRatios.Select(r => Format(r, "0.00")))}; ";
        if (ConnectorServerCpu.Count == 0 || BaselineServerCpu.Count == 0)
        {
            return text + $"process CPU c/b: {Format(CpuRatio, "0.00")}";
        }

        var serverConnector = Statistics.Median([.. ConnectorServerCpu]);
        var serverBaseline = Statistics.Median([.. BaselineServerCpu]);
        return text
            + $"client CPU c/b: {Format(CpuRatio, "0.00")} (median {Format(Statistics.Median([.. ConnectorCpu]), "0.000")}/{Format(Statistics.Median([.. BaselineCpu]), "0.000")} s); "
            + $"sandbox child CPU c/b: {Format(serverConnector / serverBaseline, "0.00")} (median {Format(serverConnector, "0.000")}/{Format(serverBaseline, "0.000")} s)";
    }

    private static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
