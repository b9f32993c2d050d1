using Connector.Core.Documents;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connector.Core.Results;

/// <summary>
/// Collects an operation's results and ENFORCES the invariant of the operation model: every input document gets
/// exactly one final result. A query streams partial results (one per record) for its input and then finishes it.
/// A second final result, a result for a document that is not an input, or a partial result after the final one
/// is a connector bug: it throws <see cref="ResultInvariantException"/> and is recorded in <see cref="Violations"/>.
/// <see cref="CompleteAsync"/> gives every document still without a result a FAILURE and reports it loudly.
/// Thread-safe; results reach the sink one at a time.
/// </summary>
public sealed class OperationResponse
{
    /// <summary>The status code of results the connector produced for documents an operation left without one.</summary>
    public const string MissingResultCode = "NO_RESULT";

    /// <summary>The status code of documents not processed because the run was cancelled.</summary>
    public const string CancelledCode = "CANCELLED";

    private readonly List<TrackedDocument> _inputs;
    private readonly Dictionary<string, int> _indexOf;
    private readonly DocumentState[] _states;
    private readonly Lock _statesGate = new();
    private int _recent;
    private readonly IOperationResultSink _sink;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<string> _violations = [];
    private bool _completed;

    /// <summary>Creates a response for a batch of input documents.</summary>
    /// <param name="inputs">The input documents; tracking ids must be unique.</param>
    /// <param name="sink">Receives results as they are reported.</param>
    /// <param name="logger">Where invariant violations are logged.</param>
    public OperationResponse(IReadOnlyList<TrackedDocument> inputs, IOperationResultSink sink, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(sink);
        _inputs = [.. inputs];
        _indexOf = new Dictionary<string, int>(_inputs.Count, StringComparer.Ordinal);
        _states = new DocumentState[_inputs.Count];
        _sink = sink;
        _logger = logger ?? NullLogger.Instance;
        for (var i = 0; i < _inputs.Count; i++)
        {
            if (!_indexOf.TryAdd(_inputs[i].TrackingId, i))
            {
                throw new ArgumentException($"The tracking id '{_inputs[i].TrackingId}' is used by more than one input document.", nameof(inputs));
            }
        }
    }

    /// <summary>The input documents in the order given, each with its own tracking id; each must get exactly one final result.</summary>
    public IReadOnlyList<TrackedDocument> Inputs => _inputs;

    /// <summary>Invariant violations seen so far (each is a connector bug).</summary>
    public IReadOnlyList<string> Violations
    {
        get
        {
            lock (_violations)
            {
                return [.. _violations];
            }
        }
    }

    /// <summary>Whether the document already has its final result.</summary>
    /// <param name="document">Any document; one that is not an input of this response counts as unfinished (false).</param>
    /// <returns>True once the document's final result was reported (later reports for it are violations); false before that.</returns>
    public bool IsFinished(TrackedDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        lock (_statesGate)
        {
            return IndexOf(document) is >= 0 and var index && _states[index] == DocumentState.Final;
        }
    }

    /// <summary>Reports the final result of a document.</summary>
    /// <param name="document">One of <see cref="Inputs"/> (matched by tracking id); must not be null.</param>
    /// <param name="status">SUCCESS, APPLICATION_ERROR (the endpoint refused the document) or FAILURE (the connector or transport failed).</param>
    /// <param name="statusCode">The HTTP status as text for API answers (<c>201</c>, <c>404</c>), else a connector code such as <c>MISSING_ID</c>.</param>
    /// <param name="message">What happened, for people; never a secret (it reaches logs and results).</param>
    /// <param name="payloads">Output documents, null or empty for none; the sink owns them from here.</param>
    /// <param name="cancellationToken">Cancels the write to the sink.</param>
    /// <returns>A task that completes when the sink took the result.</returns>
    /// <exception cref="ResultInvariantException">The document already has a final result or is not an input.</exception>
    public ValueTask AddResultAsync(
        TrackedDocument document,
        OperationStatus status,
        string statusCode,
        string message,
        IReadOnlyList<Payload>? payloads = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        return DeliverAsync(document, new OperationResult(document.TrackingId, status, statusCode, message, payloads ?? [], IsPartial: false), cancellationToken);
    }

    /// <summary>Reports a SUCCESS with zero or one payload.</summary>
    /// <param name="document">One of <see cref="Inputs"/> (matched by tracking id); must not be null.</param>
    /// <param name="statusCode">The HTTP status as text (<c>200</c>, <c>201</c>, <c>204</c>).</param>
    /// <param name="payload">The output document, or null for an empty success; the sink owns it from here.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the sink took the result.</returns>
    public ValueTask AddSuccessAsync(TrackedDocument document, string statusCode, Payload? payload, CancellationToken cancellationToken = default) =>
        AddResultAsync(document, OperationStatus.Success, statusCode, payload is null ? "OK (no content)" : "OK", payload is null ? [] : [payload], cancellationToken);

    /// <summary>Reports one partial result (one record of a query).</summary>
    /// <param name="document">One of <see cref="Inputs"/> (matched by tracking id); must not be null.</param>
    /// <param name="payload">One record as a JSON payload; the sink owns it from here (the caller does not dispose it).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the sink took the result.</returns>
    /// <exception cref="ResultInvariantException">The document is finished already or is not an input.</exception>
    public ValueTask AddPartialResultAsync(TrackedDocument document, Payload payload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(payload);
        return DeliverAsync(document, new OperationResult(document.TrackingId, OperationStatus.Success, "200", "OK", [payload], IsPartial: true), cancellationToken);
    }

