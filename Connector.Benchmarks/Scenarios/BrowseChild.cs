using System.Diagnostics;
using System.Text.Json;
using Connector.Benchmarks.Harness;

namespace Connector.Benchmarks.Scenarios;

/// <summary>
/// <c>browse-child</c>: in a fresh process (cold JIT, nothing cached), times each design-time step once, in the
/// order a runtime performs them, and prints the times in milliseconds.
/// </summary>
internal static class BrowseChild
{
    public static async Task<int> RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var sinceStart = DateTime.Now - Process.GetCurrentProcess().StartTime;
        var steps = await BrowseSteps.RunAllAsync(cancellationToken).ConfigureAwait(false);
        var result = steps.ToDictionary(s => s.Name, s => (object)s.Milliseconds);
        result["process_start_to_main_ms"] = sinceStart.TotalMilliseconds;
        await output.WriteLineAsync(ChildProcessRunner.ResultPrefix + JsonSerializer.Serialize(result)).ConfigureAwait(false);
        return 0;
    }
}
