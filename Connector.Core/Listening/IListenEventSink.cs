namespace Connector.Core.Listening;

/// <summary>Where a listen operation hands its events, one at a time and in order (Boomi's Listener.submit).</summary>
public interface IListenEventSink
{
    /// <summary>
    /// Takes one event. The listener waits for the returned task before it delivers the next one, so a slow sink
    /// slows the listener (polling) or fills its bounded queue (webhooks answer 503 then).
    /// </summary>
    /// <param name="listenEvent">The next event, in delivery order; never null.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes once the event is handed on.</returns>
    ValueTask OnEventAsync(ListenEvent listenEvent, CancellationToken cancellationToken);
}
