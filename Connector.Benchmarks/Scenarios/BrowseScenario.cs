using System.Globalization;
using Connector.Benchmarks.Harness;

namespace Connector.Benchmarks.Scenarios;

/// <summary>
/// <c>browse</c>: the design-time steps (<see cref="BrowseSteps"/>) cold, each in a fresh child process (median of
/// several), and warm, again in this process after a first untimed pass (median of several).
/// Targets: a browser's first answer for one entry in a fresh process &lt; 300 ms; cold (descriptor load + catalogue
/// get) &lt; 1 s; warm catalogue build &lt; 50 ms; descriptor load &lt; 50 ms (warm; the cold figure is in the notes).
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
            await log.WriteLineAsync($"  browse: cold {Describe(cold[^1])}").ConfigureAwait(false);
        }

        var firstAnswers = new List<IReadOnlyDictionary<string, double>>();
        for (var i = 0; i < rounds; i++)
        {
            var result = await ChildProcessRunner.RunAsync([Cli.BenchmarkArguments.BrowseChildCommand, "--" + BrowseChild.StepOption, BrowseChild.EntryStep], TimeSpan.FromMinutes(2), cancellationToken).ConfigureAwait(false);
            firstAnswers.Add(result.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble(), StringComparer.Ordinal));
            await log.WriteLineAsync($"  browse: entry cold {Describe(firstAnswers[^1])}").ConfigureAwait(false);
        }

        await BrowseSteps.RunWarmAsync(cancellationToken).ConfigureAwait(false);
        var warm = new List<IReadOnlyDictionary<string, double>>();
        for (var i = 0; i < Math.Max(5, rounds); i++)
        {
            warm.Add(await BrowseSteps.RunWarmAsync(cancellationToken).ConfigureAwait(false));
        }

        await log.WriteLineAsync($"  browse: warm {Describe(warm[^1])}").ConfigureAwait(false);
        double Median(IEnumerable<IReadOnlyDictionary<string, double>> runs, string step) => Statistics.Median(runs.Select(r => r[step]).ToArray());
        var entries = (long)cold[0][BrowseSteps.Entries];
        var coldTotal = Statistics.Median(cold.Select(r => r[BrowseSteps.DescriptorLoad] + r[BrowseSteps.Catalogue]).ToArray());
        var warmBuild = Median(warm, BrowseSteps.CatalogueBuild);
        var descriptorWarm = Median(warm, BrowseSteps.DescriptorLoad);
        var firstAnswer = Statistics.Median(firstAnswers.Select(r => r[BrowseSteps.DescriptorLoad] + r[BrowseSteps.FirstAnswer]).ToArray());
        return
        [
            new ScenarioRow
            {
                Scenario = "browse-entry-cold",
                Records = 1,
                ConnectorSeconds = firstAnswer / 1000,
                Target = "< 300 ms",
                Met = firstAnswer < 300,
                Notes = string.Create(CultureInfo.InvariantCulture, $"browse per entry cold: fresh child process, median of {firstAnswers.Count}: descriptor load {Median(firstAnswers, BrowseSteps.DescriptorLoad):0} ms + browser and the profiles of {BrowseSteps.FirstAnswerObjectType} {BrowseSteps.FirstAnswerOperation} {Median(firstAnswers, BrowseSteps.FirstAnswer):0} ms (data load + that entry only); runtime start to Main {Median(firstAnswers, "process_start_to_main_ms"):0} ms not included"),
            },
            new ScenarioRow
            {
                Scenario = "browse-cold",
                Records = entries,
                ConnectorSeconds = coldTotal / 1000,
                Target = "< 1 s",
                Met = coldTotal < 1000,
                Notes = string.Create(CultureInfo.InvariantCulture, $"fresh child process, median of {cold.Count}: descriptor load {Median(cold, BrowseSteps.DescriptorLoad):0} ms + CatalogStore.GetCatalogAsync {Median(cold, BrowseSteps.Catalogue):0} ms (data load + build of {entries} entries x INPUT/OUTPUT; build alone {Median(cold, BrowseSteps.CatalogueBuild):0} ms); runtime start to Main {Median(cold, "process_start_to_main_ms"):0} ms not included"),
            },
            new ScenarioRow
            {
                Scenario = "browse-warm",
                Records = entries,
                ConnectorSeconds = warmBuild / 1000,
                Target = "< 50 ms",
                Met = warmBuild < 50,
                Notes = string.Create(CultureInfo.InvariantCulture, $"catalogue rebuilt from loaded data in a warm process, median of {warm.Count}; warm ApiCatalog load {Median(warm, BrowseSteps.ApiCatalogLoad):0.0} ms; cached CatalogStore.GetCatalogAsync {Median(warm, BrowseSteps.CachedGet):0.000} ms"),
            },
            new ScenarioRow
            {
                Scenario = "descriptor-load",
                Records = 1,
                ConnectorSeconds = descriptorWarm / 1000,
                Target = "< 50 ms",
                Met = descriptorWarm < 50,
                Notes = string.Create(CultureInfo.InvariantCulture, $"DescriptorLoader.LoadAsync (parse + schema validation), warm median; cold (first call in a fresh process) {Median(cold, BrowseSteps.DescriptorLoad):0} ms"),
            },
        ];
    }

    private static string Describe(IReadOnlyDictionary<string, double> steps) =>
        string.Join(", ", steps.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:0.0}")));
}
