using Connector.Core.Listening;

namespace Connector.Core.Testing;

/// <summary>
/// A listen sink that keeps every event in memory and lets a test wait, without sleeping, until a number of events
/// arrived (the wait ends with the events or with the test's cancellation).
/// </summary>
public sealed class ListenEventCollector : IListenEventSink
{
    private readonly List<ListenEvent> _events = [];
    private readonly List<(int Count, TaskCompletionSource Arrived)> _waiters = [];

    /// <summary>The events received, in order.</summary>
    public IReadOnlyList<ListenEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    /// <inheritdoc />
    public ValueTask OnEventAsync(ListenEvent listenEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listenEvent);
        lock (_events)
        {
            _events.Add(listenEvent);
            foreach (var waiter in _waiters.Where(w => _events.Count >= w.Count).ToList())
            {
                waiter.Arrived.TrySetResult();
                _waiters.Remove(waiter);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Waits until at least <paramref name="count"/> events arrived.</summary>
    /// <param name="count">How many.</param>
    /// <param name="cancellationToken">Ends the wait (throws <see cref="OperationCanceledException"/>).</param>
    /// <returns>A task that completes when they arrived.</returns>
    public Task WaitForAsync(int count, CancellationToken cancellationToken)
    {
        lock (_events)
        {
            if (_events.Count >= count)
            {
                return Task.CompletedTask;
            }

            var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, arrived));
            return arrived.Task.WaitAsync(cancellationToken);
        }
    }
}
