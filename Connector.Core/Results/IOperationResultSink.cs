namespace Connector.Core.Results;

/// <summary>Receives results as an operation reports them (partial results stream through one by one).</summary>
public interface IOperationResultSink
{
    /// <summary>Takes one result. Calls are never concurrent.</summary>
    /// <param name="result">The result; the sink owns its payloads.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the result is taken.</returns>
    ValueTask OnResultAsync(OperationResult result, CancellationToken cancellationToken);
}
