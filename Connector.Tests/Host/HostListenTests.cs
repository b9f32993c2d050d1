using System.Threading.Channels;
using Connector.Host;
using Connector.Sandbox;
using NUnit.Framework;

namespace Connector.Tests.Host;

/// <summary>The <c>listen</c> command and the <c>listen | exec</c> pipeline, in process, against a sandbox of their own.</summary>
[TestFixture]
[Category("Sandbox")]
public sealed class HostListenTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private ConnectSandbox _sandbox = null!;

    [OneTimeSetUp]
    public async Task StartSandbox() => _sandbox = await ConnectSandbox.StartAsync(new SandboxOptions { Port = 0, RecordsPerType = 40 });

    [OneTimeTearDown]
    public async Task StopSandbox() => await _sandbox.DisposeAsync();

    [Test]
    public async Task Listen_once_prints_pending_changes_in_order_and_a_rerun_with_the_state_file_prints_nothing()
    {
        var state = Path.Combine(Path.GetTempPath(), "listen-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            var first = await RunAsync(string.Empty, "listen", "case", "--once", "--state", state, "--page-size", "9");
            var second = await RunAsync(string.Empty, "listen", "case", "--once", "--state", state);

            Assert.That(first.ExitCode, Is.EqualTo(ExitCodes.Success), first.ToString);
            Assert.That(first.StdoutLines, Has.Count.EqualTo(_sandbox.Store.Count("cases")));
            var stamps = first.StdoutLines.Select(l => (string)System.Text.Json.Nodes.JsonNode.Parse(l)!["events"]!["updated"]!["at"]!).ToList();
            Assert.That(stamps, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
            Assert.That(File.Exists(state), Is.True);
            Assert.That(second.ExitCode, Is.EqualTo(ExitCodes.Success), second.ToString);
            Assert.That(second.StdoutLines, Is.Empty, second.ToString);
            Assert.That(second.Stderr, Does.Contain("done: 0 changes printed"));
        }
        finally
        {
            File.Delete(state);
        }
    }

    [Test]
    public async Task Listen_refuses_an_object_type_that_cannot_be_listened_to_and_names_those_that_can()
    {
        var run = await RunAsync(string.Empty, "listen", "asset", "--once");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString);
        Assert.That(run.Stderr, Does.Contain("request, tier_account_request, tier_config_request, usage_report, case").Or.Contain("can:"));
    }

    [Test]
    public async Task Exec_processes_each_piped_line_as_it_arrives_not_at_end_of_input()
    {
        var pending = _sandbox.Store.Query("requests", "eq(status,pending)&limit=2").Select(r => (string)r["id"]!).ToList();
        var input = Channel.CreateUnbounded<string>();
        var output = new LineSignallingWriter();
        using var stop = new CancellationTokenSource(Patience);
        var console = new HostConsole(new ChannelReaderText(input.Reader), output, new StringWriter(), _ => null);
        var exec = HostProgram.RunAsync(["exec", "request", "APPROVE", "--url", _sandbox.BaseUrl.ToString(), "--api-key", SandboxOptions.DefaultApiKey, "--set", "template_id=TL-0042-0000-0000-01"], console, stop.Token);

        await input.Writer.WriteAsync($"{{\"id\":\"{pending[0]}\"}}", stop.Token);
        await output.WaitForLinesAsync(1, stop.Token);
        var approvedBeforeEndOfInput = (string?)_sandbox.Store.Get("requests", pending[0])!["status"];
        await input.Writer.WriteAsync($"{{\"id\":\"{pending[1]}\"}}", stop.Token);
        await output.WaitForLinesAsync(2, stop.Token);
        input.Writer.Complete();
        var code = await exec;

        Assert.That(approvedBeforeEndOfInput, Is.EqualTo("approved"), "the first line was processed while the input was still open");
        Assert.That(code, Is.EqualTo(ExitCodes.Success));
        Assert.That((string?)_sandbox.Store.Get("requests", pending[1])!["status"], Is.EqualTo("approved"));
    }

    private Task<HostRun> RunAsync(string stdin, params string[] args) =>
        HostRun.RunAsync(stdin, null, CancellationToken.None, [.. args, "--url", _sandbox.BaseUrl.ToString(), "--api-key", SandboxOptions.DefaultApiKey]);

    /// <summary>stdin fed line by line, as from a pipe whose writer is still running.</summary>
    private sealed class ChannelReaderText(ChannelReader<string> lines) : TextReader
    {
        private string _rest = string.Empty;

        public override async ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default)
        {
            if (_rest.Length == 0)
            {
                try
                {
                    _rest = await lines.ReadAsync(cancellationToken) + "\n";
                }
                catch (ChannelClosedException)
                {
                    return 0;
                }
            }

            var count = Math.Min(buffer.Length, _rest.Length);
            _rest.AsSpan(0, count).CopyTo(buffer.Span);
            _rest = _rest[count..];
            return count;
        }

        public override async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            try
            {
                return await lines.ReadAsync(cancellationToken);
            }
            catch (ChannelClosedException)
            {
                return null;
            }
        }
    }

    /// <summary>stdout that lets a test wait for lines.</summary>
    private sealed class LineSignallingWriter : StringWriter
    {
        private readonly Lock _gate = new();
        private readonly List<(int Count, TaskCompletionSource Done)> _waiters = [];
        private int _lines;

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            lock (_gate)
            {
                _lines++;
                foreach (var waiter in _waiters.Where(w => _lines >= w.Count).ToList())
                {
                    waiter.Done.TrySetResult();
                    _waiters.Remove(waiter);
                }
            }
        }

        public override Task WriteLineAsync(string? value)
        {
            WriteLine(value);
            return Task.CompletedTask;
        }

        public Task WaitForLinesAsync(int count, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                if (_lines >= count)
                {
                    return Task.CompletedTask;
                }

                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((count, done));
                return done.Task.WaitAsync(cancellationToken);
            }
        }
    }
}
