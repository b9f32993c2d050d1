using System.Globalization;

namespace Connector.Benchmarks.Cli;

/// <summary>
/// The parsed command line: <c>[scenario...] [--quick] [--rounds N] [--calibrate] [--json PATH]</c>, or a child command
/// (<c>search-memory-child</c>, <c>browse-child</c>, <c>sandbox-child</c>) with its options, or <c>micro</c> followed by BenchmarkDotNet arguments.
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

    public IReadOnlyList<string> Scenarios { get; init; } = AllScenarios;

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
    public static string Usage => $"[{string.Join('|', AllScenarios.Concat(DiagnosticScenarios))}...] [--quick] [--rounds N] [--calibrate] [--json PATH] | micro [BenchmarkDotNet args]";

    public static BenchmarkArguments Parse(IReadOnlyList<string> args)
    {
        if (args.Count > 0 && args[0] is "micro")
        {
            return new BenchmarkArguments { Command = "micro", PassThrough = args.Skip(1).ToArray() };
        }

        if (args.Count > 0 && args[0] is SearchMemoryChildCommand or BrowseChildCommand or SandboxChildCommand)
        {
            return new BenchmarkArguments { Command = args[0], ChildOptions = ChildOptionPairs(args) };
        }

        return ParseRun(args);
    }

    public const string SearchMemoryChildCommand = "search-memory-child";

    public const string BrowseChildCommand = "browse-child";

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
