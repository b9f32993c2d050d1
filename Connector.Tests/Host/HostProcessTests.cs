using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Connector.Host;
using Connector.Tests.Operations.Http;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Connector.Tests.Host;

/// <summary>
/// The real <c>connector</c> process (a child of the test): its peak memory on huge input lines and its exit codes on
/// real signals. A loopback server stands in for Connect: it holds every action call open, so that the run is provably
/// in the middle of its work when the signal arrives.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class HostProcessTests
{
    private const long PeakBoundBytes = 400L * 1024 * 1024;

    [Test]
    public async Task A_1_GB_line_and_300_lines_of_5_MB_keep_the_process_under_400_MB_and_SIGTERM_exits_143()
    {
        await using var server = await HangingServerAsync();
        using var connector = StartConnector(server, "exec", "request", "APPROVE", "--set", "template_id=TL-1", "--parallelism", "1", "--results");
        var child = connector.Process;
        var stdout = child.StandardOutput.ReadToEndAsync();

        var input = child.StandardInput.BaseStream;
        await WriteLineOfAsync(input, 1L << 30);
        for (var i = 0; i < 300; i++)
        {
            await WriteLineOfAsync(input, 5L * 1024 * 1024);
        }

        await input.WriteAsync(Encoding.UTF8.GetBytes("{\"id\":\"PR-1\"}\n"));
        child.StandardInput.Close();
        await WaitForActionCallAsync(server, connector);
        var peak = PeakResidentBytes(child.Id);
        connector.Signal("TERM");
        await connector.WaitForExitAsync(TimeSpan.FromMinutes(2));

        var output = await stdout;
        var errors = connector.Stderr;
        Assert.That(child.ExitCode, Is.EqualTo(ExitCodes.Terminated), errors);
        Assert.That(peak, Is.LessThan(PeakBoundBytes), $"peak resident memory {peak / (1024 * 1024)} MB");
        var results = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(JObject.Parse).ToList();
        Assert.That(results, Has.Count.EqualTo(302), errors);
        Assert.That(results.Take(301).Select(r => (string?)r["status"]), Is.All.EqualTo("APPLICATION_ERROR"));
        Assert.That((string?)results[0]["message"], Does.Contain("line-1").And.Contain("larger than 4 MB"));
        Assert.That((string?)results[300]["message"], Does.Contain("line-301"));
        Assert.That((string?)results[301]["status"], Is.EqualTo("FAILURE"));
        Assert.That((string?)results[301]["message"], Does.Contain("cancelled"));
        TestContext.Out.WriteLine($"peak resident memory: {peak / (1024 * 1024)} MB for a 1 GB line and 300 lines of 5 MB");
    }

    [Test]
    public async Task SIGINT_mid_run_exits_130_and_names_the_lines_never_read()
    {
        await using var server = await HangingServerAsync();
        using var connector = StartConnector(server, "exec", "request", "APPROVE", "--set", "template_id=TL-1", "--parallelism", "1", "--results");
        var child = connector.Process;
        var stdout = child.StandardOutput.ReadToEndAsync();

        var lines = string.Concat(Enumerable.Range(1, 4000).Select(i => string.Create(CultureInfo.InvariantCulture, $"{{\"id\":\"PR-{i:D4}\"}}\n")));
        var writing = Task.Run(async () =>
        {
            await child.StandardInput.BaseStream.WriteAsync(Encoding.UTF8.GetBytes(lines));
            child.StandardInput.Close();
        });
        await WaitForActionCallAsync(server, connector);
        connector.Signal("INT");
        await connector.WaitForExitAsync(TimeSpan.FromMinutes(2));
        await writing.WaitAsync(TimeSpan.FromMinutes(1));

        var errors = connector.Stderr;
        var results = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(JObject.Parse).ToList();
        Assert.That(child.ExitCode, Is.EqualTo(ExitCodes.Interrupted), errors);
        var notRead = Regex.Match(errors, @"([\d,]+) lines not read");
        Assert.That(notRead.Success, Is.True, errors);
        var unread = long.Parse(notRead.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        Assert.That(unread, Is.GreaterThan(0));
        Assert.That(results.Count + unread, Is.EqualTo(4000), "every line either has a result or is counted as not read");
        Assert.That(results.Select(r => (string?)r["status"]), Is.All.EqualTo("FAILURE"));
        TestContext.Out.WriteLine($"{results.Count} cancelled, {unread} not read");
    }

    private static async Task<LoopbackConnectServer> HangingServerAsync()
    {
        // No connection probe precedes the documents: the first request is the first action call.
        var server = await LoopbackConnectServer.StartAsync();
        server.Enqueue([.. Enumerable.Range(0, 8).Select(_ => new ServerBehaviour { Delay = TimeSpan.FromMinutes(10) })]);
        return server;
    }

    private static ConnectorProcess StartConnector(LoopbackConnectServer server, params string[] args) =>
        ConnectorProcess.Start(["--url", server.BaseUrl.ToString(), "--api-key", "SU-000-000-000:process-test", .. args]);

    /// <summary>Writes one line of <paramref name="length"/> 'x' bytes and its newline, from one reused 1 MB buffer.</summary>
    private static async Task WriteLineOfAsync(Stream input, long length)
    {
        var block = new byte[1024 * 1024];
        Array.Fill(block, (byte)'x');
        for (var left = length; left > 0; left -= block.Length)
        {
            await input.WriteAsync(block.AsMemory(0, (int)Math.Min(block.Length, left)));
        }

        input.WriteByte((byte)'\n');
    }

    /// <summary>Waits until the server has received an action call (a POST): the run is then working on its documents.</summary>
    private static async Task WaitForActionCallAsync(LoopbackConnectServer server, ConnectorProcess connector)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!server.Received.Any(r => r.Method == "POST"))
        {
            Assert.That(connector.Process.HasExited, Is.False, "the connector exited before calling the server");
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "no action call reached the server");
            await Task.Delay(100);
        }
    }

    /// <summary>The process's peak resident set size so far (VmHWM), in bytes.</summary>
    private static long PeakResidentBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Replace("kB", string.Empty, StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture) * 1024;
    }
}
