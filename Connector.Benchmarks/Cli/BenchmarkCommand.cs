using System.Globalization;
using Connector.Benchmarks.Harness;
using Connector.Benchmarks.Micro;
using Connector.Benchmarks.Scenarios;

namespace Connector.Benchmarks.Cli;

/// <summary>Runs what the command line asks: scenarios (table + JSON), a child measurement, or the micro benchmarks.</summary>
internal static class BenchmarkCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        BenchmarkArguments arguments;
        try
        {
            arguments = BenchmarkArguments.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return 2;
        }

        switch (arguments.Command)
        {
            case "micro":
                return MicroBenchmarks.Run(arguments.PassThrough);
            case BenchmarkArguments.SearchMemoryChildCommand:
                return await SearchMemoryChild.RunAsync(arguments.ChildOptions, output, cancellationToken).ConfigureAwait(false);
            case BenchmarkArguments.BrowseChildCommand:
                return await BrowseChild.RunAsync(arguments.ChildOptions, output, cancellationToken).ConfigureAwait(false);
            case BenchmarkArguments.SandboxChildCommand:
                return await SandboxChild.RunAsync(arguments.ChildOptions, Console.In, output, cancellationToken).ConfigureAwait(false);
            case BenchmarkArguments.ProfileCommand:
                await ProfileAsync(arguments, output, cancellationToken).ConfigureAwait(false);
                return 0;
        }

#if DEBUG
        await output.WriteLineAsync("WARNING: a Debug build; run with -c Release for meaningful numbers.").ConfigureAwait(false);
