using Connector.Core.Documents;
using Connector.Core.Results;

namespace Connector.Operations.Execution;

/// <summary>
/// Runs work over documents with bounded parallelism and reports each document's outcome to the response in
/// input order. A unit of work may settle one document or several (a bulk batch). Any exception of a unit
/// becomes that unit's documents' result; nothing escapes. On cancellation, finished documents keep their
/// results and every other document gets FAILURE CANCELLED.
/// </summary>
internal sealed class OrderedDocumentRunner
{
    private readonly OperationResponse _response;
    private readonly IReadOnlyList<TrackedDocument> _documents;
    private readonly DocumentOutcome?[] _outcomes;
    private readonly object _gate = new();
    private readonly SemaphoreSlim _flush = new(1, 1);
    private int _nextToReport;

    public OrderedDocumentRunner(OperationResponse response, IReadOnlyList<TrackedDocument> documents)
    {
        _response = response;
        _documents = documents;
        _outcomes = new DocumentOutcome?[documents.Count];
    }

    /// <summary>Runs one unit per document.</summary>
    public Task RunEachAsync(int parallelism, Func<TrackedDocument, CancellationToken, Task<DocumentOutcome>> work, CancellationToken cancellationToken) =>
        RunUnitsAsync(
            Enumerable.Range(0, _documents.Count).Select(i => new[] { i }).ToList(),
            parallelism,
            async (indexes, ct) => [await work(_documents[indexes[0]], ct).ConfigureAwait(false)],
            cancellationToken);

    /// <summary>Runs units, each settling the documents at the given input indexes (the work returns one outcome per index, in order).</summary>
    public async Task RunUnitsAsync(
        IReadOnlyList<int[]> units,
        int parallelism,
        Func<int[], CancellationToken, Task<IReadOnlyList<DocumentOutcome>>> work,
        CancellationToken cancellationToken)
    {
        try
        {
            await Parallel.ForEachAsync(
                units,
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken },
                async (unit, ct) =>
                {
                    IReadOnlyList<DocumentOutcome> outcomes;
                    try
                    {
                        outcomes = await work(unit, ct).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (ct.IsCancellationRequested)
                    {
                        throw;
                    }
                    catch (Exception ex)
                    {
                        var outcome = DocumentOutcome.FromException(ex);
                        outcomes = unit.Select(_ => outcome).ToList();
                    }

                    await SettleAsync(unit, outcomes, ct).ConfigureAwait(false);
                }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await FlushAsync(CancellationToken.None).ConfigureAwait(false);
            await _response.AddResultToUnfinishedAsync(
                OperationStatus.Failure,
                OperationResponse.CancelledCode,
                "cancelled before this document finished; it may or may not have been processed",
                CancellationToken.None).ConfigureAwait(false);
            return;
        }

        await FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private async Task SettleAsync(int[] unit, IReadOnlyList<DocumentOutcome> outcomes, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            for (var i = 0; i < unit.Length; i++)
            {
                _outcomes[unit[i]] = i < outcomes.Count
                    ? outcomes[i]
                    : DocumentOutcome.Failure("NO_RESULT", "the connector produced no outcome for this document");
            }
        }

        await FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reports the contiguous prefix of settled documents, in input order.</summary>
    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _flush.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                DocumentOutcome? next;
                lock (_gate)
                {
                    next = _nextToReport < _outcomes.Length ? _outcomes[_nextToReport] : null;
                    if (next is not null)
                    {
                        _outcomes[_nextToReport] = null;
                    }
                }

                if (next is null)
                {
                    return;
                }

                await _response.AddResultAsync(_documents[_nextToReport], next.Status, next.Code, next.Message, next.Payloads, CancellationToken.None).ConfigureAwait(false);
                _nextToReport++;
            }
        }
        finally
        {
            _flush.Release();
        }
    }
}
