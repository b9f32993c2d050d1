using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Connector.Sandbox;

namespace Connector.Benchmarks.Harness;

/// <summary>
/// A <see cref="ConnectSandbox"/> served by a child process of this executable (<see cref="SandboxChild"/>), as a real
/// Connect is another machine: its heap, GCs and request threads are not the client's. The benchmark reads what it
/// needs of it outside the timed region: ids from its store (<see cref="QueryAsync"/>), its request log (the sandbox's
/// own <c>/_sandbox/requests</c>), its CPU time (<see cref="ProcessorTime"/>). Disposing it stops the child, and kills
/// it if it does not stop; the child also stops by itself when its standard input closes, so it cannot outlive the
/// benchmark even when the benchmark dies.
/// </summary>
internal sealed class SandboxProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);
    private static readonly JsonSerializerOptions LogJson = new(JsonSerializerDefaults.Web);
    private const int MaxErrorChars = 4000;
    private readonly Process _process;
    private readonly Channel<string> _answers = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly StringBuilder _errors = new();
    private readonly Lock _errorsGate = new();
    private readonly SemaphoreSlim _commands = new(1, 1);
    private readonly HttpClient _admin = new() { Timeout = CommandTimeout };
    private readonly Task _reading;
    private bool _disposed;

    private SandboxProcess(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_errorsGate)
            {
                if (e.Data is { } line && _errors.Length < MaxErrorChars)
                {
                    _errors.AppendLine(line);
                }
            }
        };
        _process.BeginErrorReadLine();
        _reading = ReadAnswersAsync();
    }

    /// <summary>The sandbox's API base URL, <c>http://127.0.0.1:PORT/public/v1</c>.</summary>
    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The child's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>The CPU time the child has used so far (user and kernel, every thread), read from the OS on each call.</summary>
    public TimeSpan ProcessorTime => _process.TotalProcessorTime;

    /// <summary>Starts a child serving a sandbox like <paramref name="options"/> and returns once it accepts connections.</summary>
    /// <exception cref="InvalidOperationException">The child exited or answered something else than <c>READY</c>; the message holds its standard error.</exception>
    /// <exception cref="TimeoutException">It was not ready within two minutes (it is killed).</exception>
    public static async Task<SandboxProcess> StartAsync(SandboxOptions options, CancellationToken cancellationToken)
    {
        var start = ChildProcessRunner.StartInfo(SandboxChild.Arguments(options));
        start.RedirectStandardInput = true;
        var child = new SandboxProcess(Process.Start(start) ?? throw new InvalidOperationException("the sandbox child did not start"));
        try
        {
            var ready = await child.NextAnswerAsync(StartTimeout, cancellationToken).ConfigureAwait(false);
            if (!ready.StartsWith(SandboxChild.ReadyPrefix, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"the sandbox child answered '{ready}' instead of {SandboxChild.ReadyPrefix.Trim()}");
            }

            child.BaseUrl = UrlOf(ready[SandboxChild.ReadyPrefix.Length..]);
            return child;
        }
        catch
        {
            await child.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>How many records <paramref name="rql"/> selects in <paramref name="collection"/> of the child's store, and the ids of the first <paramref name="take"/>.</summary>
    public async Task<SandboxQueryAnswer> QueryAsync(string collection, string rql, int take, CancellationToken cancellationToken)
    {
        var answer = await CommandAsync($"{SandboxChild.QueryCommand} {collection} {take} {rql}", cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Deserialize<SandboxQueryAnswer>(answer) ?? throw new InvalidOperationException("the sandbox child answered null to a query");
    }

    /// <summary>A full, blocking, compacting GC in the child (before a timed run, as the benchmark process does its own).</summary>
    public Task CollectGarbageAsync(CancellationToken cancellationToken) => CommandAsync(SandboxChild.CollectCommand, cancellationToken);

    /// <summary>
    /// Puts the child's sandbox data back as seeded (<see cref="SandboxStore.Reset"/>: the same data a fresh one would
    /// serve) and empties its request log; the server, its port and the clients' connections stay.
    /// </summary>
    public Task ResetAsync(CancellationToken cancellationToken) => CommandAsync(SandboxChild.ResetCommand, cancellationToken);

    /// <summary>The sandbox's request log, oldest first, through its <c>GET /_sandbox/requests</c>.</summary>
    public async Task<IReadOnlyList<SandboxRequestLogEntry>> GetRequestLogAsync(CancellationToken cancellationToken) =>
        await _admin.GetFromJsonAsync<List<SandboxRequestLogEntry>>(AdminRequests, LogJson, cancellationToken).ConfigureAwait(false)
        ?? throw new InvalidOperationException("the sandbox child sent a null request log");

    /// <summary>Empties the sandbox's request log, through its <c>DELETE /_sandbox/requests</c>.</summary>
    public async Task ClearRequestLogAsync(CancellationToken cancellationToken)
    {
        using var response = await _admin.DeleteAsync(AdminRequests, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Closes the child's standard input (it stops and exits), waits up to 15 s, then kills it if it is still running.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The child is gone already: its input pipe is broken.
        }

        using (var limit = new CancellationTokenSource(StopTimeout))
        {
            try
            {
                await _process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }

        await _reading.ConfigureAwait(false);
        _admin.Dispose();
        _commands.Dispose();
        _process.Dispose();
    }

    private Uri AdminRequests => new(BaseUrl, "/_sandbox/requests");

    private static Uri UrlOf(string json)
    {
        using var document = JsonDocument.Parse(json);
        return new Uri(document.RootElement.GetProperty("url").GetString() ?? throw new InvalidOperationException("the sandbox child sent no url"));
    }

    /// <summary>Sends one command line and returns the JSON of its <c>RESULT</c>; an <c>ERROR</c> answer is thrown.</summary>
    private async Task<string> CommandAsync(string line, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _commands.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _process.StandardInput.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
            await _process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
            var answer = await NextAnswerAsync(CommandTimeout, cancellationToken).ConfigureAwait(false);
            return answer.StartsWith(ChildProcessRunner.ResultPrefix, StringComparison.Ordinal)
                ? answer[ChildProcessRunner.ResultPrefix.Length..]
                : throw new InvalidOperationException($"the sandbox child could not do '{line}': {answer}");
        }
        finally
        {
            _commands.Release();
        }
    }

    /// <summary>The next protocol line the child printed; a child that exits or stays silent past <paramref name="timeout"/> is an error.</summary>
    private async Task<string> NextAnswerAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            return await _answers.Reader.ReadAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"the sandbox child (pid {_process.Id}) did not answer within {timeout.TotalSeconds:0} s");
        }
        catch (ChannelClosedException)
        {
            await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            string errors;
            lock (_errorsGate)
            {
                errors = _errors.ToString();
            }

            throw new InvalidOperationException($"the sandbox child exited (code {_process.ExitCode}): {errors}");
        }
    }

    /// <summary>Passes the child's protocol lines (<c>READY</c>, <c>RESULT</c>, <c>ERROR</c>) on, until its output ends.</summary>
    private async Task ReadAnswersAsync()
    {
        try
        {
            while (await _process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                if (line.StartsWith(SandboxChild.ReadyPrefix, StringComparison.Ordinal)
                    || line.StartsWith(ChildProcessRunner.ResultPrefix, StringComparison.Ordinal)
                    || line.StartsWith(SandboxChild.ErrorPrefix, StringComparison.Ordinal))
                {
                    await _answers.Writer.WriteAsync(line).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _answers.Writer.TryComplete();
        }
    }
}
