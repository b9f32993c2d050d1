using Connector.Core.Documents;
using Connector.Core.Results;

namespace Connector.Core.Execution;

/// <summary>
/// Runs work over documents with bounded parallelism and reports each document's outcome to the response in
/// input order: what every connector that calls a remote API per document needs. A unit of work may settle one
/// document or several (a bulk batch). Any exception of a unit becomes that unit's documents' result (through the
/// exception mapping given to the constructor); nothing escapes. On cancellation, finished documents keep their
/// results and every other document gets FAILURE <see cref="OperationResponse.CancelledCode"/>.
/// </summary>
/// <example>
/// The example connector (<c>Connector.Tests.PluginConnector</c>) answers each document from its own task:
/// <code>
/// var runner = new OrderedDocumentRunner(response, request.Documents);
/// await runner.RunEachAsync(4, (document, ct) => GreetAsync(document, ct), cancellationToken);
/// </code>
/// </example>
public sealed class OrderedDocumentRunner
{
    private readonly OperationResponse _response;
    private readonly IReadOnlyList<TrackedDocument> _documents;
    private readonly Func<Exception, DocumentOutcome> _describeFailure;
    private readonly DocumentOutcome?[] _outcomes;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _flush = new(1, 1);

    // The input index of the next document to report: guarded by _gate, and advanced (claimed) only by the one reporting.
    private int _nextToReport;

    /// <summary>Creates a runner for one request's documents.</summary>
    /// <param name="response">The response the outcomes are reported to (the request's documents are its inputs).</param>
    /// <param name="documents">The documents, in input order (the order results are reported in).</param>
    /// <param name="describeFailure">
    /// Turns an exception a unit of work threw into its documents' outcome; <see cref="DocumentOutcome.FromUnexpected"/>
    /// when null. Cancellation of the run is not passed to it.
    /// </param>
    public OrderedDocumentRunner(OperationResponse response, IReadOnlyList<TrackedDocument> documents, Func<Exception, DocumentOutcome>? describeFailure = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(documents);
        _response = response;
        _documents = documents;
        _describeFailure = describeFailure ?? DocumentOutcome.FromUnexpected;
        _outcomes = new DocumentOutcome?[documents.Count];
    }

    /// <summary>Runs one unit of work per document, at most <paramref name="parallelism"/> at a time.</summary>
    /// <param name="parallelism">How many documents run at once (at least 1).</param>
    /// <param name="work">Computes one document's outcome.</param>
    /// <param name="cancellationToken">Stops starting documents; unfinished ones are reported CANCELLED.</param>
    /// <returns>A task that completes when every document has its result.</returns>
    public Task RunEachAsync(int parallelism, Func<TrackedDocument, CancellationToken, Task<DocumentOutcome>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);

        // Each document is its own unit, awaited straight from the loop: no one-index unit or one-outcome list per document.
        return RunAsync(
            Enumerable.Range(0, _documents.Count),
            parallelism,
            async (index, ct) =>
            {
                DocumentOutcome outcome;
                try
                {
                    outcome = await work(_documents[index], ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception ex)
                {
                    outcome = _describeFailure(ex);
                }

                if (Store(index, outcome, Math.Max(1, parallelism)))
                {
                    await FlushAsync(ct).ConfigureAwait(false);
                }
            },
            cancellationToken);
    }

    /// <summary>Runs units of work, each settling the documents at the given input indexes, at most <paramref name="parallelism"/> at a time.</summary>
    /// <param name="units">The input indexes each unit settles (a bulk call's batch, say).</param>
    /// <param name="parallelism">How many units run at once (at least 1).</param>
    /// <param name="work">Computes one outcome per index of its unit, in the unit's order; a missing one becomes FAILURE <c>NO_RESULT</c>.</param>
    /// <param name="cancellationToken">Stops starting units; unfinished documents are reported CANCELLED.</param>
    /// <returns>A task that completes when every document has its result.</returns>
    public async Task RunUnitsAsync(
        IReadOnlyList<int[]> units,
        int parallelism,
        Func<int[], CancellationToken, Task<IReadOnlyList<DocumentOutcome>>> work,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(work);
        await RunAsync(
            units,
            parallelism,
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
                    var outcome = _describeFailure(ex);
                    outcomes = unit.Select(_ => outcome).ToList();
                }

                await SettleAsync(unit, outcomes, ct).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="body"/> over <paramref name="units"/>, at most <paramref name="parallelism"/> at a time, then
    /// reports what is left to report; on cancellation, every document without a result gets CANCELLED.
    /// </summary>
    private async Task RunAsync<TUnit>(IEnumerable<TUnit> units, int parallelism, Func<TUnit, CancellationToken, ValueTask> body, CancellationToken cancellationToken)
    {
        try
        {
            await Parallel.ForEachAsync(
                units,
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken },
                body).ConfigureAwait(false);
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
                    : DocumentOutcome.Failure(OperationResponse.MissingResultCode, "the connector produced no outcome for this document");
            }
        }

        await FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Keeps a document's outcome until it is reported, and says whether its unit must report: when its document is the
    /// next to report (every document before it is reported or being reported, so nobody else will report it), or when
    /// a report is running (the sink is slow) and it is more than <paramref name="parallelism"/> documents ahead of it,
    /// so that units wait for a slow sink instead of piling up outcomes. Any other unit goes on to its next document: the
    /// unit of the next document reports this one with it (its report goes on through every settled document).
    /// </summary>
    private bool Store(int index, DocumentOutcome outcome, int parallelism)
    {
        lock (_gate)
        {
            _outcomes[index] = outcome;
            return index == _nextToReport || (index - _nextToReport > parallelism && _flush.CurrentCount == 0);
        }
    }

    /// <summary>Reports the contiguous prefix of settled documents, in input order.</summary>
    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _flush.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (TakeNext() is var (index, next) && next is not null)
            {
                await _response.AddResultAsync(_documents[index], next.Status, next.Code, next.Message, next.Payloads, CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            _flush.Release();
        }
    }

    /// <summary>The next document's outcome and index, claimed for reporting (the next one after it becomes the next to report); a null outcome when it is not settled yet.</summary>
    private (int Index, DocumentOutcome? Outcome) TakeNext()
    {
        lock (_gate)
        {
            var index = _nextToReport;
            if (index >= _outcomes.Length || _outcomes[index] is not { } next)
            {
                return (index, null);
            }

            _outcomes[index] = null;
            _nextToReport++;
            return (index, next);
        }
    }
}
