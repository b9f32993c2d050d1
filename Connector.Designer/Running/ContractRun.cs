using Connector.Core.Contexts;
using Connector.Core.Hosting;
using Connector.Core.Operations;
using Connector.Core.Results;

namespace Connector.Designer.Running;

/// <summary>
/// Runs one operation through the connector contract only: the connector creates the operation, an
/// <see cref="OperationResponse"/> enforces one final result per document, and every result goes to a callback.
/// A cancelled run still gives each unfinished document its result.
/// </summary>
internal static class ContractRun
{
    public static async Task RunAsync(
        IConnector connector,
        OperationContext context,
        OperationRequest request,
        Func<OperationResult, CancellationToken, ValueTask> onResult,
        CancellationToken cancellationToken)
    {
        var response = new OperationResponse(request.Documents, new CallbackSink(onResult));
        try
        {
            await connector.CreateOperation(context).ExecuteAsync(request, response, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await response.AddResultToUnfinishedAsync(OperationStatus.Failure, OperationResponse.CancelledCode, "cancelled", CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await response.CompleteAsync(CancellationToken.None).ConfigureAwait(false);
            foreach (var document in request.Documents)
            {
                await document.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private sealed class CallbackSink(Func<OperationResult, CancellationToken, ValueTask> onResult) : IOperationResultSink
    {
        public ValueTask OnResultAsync(OperationResult result, CancellationToken cancellationToken) => onResult(result, cancellationToken);
    }
}
