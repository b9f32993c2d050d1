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
        var outcomes = new DocumentOutcome?[documents.Count];
        var records = new List<(int Index, JObject Record)>(documents.Count);
        var notes = new string?[documents.Count];
        for (var i = 0; i < documents.Count; i++)
        {
            try
            {
                var (record, note) = await ReadRecordAsync(documents[i], profile, cancellationToken).ConfigureAwait(false);
                records.Add((i, record));
                notes[i] = note;
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
                sent = await SendBatchAsync(records.Select(r => r.Record).ToList(), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var failed = ConnectOutcomes.FromException(ex);
                sent = records.Select(_ => failed).ToList();
            }

            for (var k = 0; k < records.Count; k++)
            {
                outcomes[records[k].Index] = sent[k].WithNote(notes[records[k].Index]);
            }
        }

        return outcomes.Select(o => o!).ToList();
    }

    /// <summary>A document's record for the batch, and the note naming the fields its action does not take (null when none).</summary>
    private async Task<(JObject Record, string? Note)> ReadRecordAsync(TrackedDocument document, InputProfile? profile, CancellationToken cancellationToken)
    {
        var json = await InputDocumentReader.ReadObjectAsync(document, cancellationToken).ConfigureAwait(false) ?? [];
        if (document.DynamicProperties.TryGetValue(OperationFieldIds.ObjectId, out var id) && !string.IsNullOrEmpty(id))
        {
            json[context.ObjectType.IdProperty] = id;
        }

        if (json[context.ObjectType.IdProperty] is not JValue { Type: JTokenType.String } idValue || string.IsNullOrWhiteSpace((string?)idValue))
        {
            throw new DocumentInputException(
                DocumentInputException.MissingId,
                $"document '{document.TrackingId}' has no {context.ObjectType.Id} id: give it in the '{OperationFieldIds.ObjectId}' property or the document's '{context.ObjectType.IdProperty}' field");
        }

        if (profile is null)
        {
            return (json, null);
        }

        var leftOut = new HashSet<string>(StringComparer.Ordinal);
        var projected = (JObject)profile.Project(json, leftOut);
        var note = (leftOutFields ?? LeftOutFields.Unlogged).Check(document, profile, leftOut, [context.ObjectType.IdProperty]);
        var problems = profile.Validate(projected);
        return problems.Count == 0
            ? (projected, note)
            : throw new DocumentInputException(
                DocumentInputException.InvalidBody,
                $"document '{document.TrackingId}' does not fit the {profile.Name} input profile, nothing was sent: {string.Join("; ", problems)}");
    }

    private async Task<IReadOnlyList<DocumentOutcome>> SendBatchAsync(IReadOnlyList<JObject> batch, CancellationToken cancellationToken)
    {
        // Written synchronously: the batch goes to memory, and Newtonsoft's async writer costs a task per token.
        var body = new MemoryStream(batch.Count * 96);
        using (var writer = new JsonTextWriter(new StreamWriter(body, new UTF8Encoding(false), 4096, leaveOpen: true)) { Formatting = Formatting.None })
        {
            writer.WriteStartArray();
            foreach (var record in batch)
            {
                record.WriteTo(writer);
            }

            writer.WriteEndArray();
        }

        var request = new ConnectRequest(new HttpMethod(context.Operation.Method), context.Operation.Path, body: ConnectRequestBody.Json(body.GetBuffer().AsMemory(0, (int)body.Length)));
        await using var answer = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);

        // Each per-record status is read once for its id and state; its raw bytes become the document's payload.
        var statuses = new Dictionary<string, RecordStatus>(StringComparer.Ordinal);
        var positional = new List<RecordStatus>();
        try
        {
            await foreach (var element in JsonArraySplitter.SplitAsync(answer.Body, cancellationToken).ConfigureAwait(false))
            {
                if (RecordStatus.Read(element) is { } status)
                {
                    positional.Add(status);
                    if (status.Id is not null)
                    {
                        statuses.TryAdd(status.Id, status);
                    }
                }
            }
        }
        catch (IOException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw BrokenBodyRetry.For(request, ex);
        }

        var outcomes = new List<DocumentOutcome>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            var id = (string)batch[i][context.ObjectType.IdProperty]!;
            var status = statuses.GetValueOrDefault(id) ?? (statuses.Count == 0 && i < positional.Count ? positional[i] : null);
            outcomes.Add(status is null
                ? DocumentOutcome.Failure("NO_STATUS", $"the answer to the bulk call has no status for '{id}'; it may or may not have been processed")
                : status.Outcome(answer.StatusCode, id));
        }

        return outcomes;
    }

    /// <summary>One per-record status of a bulk answer: <c>{id, status, error_codes, error_details}</c>, with its raw bytes.</summary>
    private sealed record RecordStatus(string? Id, string? State, string Codes, string Details, ReadOnlyMemory<byte> Raw)
    {
        public static RecordStatus? Read(ReadOnlyMemory<byte> element)
        {
            using var document = System.Text.Json.JsonDocument.Parse(element);
            var root = document.RootElement;
            return root.ValueKind != System.Text.Json.JsonValueKind.Object
                ? null
                : new RecordStatus(Scalar(root, "id"), Scalar(root, "status"), Text(root, "error_codes"), Text(root, "error_details"), element);
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

        private static string? Scalar(System.Text.Json.JsonElement root, string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString() : null;

        private static string Text(System.Text.Json.JsonElement root, string name)
        {
            if (!root.TryGetProperty(name, out var value))
            {
                return string.Empty;
            }

            return value.ValueKind switch
            {
                System.Text.Json.JsonValueKind.Null or System.Text.Json.JsonValueKind.Undefined => string.Empty,
                System.Text.Json.JsonValueKind.String => value.GetString() ?? string.Empty,
                System.Text.Json.JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(v => v.ValueKind == System.Text.Json.JsonValueKind.String ? v.GetString() : v.GetRawText())),
                _ => value.GetRawText(),
            };
        }
    }
}
