using System.Globalization;
using Connector.Benchmarks.Harness;

namespace Connector.Benchmarks.Scenarios;

/// <summary>
/// <c>browse</c>: the design-time steps (<see cref="BrowseSteps"/>) cold, each in a fresh child process (median of
/// several; a first child validates the descriptor into a temporary cache folder, as a user's first command does, and
/// the timed ones find it remembered there), and warm, again in this process after a first untimed pass (median of
/// several), rebuilding from the derived data as a connector's store holds it once loaded (with the profile texts its
/// writer joined before, which an equal profile reuses).
/// Targets: a browser's first answer for one entry in a fresh process &lt; 300 ms; cold (descriptor load + catalogue
/// get) &lt; 1 s; warm catalogue build &lt; 50 ms; descriptor load &lt; 50 ms (warm; the cold figure is in the notes).
/// </summary>
internal static class BrowseScenario
{
    public static async Task<IReadOnlyList<ScenarioRow>> RunAsync(int rounds, TextWriter log, CancellationToken cancellationToken)
    {
        var cache = Directory.CreateTempSubdirectory("connector-browse-");
        try
        {
            return await RunAsync(rounds, cache.FullName, log, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            cache.Delete(recursive: true);
        }
    }

    private static async Task<IReadOnlyList<ScenarioRow>> RunAsync(int rounds, string cache, TextWriter log, CancellationToken cancellationToken) =>
        Rows(await MeasureAsync(rounds, cache, log, cancellationToken).ConfigureAwait(false));

    /// <summary>The steps' timings of every run: the validating first child, the cold children, the first-answer children and the warm passes.</summary>
    private static async Task<BrowseRuns> MeasureAsync(int rounds, string cache, TextWriter log, CancellationToken cancellationToken)
    {
        // The first child validates the descriptor and remembers it in the cache folder, as a user's first command does.
        var cacheArguments = new[] { "--" + BrowseChild.CacheOption, cache };
        var validating = await ChildAsync([Cli.BenchmarkArguments.BrowseChildCommand, .. cacheArguments], cancellationToken).ConfigureAwait(false);
        await log.WriteLineAsync($"  browse: cold, validating the descriptor {Describe(validating)}").ConfigureAwait(false);
        var cold = new List<IReadOnlyDictionary<string, double>>();
        for (var i = 0; i < rounds; i++)
        {
            cold.Add(await ChildAsync([Cli.BenchmarkArguments.BrowseChildCommand, .. cacheArguments], cancellationToken).ConfigureAwait(false));
            await log.WriteLineAsync($"  browse: cold {Describe(cold[^1])}").ConfigureAwait(false);
        }

        var firstAnswers = new List<IReadOnlyDictionary<string, double>>();
        for (var i = 0; i < rounds; i++)
        {
            firstAnswers.Add(await ChildAsync([Cli.BenchmarkArguments.BrowseChildCommand, "--" + BrowseChild.StepOption, BrowseChild.EntryStep, .. cacheArguments], cancellationToken).ConfigureAwait(false));
            await log.WriteLineAsync($"  browse: entry cold {Describe(firstAnswers[^1])}").ConfigureAwait(false);
        }

        var loaded = await BrowseSteps.LoadDataAsync(cancellationToken).ConfigureAwait(false);
        await BrowseSteps.RunWarmAsync(loaded, cancellationToken).ConfigureAwait(false);
        var warm = new List<IReadOnlyDictionary<string, double>>();
        for (var i = 0; i < Math.Max(5, rounds); i++)
        {
            warm.Add(await BrowseSteps.RunWarmAsync(loaded, cancellationToken).ConfigureAwait(false));
            await log.WriteLineAsync($"  browse: warm {Describe(warm[^1])}").ConfigureAwait(false);
        }

        return new BrowseRuns(validating, cold, firstAnswers, warm);
    }

    /// <summary>The report's rows (and their targets) from the medians of <paramref name="runs"/>.</summary>
    private static ScenarioRow[] Rows(BrowseRuns runs)
    {
        var (validating, cold, firstAnswers, warm) = runs;
        double Median(IEnumerable<IReadOnlyDictionary<string, double>> runs, string step) => Statistics.Median(runs.Select(r => r[step]).ToArray());
        var entries = (long)cold[0][BrowseSteps.Entries];
        var coldTotal = Statistics.Median(cold.Select(r => r[BrowseSteps.DescriptorLoad] + r[BrowseSteps.Catalogue]).ToArray());
        var warmBuild = Median(warm, BrowseSteps.CatalogueBuild);
        var descriptorWarm = Median(warm, BrowseSteps.DescriptorLoad);
        var firstAnswer = Statistics.Median(firstAnswers.Select(r => r[BrowseSteps.DescriptorLoad] + r[BrowseSteps.FirstAnswer]).ToArray());
        return
        [
            TimedRow("browse-entry-cold", 1, firstAnswer, 300, string.Create(CultureInfo.InvariantCulture, $"browse per entry cold: fresh child process, median of {firstAnswers.Count}: descriptor load {Median(firstAnswers, BrowseSteps.DescriptorLoad):0} ms (schema validation remembered in the cache folder) + browser and the profiles of {BrowseSteps.FirstAnswerObjectType} {BrowseSteps.FirstAnswerOperation} {Median(firstAnswers, BrowseSteps.FirstAnswer):0} ms (data load + that entry's profile text); loading its OUTPUT into NJsonSchema for a first validation adds {Median(firstAnswers, BrowseSteps.FirstSchemaLoad):0} ms; runtime start to Main {Median(firstAnswers, "process_start_to_main_ms"):0} ms not included")),
            TimedRow("browse-cold", entries, coldTotal, 1000, string.Create(CultureInfo.InvariantCulture, $"fresh child process, median of {cold.Count}: descriptor load {Median(cold, BrowseSteps.DescriptorLoad):0} ms (schema validation remembered in the cache folder; the first process, validating, {validating[BrowseSteps.DescriptorLoad]:0} ms) + CatalogStore.GetCatalogAsync {Median(cold, BrowseSteps.Catalogue):0} ms (data load + build of {entries} entries x INPUT/OUTPUT, every reference resolved, then every profile's text read: {Median(cold, BrowseSteps.ProfileChars) / 1e6:0.0} M characters; build before the texts {Median(cold, BrowseSteps.CatalogueBuild):0} ms); runtime start to Main {Median(cold, "process_start_to_main_ms"):0} ms not included")),
            TimedRow("browse-warm", entries, warmBuild, 50, string.Create(CultureInfo.InvariantCulture, $"catalogue rebuilt in a warm process from the derived data as a connector's store holds it once loaded (parsed, shared definitions serialized, the profile texts it joined before kept): new entries, every INPUT and OUTPUT profile's root text written again and its whole text read ({Median(warm, BrowseSteps.ProfileChars) / 1e6:0.0} M characters), each text equal in content (root text and reached definitions) to one joined before reused, not copied again; median of {warm.Count}; loading the derived data again {Median(warm, BrowseSteps.ApiCatalogLoad):0.0} ms and building from that fresh data, nothing reused, every text joined {Median(warm, BrowseSteps.FreshDataBuild):0.0} ms; cached CatalogStore.GetCatalogAsync {Median(warm, BrowseSteps.CachedGet):0.000} ms")),
            TimedRow("descriptor-load", 1, descriptorWarm, 50, string.Create(CultureInfo.InvariantCulture, $"DescriptorLoader.LoadAsync (parse + schema validation), warm median; cold (first call in a fresh process) {validating[BrowseSteps.DescriptorLoad]:0} ms validating, {Median(cold, BrowseSteps.DescriptorLoad):0} ms with the validation remembered")),
        ];
    }

    /// <summary>A row of one timing in milliseconds, met when below <paramref name="limitMs"/> (its target reads "&lt; limit").</summary>
    private static ScenarioRow TimedRow(string scenario, long records, double milliseconds, int limitMs, string notes) => new()
    {
        Scenario = scenario,
        Records = records,
        ConnectorSeconds = milliseconds / 1000,
        Target = limitMs >= 1000 ? string.Create(CultureInfo.InvariantCulture, $"< {limitMs / 1000} s") : string.Create(CultureInfo.InvariantCulture, $"< {limitMs} ms"),
        Met = milliseconds < limitMs,
        Notes = notes,
    };

    private static async Task<IReadOnlyDictionary<string, double>> ChildAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var result = await ChildProcessRunner.RunAsync(arguments, TimeSpan.FromMinutes(2), cancellationToken).ConfigureAwait(false);
        return result.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble(), StringComparer.Ordinal);
    }

    private static string Describe(IReadOnlyDictionary<string, double> steps) =>
        string.Join(", ", steps.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:0.0}")));

    /// <summary>Each run's step timings in milliseconds (and counts), by step name.</summary>
    private sealed record BrowseRuns(
        IReadOnlyDictionary<string, double> Validating,
        IReadOnlyList<IReadOnlyDictionary<string, double>> Cold,
        IReadOnlyList<IReadOnlyDictionary<string, double>> FirstAnswers,
        IReadOnlyList<IReadOnlyDictionary<string, double>> Warm);
}
