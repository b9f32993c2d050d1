namespace Connector.Core.Listening;

/// <summary>
/// A LISTEN operation (Boomi's listener operations, beside Inbound and Outbound): runs until cancelled (or, with
/// <see cref="ListenRequest.DrainOnce"/>, until nothing is pending) and hands every new or changed record to a sink.
/// A connector returns one from <c>IConnector.CreateOperation</c> for a LISTEN context; get it with
/// <see cref="ListenOperations.Create"/>.
/// </summary>
public interface IListenOperation
{
    /// <summary>Listens. Cancellation is the normal way to stop a continuous listener and ends the task without throwing.</summary>
    /// <param name="request">What to listen for and where to start.</param>
    /// <param name="sink">Where events go.</param>
    /// <param name="cancellationToken">Stops listening.</param>
    /// <returns>A task that completes when the listener stopped.</returns>
    /// <exception cref="ListenFailedException">The listener cannot go on (bad filter, rejected credentials, bad settings).</exception>
    Task ListenAsync(ListenRequest request, IListenEventSink sink, CancellationToken cancellationToken);
}
