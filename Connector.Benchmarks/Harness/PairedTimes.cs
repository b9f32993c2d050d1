namespace Connector.Benchmarks.Harness;

/// <summary>The timed rounds of a <see cref="PairedScenario"/>, and their medians.</summary>
internal sealed record PairedTimes(IReadOnlyList<double> Connector, IReadOnlyList<double> Baseline)
{
    public double ConnectorMedian => Statistics.Median([.. Connector]);

    public double BaselineMedian => Statistics.Median([.. Baseline]);

    /// <summary>Median connector time over median baseline time.</summary>
    public double Ratio => ConnectorMedian / BaselineMedian;

    /// <summary>The per-round ratios (connector / baseline of the same round), for judging noise.</summary>
    public IReadOnlyList<double> RoundRatios => Connector.Zip(Baseline, (c, b) => c / b).ToArray();

    public string Describe() =>
        $"rounds c/b: {string.Join(" ", RoundRatios.Select(r => r.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)))}";
}
