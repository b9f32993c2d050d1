using System.Diagnostics;
using System.Text.Json;
using Connector.Benchmarks.Harness;

namespace Connector.Benchmarks.Scenarios;

/// <summary>
/// <c>browse-child [--step entry]</c>: in a fresh process (cold JIT, nothing cached), times the design-time steps
/// once, in the order a runtime performs them (<see cref="BrowseSteps.RunColdAsync"/>), or with <c>--step entry</c>
/// a browser's first answer for one entry (<see cref="BrowseSteps.RunFirstAnswerAsync"/>), and prints the times in
/// milliseconds.
/// </summary>
internal static class BrowseChild
{
    public const string StepOption = "step";
    public const string EntryStep = "entry";

    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string> options, TextWriter output, CancellationToken cancellationToken)
    {
        using var self = Process.GetCurrentProcess();
        var sinceStart = DateTime.Now - self.StartTime;
        var steps = options.GetValueOrDefault(StepOption) == EntryStep
            ? await BrowseSteps.RunFirstAnswerAsync(cancellationToken).ConfigureAwait(false)
            : await BrowseSteps.RunColdAsync(cancellationToken).ConfigureAwait(false);
        steps["process_start_to_main_ms"] = sinceStart.TotalMilliseconds;
        await output.WriteLineAsync(ChildProcessRunner.ResultPrefix + JsonSerializer.Serialize(steps)).ConfigureAwait(false);
        return 0;
    }
}
