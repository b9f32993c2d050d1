namespace Connector.Core.Results;

/// <summary>Receives results as an operation reports them (partial results stream through one by one).</summary>
public interface IOperationResultSink
{
    /// <summary>Takes one result. Calls are never concurrent.</summary>
    /// <param name="result">The result; the sink owns its payloads.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the result is taken.</returns>
    ValueTask OnResultAsync(OperationResult result, CancellationToken cancellationToken);

    /// <summary>
    /// Takes how many partial results (records) a document will have in all, when the operation learns it before they
    /// arrive (a query's total, from the first page). A hint for progress displays: the records that arrive may still
    /// differ when the collection changes meanwhile. The default ignores it. Calls are never concurrent with results.
    /// </summary>
    /// <param name="trackingId">The input document's tracking id.</param>
    /// <param name="records">The expected number of records.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the hint is taken.</returns>
    ValueTask OnExpectedRecordsAsync(string trackingId, long records, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
