using System.Text;
using Connector.Core.Contexts;
using Connector.Core.Descriptors;
using Connector.Core.Documents;
using Connector.Core.Execution;
using Connector.Core.Operations;
using Connector.Core.Results;
using Connector.Operations.Documents;
using Connector.Operations.Execution;
using Connector.Operations.Http;
using Connector.Operations.Http.Errors;
using Connector.Operations.Inbound;
using Connector.Operations.Requests;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using JsonException = System.Text.Json.JsonException;
using JsonTokenType = System.Text.Json.JsonTokenType;
using Utf8JsonReader = System.Text.Json.Utf8JsonReader;

namespace Connector.Operations.Outbound;

/// <summary>
/// A bulk action whose endpoint takes a JSON array and answers per-record statuses (usage record BULK_CLOSE,
/// 206). Each document is one record: it is read, projected and validated on its own (a bad one gets its own
/// APPLICATION_ERROR); the good ones are sent in batches of "batch size", several batches at a time, and each
/// answer's per-record statuses are mapped back so that every document gets its own result.
/// </summary>
internal sealed class BulkOperation(OperationContext context, ConnectHttpClient client, ConnectApiData catalog, LeftOutFields? leftOutFields = null) : IOperation
{
    /// <summary>The per-record status that means the record was processed.</summary>
    private const string DoneStatus = "closed";