    /// <summary>Tells the sink how many partial results (records) a document will have in all, once it is known (a query's total).</summary>
    /// <param name="document">One of <see cref="Inputs"/> (matched by tracking id); must not be null.</param>
    /// <param name="records">The expected number of records.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the sink took the hint.</returns>
    /// <exception cref="ResultInvariantException">The document is finished already or is not an input.</exception>
    public async ValueTask ReportExpectedRecordsAsync(TrackedDocument document, long records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentOutOfRangeException.ThrowIfNegative(records);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            lock (_statesGate)
            {
                var index = IndexOf(document);
                var state = index >= 0 ? _states[index] : DocumentState.Pending;
                if (index < 0 || state == DocumentState.Final)
                {
                    throw Violate($"An expected record count was reported for '{document.TrackingId}', which is {(state == DocumentState.Final ? "finished" : "not an input document of this operation")}.");
                }
            }

            await _sink.OnExpectedRecordsAsync(document.TrackingId, records, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Finishes a document that received partial results (or none) with its final status.</summary>
    /// <param name="document">One of <see cref="Inputs"/> (matched by tracking id); must not be null.</param>
    /// <param name="status">The document's final status; the partial results already reported stay whatever it is.</param>
    /// <param name="statusCode">The HTTP status as text for API answers, else a connector code.</param>
    /// <param name="message">The message (e.g. how many records were emitted).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the sink took the result.</returns>
    public ValueTask FinishPartialResultAsync(TrackedDocument document, OperationStatus status, string statusCode, string message, CancellationToken cancellationToken = default) =>
        AddResultAsync(document, status, statusCode, message, null, cancellationToken);

    /// <summary>
    /// Gives every document still without a final result the same result (e.g. FAILURE "cancelled").
    /// Documents that already have one keep it.
    /// </summary>
    /// <param name="status">The status every unfinished document gets (usually FAILURE).</param>
    /// <param name="statusCode">The code every unfinished document gets (e.g. <see cref="CancelledCode"/>).</param>
    /// <param name="message">The message every unfinished document gets, for people.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>How many documents were given the result.</returns>
    public async ValueTask<int> AddResultToUnfinishedAsync(OperationStatus status, string statusCode, string message, CancellationToken cancellationToken = default)
    {
        var count = 0;
        foreach (var document in UnfinishedDocuments())
        {
            await AddResultAsync(document, status, statusCode, message, null, cancellationToken).ConfigureAwait(false);
            count++;
        }

        return count;
    }

    /// <summary>
    /// Ends the response: every document without a final result gets a FAILURE (<see cref="MissingResultCode"/>),
    /// recorded as a violation and logged as an error. Returns the violations.
    /// </summary>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>Every invariant violation seen.</returns>
    public async ValueTask<IReadOnlyList<string>> CompleteAsync(CancellationToken cancellationToken = default)
    {
        foreach (var document in UnfinishedDocuments())
        {
            Violate($"The operation produced no final result for document '{document.TrackingId}'.");
            await AddResultAsync(
                document,
                OperationStatus.Failure,
                MissingResultCode,
                "The connector produced no result for this document (a connector bug); it was not necessarily processed.",
                null,
                cancellationToken).ConfigureAwait(false);
        }

        _completed = true;
        return Violations;
    }

    private List<TrackedDocument> UnfinishedDocuments()
    {
        lock (_statesGate)
        {
            var unfinished = new List<TrackedDocument>();
            for (var i = 0; i < _states.Length; i++)
            {
                if (_states[i] != DocumentState.Final)
                {
                    unfinished.Add(_inputs[i]);
                }
            }

            return unfinished;
        }
    }

    /// <summary>
    /// The input index of a document (by its tracking id), or -1 when it is not an input. Results mostly arrive in
    /// input order, so the input last given a result and the one after it are tried first, by reference: no lookup by
    /// tracking id in a table as big as the input for most results. Call it holding <see cref="_statesGate"/>.
    /// </summary>
    private int IndexOf(TrackedDocument document)
    {
        if (_recent < _inputs.Count && ReferenceEquals(_inputs[_recent], document))
        {
            return _recent;
        }

        if (_recent + 1 < _inputs.Count && ReferenceEquals(_inputs[_recent + 1], document))
        {
            return _recent + 1;
        }

        return _indexOf.TryGetValue(document.TrackingId, out var index) ? index : -1;
    }

    private void Transition(TrackedDocument document, bool partial)
    {
        lock (_statesGate)
        {
            var trackingId = document.TrackingId;
            var index = IndexOf(document);
            if (index < 0)
            {
                throw Violate($"A result was reported for '{trackingId}', which is not an input document of this operation.");
            }

            _recent = index;
            ref var state = ref _states[index];
            if (state == DocumentState.Final)
            {
                throw Violate(_completed
                    ? $"A result was reported for '{trackingId}' after the response was completed."
                    : $"A second {(partial ? "partial" : "final")} result was reported for '{trackingId}', which already has its final result.");
            }

            state = partial ? DocumentState.Partial : DocumentState.Final;
        }
    }

    private ResultInvariantException Violate(string message)
    {
        lock (_violations)
        {
            _violations.Add(message);
        }

        _logger.LogError("Result invariant violated: {Violation}", message);
        return new ResultInvariantException(message);
    }

    /// <summary>Records the result and hands it to the sink, one at a time: a result is marked only once it can be delivered.</summary>
    private async ValueTask DeliverAsync(TrackedDocument document, OperationResult result, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Transition(document, result.IsPartial);
            await _sink.OnResultAsync(result, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private enum DocumentState
    {
        Pending,
        Partial,
        Final,
    }
}
