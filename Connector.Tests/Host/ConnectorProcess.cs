using System.Diagnostics;
using System.Globalization;
using System.Text;
using NUnit.Framework;

namespace Connector.Tests.Host;

/// <summary>
/// The real <c>connector</c> as a child process of the test (<c>dotnet connector.dll ARGS</c> from the test output, its
/// signals at their default handling),
/// with stdin, stdout and stderr redirected and no connection taken from the test's environment. Its stderr is
/// collected as it arrives, so a test can wait for a line while the process runs. Disposing kills it if it still runs.
/// </summary>
internal sealed class ConnectorProcess : IDisposable
{
    private readonly StringBuilder _stderr = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Seen)> _waiters = [];

    private Task _collecting = Task.CompletedTask;

    private ConnectorProcess(Process process) => Process = process;

    /// <summary>The child process (stdout is left to the test to read).</summary>
    public Process Process { get; }

    /// <summary>Everything written to stderr so far.</summary>
    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>
    /// Starts <c>connector ARGS</c>, through <c>env --default-signal=INT,TERM</c>, which execs it in the same process:
    /// the tests that send it SIGINT or SIGTERM must not depend on how the test run was started. A test run started
    /// as a background job of a non-interactive shell (<c>build/test.sh &amp;</c>) ignores SIGINT, an ignored signal
    /// stays ignored across exec, and the .NET runtime keeps it ignored, as shells expect of background jobs: the
    /// connector would never see the test's Ctrl+C.
    /// </summary>
    public static ConnectorProcess Start(params string[] args)
    {
        var start = new ProcessStartInfo("env")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--default-signal=INT,TERM");
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(Path.Combine(TestContext.CurrentContext.TestDirectory, "connector.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("CONNECT_API_URL");
        start.Environment.Remove("CONNECT_API_KEY");
        start.Environment.Remove("CONNECT_WEBHOOK_SECRET");
        var process = Process.Start(start) ?? throw new InvalidOperationException("the connector process did not start");
        var child = new ConnectorProcess(process);
        child._collecting = child.CollectStderrAsync();
        return child;
    }

    /// <summary>Sends a signal (<c>TERM</c>, <c>INT</c>) to the process.</summary>
    public void Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-s", signal, Process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>Waits for the first stderr line that <paramref name="match"/> accepts (one written before counts too).</summary>
    /// <exception cref="TimeoutException">No such line came within <paramref name="patience"/>; the message holds stderr.</exception>
    public async Task<string> WaitForStderrLineAsync(Func<string, bool> match, TimeSpan patience)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_stderr)
        {
            if (_stderr.ToString().Split('\n').FirstOrDefault(match) is { } earlier)
            {
                return earlier;
            }

            _waiters.Add((match, seen));
        }

        try
        {
            return await seen.Task.WaitAsync(patience);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"no such stderr line within {patience} (exited: {Process.HasExited}); stderr so far:\n{Stderr}");
        }
    }

    /// <summary>Waits for the process to exit (and its stderr to be read to the end) and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan patience)
    {
        await Process.WaitForExitAsync().WaitAsync(patience);
        await _collecting.WaitAsync(patience);
        return Process.ExitCode;
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit();
        }

        Process.Dispose();
    }

    private async Task CollectStderrAsync()
    {
        while (await Process.StandardError.ReadLineAsync() is { } line)
        {
            List<TaskCompletionSource<string>> met = [];
            lock (_stderr)
            {
                _stderr.Append(line).Append('\n');
                foreach (var waiter in _waiters.Where(w => w.Match(line)).ToList())
                {
                    _waiters.Remove(waiter);
                    met.Add(waiter.Seen);
                }
            }

            met.ForEach(m => m.TrySetResult(line));
        }
    }
}
