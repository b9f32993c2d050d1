using System.Collections.Concurrent;
using Connector.Operations.Http;
using Microsoft.Extensions.Logging;

namespace Connector.Tests.Operations.Http;

/// <summary>Keeps every log line (message, argument values, exception text) for assertions.</summary>
internal sealed class CapturingLogger : ILogger<ConnectHttpClient>
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>Completes when a line containing the given text is logged.</summary>
    public Task WaitForAsync(string text)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters.Enqueue((text, signal));
        if (_lines.Any(line => line.Contains(text, StringComparison.Ordinal)))
        {
            signal.TrySetResult();
        }

        return signal.Task;
    }

    private readonly ConcurrentQueue<(string Text, TaskCompletionSource Signal)> _waiters = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}"))
            : string.Empty;
        var line = $"{logLevel}: {formatter(state, exception)} | {values} | {exception}";
        _lines.Enqueue(line);
        foreach (var (text, signal) in _waiters)
        {
            if (line.Contains(text, StringComparison.Ordinal))
            {
                signal.TrySetResult();
            }
        }
    }
}
