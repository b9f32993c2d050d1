namespace Connector.Benchmarks.Harness;

/// <summary>Medians of measured rounds, and how far a paired ratio of medians can be trusted.</summary>
internal static class Statistics
{
    public static double Median(IReadOnlyCollection<double> values)
    {
        ArgumentOutOfRangeException.ThrowIfZero(values.Count);
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>
    /// A percentile bootstrap interval of <c>median(connector) / median(baseline)</c> over paired rounds: rounds are
    /// drawn with replacement, each drawn round bringing both of its runs (the two sides ran seconds apart, on much the same
    /// machine state), the ratio of medians computed for each of <paramref name="resamples"/> draws, and the
    /// central <paramref name="confidence"/> share of those ratios returned. The draws come from a fixed seed, so the
    /// same rounds always give the same interval.
    /// </summary>
    /// <returns>The interval's bounds; a single round gives its own ratio as both.</returns>
    public static (double Low, double High) BootstrapRatioInterval(
        IReadOnlyList<double> connector, IReadOnlyList<double> baseline, double confidence = 0.95, int resamples = 2_000, int seed = 20_261_202)
    {
        ArgumentOutOfRangeException.ThrowIfZero(connector.Count);
        ArgumentOutOfRangeException.ThrowIfNotEqual(baseline.Count, connector.Count);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(confidence, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(confidence, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        var random = new Random(seed);
        var rounds = connector.Count;
        var drawnConnector = new double[rounds];
        var drawnBaseline = new double[rounds];
        var ratios = new double[resamples];
        for (var r = 0; r < resamples; r++)
        {
            for (var i = 0; i < rounds; i++)
            {
                var round = random.Next(rounds);
                drawnConnector[i] = connector[round];
                drawnBaseline[i] = baseline[round];
            }

            ratios[r] = Median(drawnConnector) / Median(drawnBaseline);
        }

        Array.Sort(ratios);
        var tail = (1 - confidence) / 2;
        return (ratios[(int)Math.Floor(tail * (resamples - 1))], ratios[(int)Math.Ceiling((1 - tail) * (resamples - 1))]);
    }
}
