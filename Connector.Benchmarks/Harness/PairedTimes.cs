namespace Connector.Benchmarks.Harness;

/// <summary>
/// The timed rounds of a <see cref="PairedScenario"/>, and their medians: wall seconds, and the process CPU seconds
/// each run used (client and in-process sandbox together; the sandbox does the same work for both sides, so the
/// CPU ratio shows the client's extra work and is far less disturbed by other load on the machine than wall time).
/// </summary>
internal sealed record PairedTimes(
    IReadOnlyList<double> Connector,
    IReadOnlyList<double> Baseline,
    IReadOnlyList<double> ConnectorCpu,
    IReadOnlyList<double> BaselineCpu)
{
    public double ConnectorMedian => Statistics.Median([.. Connector]);

    public double BaselineMedian => Statistics.Median([.. Baseline]);

    /// <summary>Median connector time over median baseline time.</summary>
    public double Ratio => ConnectorMedian / BaselineMedian;

    /// <summary>Median connector CPU seconds over median baseline CPU seconds.</summary>
    public double CpuRatio => Statistics.Median([.. ConnectorCpu]) / Statistics.Median([.. BaselineCpu]);

    /// <summary>The per-round ratios (connector / baseline of the same round), for judging noise.</summary>
    public IReadOnlyList<double> RoundRatios => Connector.Zip(Baseline, (c, b) => c / b).ToArray();

    public string Describe() =>
        $"rounds c/b: {string.Join(" ", RoundRatios.Select(r => r.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)))}; "
        + $"process CPU c/b: {CpuRatio.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}";
}
