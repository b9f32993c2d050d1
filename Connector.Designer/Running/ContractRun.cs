using Connector.Core.Contexts;
using Connector.Core.Execution;
using Connector.Core.Hosting;
using Connector.Core.Operations;
using Connector.Core.Results;

namespace Connector.Designer.Running;

/// <summary>
/// Runs one operation through the connector contract only, with the run sequence every host uses
/// (<see cref="ConnectorRunner"/>: one final result per document enforced, the unfinished cancelled, inputs disposed),
/// handing every result to a callback as it is reported.
/// </summary>
internal static class ContractRun
{
    public static Task RunAsync(
        IConnector connector,
        OperationContext context,
        OperationRequest request,
        Func<OperationResult, CancellationToken, ValueTask> onResult,
        CancellationToken cancellationToken) =>
        ConnectorRunner.RunAsync(connector, context, request, new CallbackSink(onResult), cancellationToken);

    private sealed class CallbackSink(Func<OperationResult, CancellationToken, ValueTask> onResult) : IOperationResultSink
    {
        public ValueTask OnResultAsync(OperationResult result, CancellationToken cancellationToken) => onResult(result, cancellationToken);
    }
}
