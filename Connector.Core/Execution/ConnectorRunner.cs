using Connector.Core.Contexts;
using Connector.Core.Hosting;
using Connector.Core.Operations;
using Connector.Core.Results;
using Microsoft.Extensions.Logging;

namespace Connector.Core.Execution;

/// <summary>
/// The one run sequence every host uses (the command line, the test harness, benchmarks): create the response,
/// execute the operation, give every unfinished document FAILURE <see cref="OperationResponse.CancelledCode"/> when
/// the run was cancelled, complete the response (a document still without a result is a connector bug, reported as
/// FAILURE <see cref="OperationResponse.MissingResultCode"/>), and dispose the input documents.
/// </summary>
public static class ConnectorRunner
{
    /// <summary>Creates the operation for <paramref name="context"/> and runs one request through it.</summary>
    /// <param name="connector">The connector that creates the operation.</param>
    /// <param name="context">Which object type and operation, with their properties.</param>
    /// <param name="request">The input documents (disposed when the run ends) and, for a query, the filter.</param>
    /// <param name="sink">Receives every result as it is reported.</param>
    /// <param name="cancellationToken">Cancels the run; finished documents keep their results.</param>
    /// <param name="logger">Where result invariant violations are logged; none when null.</param>
    /// <returns>The invariant violations of the run (empty when the operation behaved).</returns>
    /// <exception cref="InvalidPropertyException">A connection or operation property is invalid (nothing ran; the inputs are disposed).</exception>
    public static async Task<IReadOnlyList<string>> RunAsync(
        IConnector connector,
        OperationContext context,
        OperationRequest request,
        IOperationResultSink sink,
        CancellationToken cancellationToken,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(request);
        IOperation operation;
        try
        {
            operation = connector.CreateOperation(context);
        }
        catch
        {
            await DisposeInputsAsync(request).ConfigureAwait(false);
            throw;
        }

        return await RunAsync(operation, request, sink, cancellationToken, logger).ConfigureAwait(false);
    }

    /// <summary>Runs one request through an operation already created (a host reusing it for every chunk of a long input).</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="request">The input documents (disposed when the run ends) and, for a query, the filter.</param>
    /// <param name="sink">Receives every result as it is reported.</param>
    /// <param name="cancellationToken">Cancels the run; finished documents keep their results.</param>
    /// <param name="logger">Where result invariant violations are logged; none when null.</param>
    /// <returns>The invariant violations of the run (empty when the operation behaved).</returns>
    public static async Task<IReadOnlyList<string>> RunAsync(
        IOperation operation,
        OperationRequest request,
        IOperationResultSink sink,
        CancellationToken cancellationToken,
        ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(sink);
        var response = new OperationResponse(request.Documents, sink, logger);
        IReadOnlyList<string> violations;
        try
        {
            await operation.ExecuteAsync(request, response, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await response.AddResultToUnfinishedAsync(OperationStatus.Failure, OperationResponse.CancelledCode, "cancelled", CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            // Even when the operation threw (a connector bug), every document still gets its one result.
            try
            {
                violations = await response.CompleteAsync(CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                await DisposeInputsAsync(request).ConfigureAwait(false);
            }
        }

        return violations;
    }

    private static async ValueTask DisposeInputsAsync(OperationRequest request)
    {
        foreach (var input in request.Documents)
        {
            await input.DisposeAsync().ConfigureAwait(false);
        }
    }
}
