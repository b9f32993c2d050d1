using System.Globalization;
using Connector.Benchmarks.Harness;

namespace Connector.Benchmarks.Scenarios;

/// <summary>
/// <c>browse</c>: the design-time steps (<see cref="BrowseSteps"/>) cold, each in a fresh child process (median of
/// several), and warm, again in this process after a first untimed pass (median of several).
/// Targets: cold total &lt; 1 s, warm total &lt; 50 ms, descriptor load &lt; 50 ms (warm; the cold figure is in the notes).
/// </summary>
internal static class BrowseScenario
{
    public static async Task<IReadOnlyList<ScenarioRow>> RunAsync(int rounds, TextWriter log, CancellationToken cancellationToken)
    {
        var cold = new List<IReadOnlyDictionary<string, double>>();
        for (var i = 0; i < rounds; i++)
        {
            var result = await ChildProcessRunner.RunAsync([Cli.BenchmarkArguments.BrowseChildCommand], TimeSpan.FromMinutes(2), cancellationToken).ConfigureAwait(false);
            cold.Add(result.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble(), StringComparer.Ordinal));
            await log.WriteLineAsync($"  browse: cold {string.Join(", ", cold[^1].Select(p => $"{p.Key} {p.Value:0.0}"))}").ConfigureAwait(false);
        }

        await BrowseSteps.RunAllAsync(cancellationToken).ConfigureAwait(false);
        var warm = new List<IReadOnlyDictionary<string, double>>();
        for (var i = 0; i < Math.Max(5, rounds); i++)
        {
            var steps = await BrowseSteps.RunAllAsync(cancellationToken).ConfigureAwait(false);
            warm.Add(steps.ToDictionary(s => s.Name, s => s.Milliseconds, StringComparer.Ordinal));
        }

        var stepNames = warm[0].Keys.ToList();
        double ColdTotal(IReadOnlyDictionary<string, double> run) => stepNames.Sum(n => run[n]);
        var coldTotal = Statistics.Median(cold.Select(ColdTotal).ToArray());
        var warmTotal = Statistics.Median(warm.Select(ColdTotal).ToArray());
        string Steps(IReadOnlyList<IReadOnlyDictionary<string, double>> runs) => string.Join(", ", stepNames.Select(n =>
            string.Create(CultureInfo.InvariantCulture, $"{n.Replace("_ms", string.Empty, StringComparison.Ordinal)} {Statistics.Median(runs.Select(r => r[n]).ToArray()):0.0} ms")));
        var descriptorWarm = Statistics.Median(warm.Select(r => r[BrowseSteps.DescriptorLoad]).ToArray());
        var descriptorCold = Statistics.Median(cold.Select(r => r[BrowseSteps.DescriptorLoad]).ToArray());
        var processStart = Statistics.Median(cold.Select(r => r["process_start_to_main_ms"]).ToArray());
        var measured = BrowseSteps.Describe;
        return
        [
            new ScenarioRow
            {
                Scenario = "browse-cold",
                Records = BrowseSteps.Entries,
                ConnectorSeconds = coldTotal / 1000,
                Target = "< 1 s",
                Met = coldTotal < 1000,
                Notes = string.Create(CultureInfo.InvariantCulture, $"{measured}, fresh child process, median of {rounds}: {Steps(cold)} (process start to Main {processStart:0} ms, not included)"),
            },
            new ScenarioRow
            {
                Scenario = "browse-warm",
                Records = BrowseSteps.Entries,
                ConnectorSeconds = warmTotal / 1000,
                Target = "< 50 ms",
                Met = warmTotal < 50,
                Notes = $"{measured}, same process after a first pass, median of {warm.Count}: {Steps(warm)}",
            },
            new ScenarioRow
            {
                Scenario = "descriptor-load",
                Records = 1,
                ConnectorSeconds = descriptorWarm / 1000,
                Target = "< 50 ms",
                Met = descriptorWarm < 50,
                Notes = string.Create(CultureInfo.InvariantCulture, $"DescriptorLoader.LoadAsync (parse + schema validation), warm median; cold (first call in a fresh process) {descriptorCold:0.0} ms"),
            },
        ];
    }
}
