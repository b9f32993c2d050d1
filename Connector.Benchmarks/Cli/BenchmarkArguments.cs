using System.Globalization;
using Connector.Benchmarks.Harness;

namespace Connector.Benchmarks.Cli;

/// <summary>
/// The parsed command line: <c>[scenario...] [--quick] [--rounds N] [--calibrate] [--json PATH]</c>, or a child command
/// (<c>search-memory-child</c>, <c>browse-child</c>, <c>sandbox-child</c>) with its options, or <c>micro</c> followed by
/// BenchmarkDotNet arguments, or <c>profile SCENARIO [--side connector|baseline] [--runs N] [--quick]</c>.
/// </summary>
internal sealed record BenchmarkArguments
{
    /// <summary>Every measured scenario, in the order they run by default.</summary>
    public static readonly IReadOnlyList<string> AllScenarios = ["search", "search-memory", "actions", "bulk-close", "browse", "cli-latency", "sandbox-page"];

    /// <summary>
    /// Scenarios run only when named: <c>actions-client</c>, the actions scenario with the connector's HTTP client alone
    /// in the connector's slot (what the HTTP layer costs without the operation's per-document work).
    /// </summary>
    public static readonly IReadOnlyList<string> DiagnosticScenarios = ["actions-client"];

    /// <summary>The scenarios that time the connector against the baseline round by round: the ones <c>--calibrate</c> applies to (the first three when none is named).</summary>
    public static readonly IReadOnlyList<string> PairedScenarios = ["search", "actions", "bulk-close", "actions-client"];

    /// <summary>The data-changing scenarios <c>profile</c> runs one side of.</summary>
    public static readonly IReadOnlyList<string> ProfiledScenarios = ["actions", "actions-client", "bulk-close"];

    public IReadOnlyList<string> Scenarios { get; init; } = AllScenarios;

    /// <summary>The side <c>profile</c> runs alone (the connector's when not named).</summary>
    public Side ProfileSide { get; init; } = Side.Connector;

    /// <summary><c>--calibrate</c>: the baseline in both slots of the paired scenarios (search, actions and bulk-close when none is named).</summary>
    public bool Calibrate { get; init; }

    public bool Quick { get; init; }

    public int? Rounds { get; init; }

    public string? JsonPath { get; init; }

    /// <summary>A child or micro command, when the first argument names one.</summary>
    public string? Command { get; init; }

    /// <summary>Options of a child command (<c>--records</c>, <c>--url</c>...), by name without dashes.</summary>
    public IReadOnlyDictionary<string, string> ChildOptions { get; init; } = new Dictionary<string, string>();

    /// <summary>Arguments after <c>micro</c>, passed to BenchmarkDotNet.</summary>
    public IReadOnlyList<string> PassThrough { get; init; } = [];

    /// <summary>The usage line an unknown argument is answered with.</summary>
    public static string Usage => $"[{string.Join('|', AllScenarios.Concat(DiagnosticScenarios))}...] [--quick] [--rounds N] [--calibrate] [--json PATH] | micro [BenchmarkDotNet args] | {ProfileUsage}";

    /// <summary>The usage of <c>profile</c>.</summary>
    public static string ProfileUsage => $"profile {string.Join('|', ProfiledScenarios)} [--side connector|baseline] [--runs N] [--quick]";

    public static BenchmarkArguments Parse(IReadOnlyList<string> args)
    {
        if (args.Count > 0 && args[0] is "micro")
        {
            return new BenchmarkArguments { Command = "micro", PassThrough = args.Skip(1).ToArray() };
        }

        if (args.Count > 0 && args[0] is ProfileCommand)
        {
            return ParseProfile(args);
        }

        if (args.Count > 0 && args[0] is SearchMemoryChildCommand or BrowseChildCommand or SandboxChildCommand)
        {
            return new BenchmarkArguments { Command = args[0], ChildOptions = ChildOptionPairs(args) };
        }

        return ParseRun(args);
    }

    public const string SearchMemoryChildCommand = "search-memory-child";

    public const string BrowseChildCommand = "browse-child";

