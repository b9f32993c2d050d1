using System.Diagnostics;
using System.Text.Json;
using Connector.Benchmarks.Harness;
using Connector.Core.Descriptors;

namespace Connector.Benchmarks.Scenarios;

/// <summary>
/// <c>browse-child [--step entry] [--cache DIR]</c>: in a fresh process (cold JIT, nothing in memory), times the
/// design-time steps once, in the order the command line performs them (<see cref="BrowseSteps.RunColdAsync"/>), or
/// with <c>--step entry</c> a browser's first answer for one entry (<see cref="BrowseSteps.RunFirstAnswerAsync"/>),
/// and prints the times in milliseconds. With <c>--cache</c>, the descriptor's schema validation is remembered in that
/// cache folder as the command line remembers it in the user's (<see cref="ValidationMarkers"/>).
/// </summary>
internal static class BrowseChild
{
    public const string StepOption = "step";
    public const string EntryStep = "entry";
    public const string CacheOption = "cache";

    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string> options, TextWriter output, CancellationToken cancellationToken)
    {
        using var self = Process.GetCurrentProcess();
        var sinceStart = DateTime.Now - self.StartTime;
        var markers = options.GetValueOrDefault(CacheOption) is { } cache ? Markers(cache) : null;
        var steps = options.GetValueOrDefault(StepOption) == EntryStep
            ? await BrowseSteps.RunFirstAnswerAsync(markers, cancellationToken).ConfigureAwait(false)
            : await BrowseSteps.RunColdAsync(markers, cancellationToken).ConfigureAwait(false);
        steps["process_start_to_main_ms"] = sinceStart.TotalMilliseconds;
        await output.WriteLineAsync(ChildProcessRunner.ResultPrefix + JsonSerializer.Serialize(steps)).ConfigureAwait(false);
        return 0;
    }

    /// <summary>The command line's start-up check markers, in the given cache folder instead of the user's.</summary>
    public static ValidationMarkers? Markers(string cacheFolder) =>
        ValidationMarkers.ForUser(name => name == ValidationMarkers.FolderVariable ? cacheFolder : Environment.GetEnvironmentVariable(name));
}
