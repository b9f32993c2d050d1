using Connector.Core.Listening;

namespace Connector.Core.Testing;

/// <summary>LISTEN operations in the operation-level harness: drain what is pending, or listen until cancelled.</summary>
public static class ConnectorTesterListenExtensions
{
    /// <summary>Runs the object type's LISTEN operation until nothing is pending and returns the events.</summary>
    /// <param name="tester">The harness whose connector and connection properties the LISTEN context is built from; must not be null.</param>
    /// <param name="objectType">The object type id, any letter case; an unknown one throws <see cref="Contexts.UnknownOperationException"/> naming the valid ones.</param>
    /// <param name="request">Filter, checkpoint and start (DrainOnce is forced on); null for every pending change.</param>
    /// <param name="operationProperties">Operation properties (pageSize...).</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The events, in delivery order.</returns>
    public static async Task<IReadOnlyList<ListenEvent>> ListenOnceAsync(
        this ConnectorTester tester,
        string objectType,
        ListenRequest? request = null,
        IReadOnlyDictionary<string, string?>? operationProperties = null,
        CancellationToken cancellationToken = default)
    {
        var collector = new ListenEventCollector();
        await tester.ListenAsync(objectType, (request ?? new ListenRequest()) with { DrainOnce = true }, collector, operationProperties, cancellationToken).ConfigureAwait(false);
        return collector.Events;
    }

    /// <summary>Runs the object type's LISTEN operation with a sink (until cancelled, or drained with DrainOnce).</summary>
    /// <param name="tester">The harness whose connector and connection properties the LISTEN context is built from; must not be null.</param>
    /// <param name="objectType">The object type id, any letter case; an unknown one throws <see cref="Contexts.UnknownOperationException"/> naming the valid ones.</param>
    /// <param name="request">What to listen for.</param>
    /// <param name="sink">Where events go.</param>
    /// <param name="operationProperties">Operation properties (pageSize...).</param>
    /// <param name="cancellationToken">Stops listening.</param>
    /// <returns>A task that completes when the listener stopped.</returns>
    public static Task ListenAsync(
        this ConnectorTester tester,
        string objectType,
        ListenRequest request,
        IListenEventSink sink,
        IReadOnlyDictionary<string, string?>? operationProperties = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tester);
        var operation = ListenOperations.Create(tester.Connector, tester.Context(objectType, "LISTEN", operationProperties));
        return operation.ListenAsync(request, sink, cancellationToken);
    }
}