    /// <summary>
    /// One side of a data-changing scenario alone, run after run in this process, for a profiler to attach to
    /// (<see cref="Harness.SingleSideProfile"/>).
    /// </summary>
    public const string ProfileCommand = "profile";

    /// <summary>The hidden command serving the paired scenarios' sandbox in a process of its own (<see cref="Harness.SandboxChild"/>).</summary>
    public const string SandboxChildCommand = "sandbox-child";

    /// <summary>A child command's <c>--name value</c> pairs after its name.</summary>
    private static Dictionary<string, string> ChildOptionPairs(IReadOnlyList<string> args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"'{args[i]}': child options are '--name value' pairs");
            }

            options[args[i][2..]] = args[++i];
        }

        return options;
    }

    /// <summary><c>profile SCENARIO [--side connector|baseline] [--runs N] [--quick]</c>: the runs in <see cref="Rounds"/> (20 when not given).</summary>
    private static BenchmarkArguments ParseProfile(IReadOnlyList<string> args)
    {
        if (args.Count < 2 || !ProfiledScenarios.Contains(args[1], StringComparer.Ordinal))
        {
            throw new ArgumentException($"profile needs one of {string.Join(", ", ProfiledScenarios)}{(args.Count < 2 ? string.Empty : $", not '{args[1]}'")}. Usage: {ProfileUsage}");
        }

        var side = Side.Connector;
        var runs = 20;
        var quick = false;
        for (var i = 2; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--side":
                    side = (i + 1 < args.Count ? args[++i] : null) switch
                    {
                        "connector" => Side.Connector,
                        "baseline" => Side.Baseline,
                        var other => throw new ArgumentException($"--side takes connector or baseline{(other is null ? string.Empty : $", not '{other}'")}"),
                    };
                    break;
                case "--runs":
                    runs = i + 1 < args.Count && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                        ? n
                        : throw new ArgumentException($"--runs takes a whole number above 0{(i + 1 < args.Count ? $", not '{args[i + 1]}'" : string.Empty)}");
                    i++;
                    break;
                default:
                    throw new ArgumentException($"unknown argument '{args[i]}'. Usage: {ProfileUsage}");
            }
        }

        return new BenchmarkArguments { Command = ProfileCommand, Scenarios = [args[1]], ProfileSide = side, Rounds = runs, Quick = quick };
    }

    /// <summary>The benchmark run's arguments: scenario names (every scenario when none), <c>--quick</c>, <c>--rounds N</c>, <c>--calibrate</c>, <c>--json PATH</c>.</summary>
    private static BenchmarkArguments ParseRun(IReadOnlyList<string> args)
    {
        var scenarios = new List<string>();
        var quick = false;
        var calibrate = false;
        int? rounds = null;
        string? json = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--calibrate":
                    calibrate = true;
                    break;
                case "--rounds" when i + 1 < args.Count && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0:
                    rounds = n;
                    i++;
                    break;
                case "--json" when i + 1 < args.Count:
                    json = args[++i];
                    break;
                case var name when AllScenarios.Contains(name, StringComparer.Ordinal) || DiagnosticScenarios.Contains(name, StringComparer.Ordinal):
                    if (!scenarios.Contains(name, StringComparer.Ordinal))
                    {
                        scenarios.Add(name);
                    }

                    break;
                default:
                    throw new ArgumentException(
                        $"unknown argument '{args[i]}'. Usage: {Usage}");
            }
        }

        if (calibrate && scenarios.FirstOrDefault(s => !PairedScenarios.Contains(s, StringComparer.Ordinal)) is { } unpaired)
        {
            throw new ArgumentException($"--calibrate applies to the paired scenarios ({string.Join(", ", PairedScenarios)}), not to '{unpaired}'");
        }

        return new BenchmarkArguments
        {
            Scenarios = scenarios.Count > 0 ? scenarios : calibrate ? PairedScenarios.Intersect(AllScenarios).ToArray() : AllScenarios,
            Quick = quick,
            Calibrate = calibrate,
            Rounds = rounds,
            JsonPath = json,
        };
    }
}