#endif
        var settings = arguments.Quick ? BenchmarkSettings.Quick : BenchmarkSettings.Full;
        if (arguments.Rounds is { } rounds)
        {
            settings = settings with { Rounds = rounds, StateChangingRounds = rounds, BrowseColdRounds = rounds };
        }

        settings = settings with { Calibrate = arguments.Calibrate };

        await output.WriteLineAsync($"Machine: {MachineDescription.Describe()}").ConfigureAwait(false);
        await output.WriteLineAsync($"Scenarios: {string.Join(", ", arguments.Scenarios)}{(arguments.Quick ? " (quick: 1/10 size)" : string.Empty)}{(arguments.Calibrate ? " (calibration: the baseline in both slots)" : string.Empty)}, {settings.Rounds} rounds ({settings.StateChangingRounds} for actions and bulk-close)").ConfigureAwait(false);
        var rows = await RunScenariosAsync(arguments.Scenarios, settings, output, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync(ResultReport.Table(rows)).ConfigureAwait(false);
        if (arguments.JsonPath is { } path)
        {
            await ResultReport.WriteJsonAsync(path, rows, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"JSON written to {path}").ConfigureAwait(false);
        }

        return 0;
    }

    /// <summary>Runs the named scenarios in order and returns their rows.</summary>
    public static async Task<IReadOnlyList<ScenarioRow>> RunScenariosAsync(
        IReadOnlyList<string> scenarios, BenchmarkSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        var rows = new List<ScenarioRow>();
        var runner = new PairedRunner(log, settings.Calibrate);
        foreach (var scenario in scenarios)
        {
            await log.WriteLineAsync($"[{scenario}]").ConfigureAwait(false);
            switch (scenario)
            {
                case "search":
                    await using (var search = await SearchScenario.CreateAsync(settings.SearchRecords, cancellationToken).ConfigureAwait(false))
                    {
                        var times = await runner.RunAsync(scenario, search, settings.WarmupRuns, settings.Rounds, cancellationToken).ConfigureAwait(false);
                        rows.Add(PairedRow(scenario, settings, settings.SearchRecords, times, 1.10, $"page size {SearchScenario.PageSize}; sandbox in a child process (started once, its request log emptied before each run), client and sandbox CPU apart; baseline: HttpClient, each page streamed through Utf8JsonReader (Skip per record); same URLs (checked); {times.Describe()}"));
                    }

                    break;
                case "search-memory":
                    rows.AddRange(await SearchMemoryScenario.RunAsync(settings.MemorySmallRecords, settings.MemoryLargeRecords, log, cancellationToken).ConfigureAwait(false));
                    break;
                case "actions":
                case "actions-client":
                    rows.Add(await ActionsRowAsync(scenario, settings, runner, cancellationToken).ConfigureAwait(false));
                    break;
                case "bulk-close":
                    await using (var bulk = await BulkCloseScenario.CreateAsync(settings.BulkCloseRecords, cancellationToken).ConfigureAwait(false))
                    {
                        var times = await runner.RunAsync(scenario, bulk, settings.StateChangingWarmupRuns, settings.StateChangingRounds, cancellationToken).ConfigureAwait(false);
                        rows.Add(PairedRow(scenario, settings, settings.BulkCloseRecords, times, 1.05, $"batch {BulkCloseScenario.BatchSize}, parallelism {BulkCloseScenario.Parallelism}; {bulk.SeedNote}; sandbox in a child process; same requests (checked); {times.Describe()}"));
                    }

                    break;
                case "browse":
                    rows.AddRange(await BrowseScenario.RunAsync(settings.BrowseColdRounds, log, cancellationToken).ConfigureAwait(false));
                    break;
                case "cli-latency":
                    rows.AddRange(await CliLatencyScenario.RunAsync(settings.Rounds, log, cancellationToken).ConfigureAwait(false));
                    break;
                case "sandbox-page":
                    rows.AddRange(await SandboxPageScenario.RunAsync(settings.SandboxPageRecords, settings.Rounds, log, cancellationToken).ConfigureAwait(false));
                    break;
                default:
                    throw new ArgumentException($"unknown scenario '{scenario}'", nameof(scenarios));
            }
        }

        return rows;
    }

    /// <summary>
    /// <c>profile</c>: one side of actions, actions-client or bulk-close alone, at the run's sizes (full, or <c>--quick</c>),
    /// with the paired runs' warm-ups, for a profiler to attach to (<see cref="SingleSideProfile"/>).
    /// </summary>
    private static async Task ProfileAsync(BenchmarkArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var settings = arguments.Quick ? BenchmarkSettings.Quick : BenchmarkSettings.Full;
        var name = arguments.Scenarios[0];
        await using PairedScenario scenario = name == "bulk-close"
            ? await BulkCloseScenario.CreateAsync(settings.BulkCloseRecords, cancellationToken).ConfigureAwait(false)
            : await ActionsScenario.CreateAsync(settings.Actions, clientOnly: name == "actions-client", cancellationToken).ConfigureAwait(false);
        await SingleSideProfile.RunAsync(scenario, name, arguments.ProfileSide, settings.StateChangingWarmupRuns, arguments.Rounds ?? 20, output, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The actions row, or the <c>actions-client</c> one: the same APPROVEs with the connector's HTTP client alone in the
    /// connector's slot, a diagnostic without a target (the client's share of the actions difference).
    /// </summary>
    private static async Task<ScenarioRow> ActionsRowAsync(string scenario, BenchmarkSettings settings, PairedRunner runner, CancellationToken cancellationToken)
    {
        var clientOnly = scenario == "actions-client";
        await using var actions = await ActionsScenario.CreateAsync(settings.Actions, clientOnly, cancellationToken).ConfigureAwait(false);
        var times = await runner.RunAsync(scenario, actions, settings.StateChangingWarmupRuns, settings.StateChangingRounds, cancellationToken).ConfigureAwait(false);
        var notes = $"request APPROVE, parallelism {ActionsScenario.Parallelism}; {actions.SeedNote}; sandbox in a child process; same requests (checked); {times.Describe()}";
        if (!clientOnly)
        {
            return PairedRow(scenario, settings, settings.Actions, times, 1.05, notes);
        }

        return PairedRow(scenario, settings, settings.Actions, times, null, "DIAGNOSTIC, the connector's HTTP client alone (ConnectHttpClient, each answer read and checked; no documents, no results) against the baseline; " + notes);
    }

    /// <summary>
    /// A paired scenario's row: met when the ratio of medians is at most <paramref name="target"/>, and the notes say so
    /// when the target lies inside the ratio's 95% interval (this run alone does not settle it). A calibration row has no
    /// target (identical code ran in both slots), nor has a diagnostic one (a null <paramref name="target"/>).
    /// </summary>
    private static ScenarioRow PairedRow(string scenario, BenchmarkSettings settings, long records, PairedTimes times, double? target, string notes)
    {
        var (low, high) = times.RatioInterval;
        var unsettled = !settings.Calibrate && target is not null && low <= target && target < high
            ? string.Create(CultureInfo.InvariantCulture, $"the target {target:0.00} is inside the ratio's 95% interval: this run alone does not settle it; ")
            : string.Empty;
        return new ScenarioRow
        {
            Scenario = scenario,
            Records = records,
            ConnectorSeconds = times.ConnectorMedian,
            BaselineSeconds = times.BaselineMedian,
            Ratio = times.Ratio,
            RatioLow = low,
            RatioHigh = high,
            ConnectorRecordsPerSecond = records / times.ConnectorMedian,
            BaselineRecordsPerSecond = records / times.BaselineMedian,
            Target = settings.Calibrate ? "calibration: 1.00" : target is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"ratio <= {target:0.00}"),
            Met = settings.Calibrate || target is null ? null : times.Ratio <= target,
            Notes = (settings.Calibrate ? "CALIBRATION, the baseline in both slots (any distance from 1.00 is the harness's noise); " : unsettled) + notes,
        };
    }
}
