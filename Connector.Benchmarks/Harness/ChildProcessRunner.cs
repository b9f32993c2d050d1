using System.Diagnostics;
using System.Text.Json;

namespace Connector.Benchmarks.Harness;

/// <summary>
/// Starts this benchmark executable again as a child process (a fresh runtime: cold JIT, its own heap and working
/// set) and reads the one <c>RESULT {json}</c> line the child prints.
/// </summary>
internal static class ChildProcessRunner
{
    public const string ResultPrefix = "RESULT ";

    public static async Task<JsonElement> RunAsync(IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var process = Process.Start(StartInfo(arguments)) ?? throw new InvalidOperationException("the child process did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the child '{string.Join(' ', arguments.Take(1))}' did not finish within {timeout.TotalSeconds:0} s");
        }

        var stdout = await output.ConfigureAwait(false);
        var stderr = await errors.ConfigureAwait(false);
        var line = stdout.Split('\n').Select(l => l.TrimEnd('\r')).LastOrDefault(l => l.StartsWith(ResultPrefix, StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"the child '{string.Join(' ', arguments.Take(1))}' failed (exit code {process.ExitCode}): {stderr}{stdout}");
        }

        using var document = JsonDocument.Parse(line[ResultPrefix.Length..]);
        return document.RootElement.Clone();
    }

    /// <summary>
    /// This executable with <paramref name="arguments"/>, standard output and error redirected: the apphost directly,
    /// or <c>dotnet Connector.Benchmarks.dll</c> when started through the muxer (as a test host is).
    /// </summary>
    public static ProcessStartInfo StartInfo(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var processPath = Environment.ProcessPath ?? throw new InvalidOperationException("the process path is unknown");
        var start = new ProcessStartInfo(processPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(ChildProcessRunner).Assembly.Location);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