    public async Task ExecuteAsync(OperationRequest request, OperationResponse response, CancellationToken cancellationToken)
    {
        var profile = await catalog.InputProfileAsync(context.ObjectType, context.Operation, cancellationToken).ConfigureAwait(false);
        var batchSize = context.OperationProperties.GetInt32(OperationFieldIds.BatchSize);
        var units = Enumerable.Range(0, request.Documents.Count).Chunk(batchSize).ToList();
        var runner = new OrderedDocumentRunner(response, request.Documents, ConnectOutcomes.FromException);
        await runner.RunUnitsAsync(
            units,
            context.OperationProperties.GetInt32(OperationFieldIds.Parallelism),
            (unit, ct) => ProcessBatchAsync(unit.Select(i => request.Documents[i]).ToList(), profile, ct),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One batch of documents, read and checked inside its own worker (so reading overlaps other batches' calls):
    /// bad documents get their own error, the good ones go out in one call.
    /// </summary>
    private async Task<IReadOnlyList<DocumentOutcome>> ProcessBatchAsync(IReadOnlyList<TrackedDocument> documents, InputProfile? profile, CancellationToken cancellationToken)
    {
        var outcomes = new DocumentOutcome[documents.Count];
        var records = new List<BatchRecord>(documents.Count);
        for (var i = 0; i < documents.Count; i++)
        {
            try
            {
                // A document in memory is read at once: no asynchronous step per record.
                var read = InputDocumentReader.ReadBoundedBytesAsync(documents[i], cancellationToken);
                var bytes = read.IsCompletedSuccessfully ? read.Result : await read.ConfigureAwait(false);
                records.Add(ReadRecord(i, documents[i], bytes, profile));
            }
            catch (DocumentInputException ex)
            {
                outcomes[i] = ConnectOutcomes.FromException(ex);
            }
        }

        if (records.Count > 0)
        {
            IReadOnlyList<DocumentOutcome> sent;
            try
            {
                sent = await SendBatchAsync(records, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var failed = ConnectOutcomes.FromException(ex);
                sent = records.Select(_ => failed).ToList();
            }

            for (var k = 0; k < records.Count; k++)
            {
                outcomes[records[k].Index] = sent[k].WithNote(records[k].Note);
            }
        }

        return outcomes;
    }

    /// <summary>
    /// A document's record for the batch, from its bytes: its JSON, its id, and the note naming the fields its action
    /// does not take. A document of a shape that already passed the profile as it was (and whose id is in its body) is
    /// sent as it is, without building a tree; any other is read, given its id, projected and validated.
    /// </summary>
    private BatchRecord ReadRecord(int index, TrackedDocument document, byte[] bytes, InputProfile? profile)
    {
        var givenId = document.DynamicProperties.TryGetValue(OperationFieldIds.ObjectId, out var id) && !string.IsNullOrEmpty(id) ? id : null;
        if (givenId is null && profile is not null && profile.Passes(bytes, project: true)
            && InputDocumentReader.TopLevelString(bytes, context.ObjectType.IdProperty) is { } bodyId && !string.IsNullOrWhiteSpace(bodyId))
        {
            return new BatchRecord(index, InputDocumentReader.Compact(bytes), bodyId, null);
        }

        var json = InputDocumentReader.ParseObject(document, bytes) ?? [];
        if (givenId is not null)
        {
            json[context.ObjectType.IdProperty] = givenId;
        }

        if (json[context.ObjectType.IdProperty] is not JValue { Type: JTokenType.String } idValue || string.IsNullOrWhiteSpace((string?)idValue))
        {
            throw new DocumentInputException(
                DocumentInputException.MissingId,
                $"document '{document.TrackingId}' has no {context.ObjectType.Id} id: give it in the '{OperationFieldIds.ObjectId}' property or the document's '{context.ObjectType.IdProperty}' field");
        }

        var (record, note) = profile is null
            ? (json, null)
            : profile.Check(document, json, project: true, leftOutFields ?? LeftOutFields.Unlogged, [context.ObjectType.IdProperty]);
        return new BatchRecord(index, Encoding.UTF8.GetBytes(record.ToString(Formatting.None)), (string?)record[context.ObjectType.IdProperty] ?? (string)idValue!, note);
    }

    private async Task<IReadOnlyList<DocumentOutcome>> SendBatchAsync(IReadOnlyList<BatchRecord> batch, CancellationToken cancellationToken)
    {
        var request = new ConnectRequest(new HttpMethod(context.Operation.Method), context.Operation.Path, body: ConnectRequestBody.Json(JsonArrayOf(batch)));
        await using var answer = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);

        var statuses = await ReadStatusesAsync(request, answer.Body, batch, cancellationToken).ConfigureAwait(false);
        var outcomes = new List<DocumentOutcome>(batch.Count);
        if (statuses.Count == batch.Count && statuses.TrueForAll(s => s.InPlace))
        {
            // The usual answer: the k-th status is the k-th record's (same id), so no status is looked up by id.
            for (var i = 0; i < batch.Count; i++)
            {
                outcomes.Add(statuses[i].Outcome(answer.StatusCode, batch[i].Id));
            }

            return outcomes;
        }

        var byId = new Dictionary<string, RecordStatus>(statuses.Count, StringComparer.Ordinal);
        for (var k = 0; k < statuses.Count; k++)
        {
            if ((statuses[k].InPlace ? batch[k].Id : statuses[k].Id) is { } statusId)
            {
                byId.TryAdd(statusId, statuses[k]);
            }
        }

        for (var i = 0; i < batch.Count; i++)
        {
            var id = batch[i].Id;
            RecordStatus? status = byId.TryGetValue(id, out var found) ? found : (byId.Count == 0 && i < statuses.Count ? statuses[i] : null);
            outcomes.Add(status is { } known
                ? known.Outcome(answer.StatusCode, id)
                : DocumentOutcome.Failure("NO_STATUS", $"the answer to the bulk call has no status for '{id}'; it may or may not have been processed"));
        }

        return outcomes;
    }

    /// <summary>
    /// The per-record statuses of a bulk answer in the order they came. The answer (one status per record of the batch
    /// as Connect answers; its size bounded by the connection's answer limits whatever it holds) is read whole and then
    /// once, token by token (<see cref="RecordStatus.ReadAll"/>): each status's bytes are a slice of it, not a copy, so a
    /// result payload that is kept keeps the answer's array.
    /// </summary>
    private static async Task<List<RecordStatus>> ReadStatusesAsync(ConnectRequest request, Stream body, IReadOnlyList<BatchRecord> batch, CancellationToken cancellationToken)
    {
        byte[] answer;
        try
        {
            answer = await JsonBody.ReadBytesAsync(body, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw BrokenBodyRetry.For(request, ex);
        }

        return RecordStatus.ReadAll(answer, batch);
    }

    /// <summary>The batch's records as one JSON array, written into an array of exactly its length (sent without another copy).</summary>
    private static byte[] JsonArrayOf(IReadOnlyList<BatchRecord> batch)
    {
        var length = 2 + Math.Max(0, batch.Count - 1);
        foreach (var record in batch)
        {
            length += record.Json.Length;
        }

        var body = new byte[length];
        body[0] = (byte)'[';
        var written = 1;
        for (var i = 0; i < batch.Count; i++)
        {
            if (i > 0)
            {
                body[written++] = (byte)',';
            }

            batch[i].Json.CopyTo(body, written);
            written += batch[i].Json.Length;
        }

        body[written] = (byte)']';
        return body;
    }

    /// <summary>One document's record in a batch: its input index, its compact JSON, its id, and its result's note (null when none).</summary>
    private readonly record struct BatchRecord(int Index, byte[] Json, string Id, string? Note);

    /// <summary>
    /// One per-record status of a bulk answer: <c>{id, status, error_codes, error_details}</c>, with its raw bytes.
    /// <see cref="Id"/> is null when the status is <see cref="InPlace"/> (its id is the one of the record at its position).
    /// </summary>
    private readonly record struct RecordStatus(string? Id, bool InPlace, string? State, string Codes, string Details, ReadOnlyMemory<byte> Raw)
    {
        /// <summary>
        /// Reads every status of a whole answer in one pass: a JSON array whose objects are statuses (anything else in it
        /// is skipped), read up to its closing bracket.
        /// </summary>
        /// <exception cref="TruncatedJsonException">The answer is empty or ends before its array does.</exception>
        /// <exception cref="JsonException">The answer is not an array, or is malformed.</exception>
        public static List<RecordStatus> ReadAll(ReadOnlyMemory<byte> answer, IReadOnlyList<BatchRecord> batch)
        {
            var statuses = new List<RecordStatus>(batch.Count);
            // Not a final block: running out of bytes is told apart from bad syntax (Read answers false rather than throwing).
            var reader = new Utf8JsonReader(answer.Span, isFinalBlock: false, default);
            if (!reader.Read())
            {
                throw JsonArraySplitter.Truncated(insideArray: false);
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw JsonArraySplitter.NotAnArray(reader.TokenType);
            }

            while (Next(ref reader).TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    SkipValue(ref reader);
                    continue;
                }

                statuses.Add(Read(ref reader, answer, statuses.Count < batch.Count ? batch[statuses.Count].Id : null));
            }

            return statuses;
        }

        /// <summary>
        /// Reads the status object the reader is on, to its end; <paramref name="expectedId"/> is the id of the record at
        /// its position in the batch, if any.
        /// </summary>
        private static RecordStatus Read(ref Utf8JsonReader reader, ReadOnlyMemory<byte> answer, string? expectedId)
        {
            var start = (int)reader.TokenStartIndex;
            var json = answer.Span;
            string? id = null, state = null;
            var inPlace = false;
            string codes = string.Empty, details = string.Empty;
            while (Next(ref reader).TokenType == JsonTokenType.PropertyName)
            {
                var name = reader;
                Next(ref reader);
                if (name.ValueTextEquals("id"u8))
                {
                    inPlace = expectedId is not null && reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(expectedId);
                    id = inPlace ? null : Scalar(ref reader);
                }
                else if (name.ValueTextEquals("status"u8))
                {
                    // The status of nearly every record: no string is made for it.
                    state = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("closed"u8) ? DoneStatus : Scalar(ref reader);
                }
                else if (name.ValueTextEquals("error_codes"u8))
                {
                    codes = Text(ref reader, json);
                }
                else if (name.ValueTextEquals("error_details"u8))
                {
                    details = Text(ref reader, json);
                }
                else
                {
                    SkipValue(ref reader);
                }
            }

            return new RecordStatus(id, inPlace, state, codes, details, answer[start..(int)reader.BytesConsumed]);
        }

        public DocumentOutcome Outcome(int httpStatus, string id)
        {
            if (string.Equals(State, DoneStatus, StringComparison.OrdinalIgnoreCase) && Codes.Length == 0)
            {
                return DocumentOutcome.Success(httpStatus, Payload.FromJsonBytes(Raw));
            }

            var code = Codes.Length > 0 ? Codes : "NOT_CLOSED";
            var message = $"'{id}' was not closed (status {State ?? "unknown"}){(Codes.Length > 0 ? ": " + Codes : string.Empty)}{(Details.Length > 0 ? " - " + Details : string.Empty)}";
            return DocumentOutcome.ApplicationError(code, message) with { Payloads = [Payload.FromJsonBytes(Raw)] };
        }

        /// <summary>A string value, or null for any other (which is skipped).</summary>
        private static string? Scalar(ref Utf8JsonReader reader)
        {
            var value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            SkipValue(ref reader);
            return value;
        }

        /// <summary>Moves to the next token; the answer ending first is a truncated body.</summary>
        private static ref Utf8JsonReader Next(ref Utf8JsonReader reader)
        {
            if (!reader.Read())
            {
                throw JsonArraySplitter.Truncated(insideArray: true);
            }

            return ref reader;
        }

        /// <summary>Moves past the value the reader is on (to its end, for an object or array); the answer ending first is a truncated body.</summary>
        private static void SkipValue(ref Utf8JsonReader reader)
        {
            if (!reader.TrySkip())
            {
                throw JsonArraySplitter.Truncated(insideArray: true);
            }
        }

        /// <summary>A value as text: empty for null, a string as it is, an array's items joined with ", ", anything else as its JSON.</summary>
        private static string Text(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    return string.Empty;
                case JsonTokenType.String:
                    return reader.GetString() ?? string.Empty;
                case JsonTokenType.StartArray:
                    // Usually empty (a closed record has no error codes): then nothing is allocated.
                    StringBuilder? items = null;
                    while (Next(ref reader).TokenType != JsonTokenType.EndArray)
                    {
                        items = items is null ? new StringBuilder() : items.Append(", ");
                        items.Append(reader.TokenType == JsonTokenType.String ? reader.GetString() : RawText(ref reader, json));
                    }

                    return items?.ToString() ?? string.Empty;
                default:
                    return RawText(ref reader, json);
            }
        }

        /// <summary>The JSON text of the value the reader is on (skipping it, when it is an object or array).</summary>
        private static string RawText(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
        {
            var start = (int)reader.TokenStartIndex;
            SkipValue(ref reader);
            return Encoding.UTF8.GetString(json[start..(int)reader.BytesConsumed]);
        }
    }
}
