using Connector.Core.Results;

namespace Connector.Core.Operations;

/// <summary>An operation built for one context; runs batches of documents (or one query).</summary>
public interface IOperation
{
    /// <summary>
    /// Runs the operation. Every input document gets exactly one final result through <paramref name="response"/>;
    /// failures are reported per document, never thrown (only cancellation propagates).
    /// </summary>
    /// <param name="request">The input documents, and the filter for a query.</param>
    /// <param name="response">Where results go.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>A task that completes when every document has its result.</returns>
    Task ExecuteAsync(OperationRequest request, OperationResponse response, CancellationToken cancellationToken);
}
