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
/// CREATE, UPDATE, DELETE and custom actions that act on one object per document. For each document: read it,
/// fill the path from its ids, project an action body onto the input profile, validate the body (nothing is sent when it does not
/// fit), send it (a POST is never retried after an ambiguous failure), and turn the answer into the result: the
/// object, a downloaded file, or for a 204 the object read again when "return resource" is on.
/// Documents run with bounded parallelism; results are reported in input order.
/// </summary>
internal sealed class ObjectOperation(OperationContext context, ConnectHttpClient client, ConnectApiData catalog, LeftOutFields? leftOutFields = null) : IOperation
{
    public async Task ExecuteAsync(OperationRequest request, OperationResponse response, CancellationToken cancellationToken)
    {
        var profile = context.Operation.Request.Body == RequestBodyKind.Json
            ? await catalog.InputProfileAsync(context.ObjectType, context.Operation, cancellationToken).ConfigureAwait(false)
            : null;
        var runner = new OrderedDocumentRunner(response, request.Documents, ConnectOutcomes.FromException);
        await runner.RunEachAsync(
            context.OperationProperties.GetInt32(OperationFieldIds.Parallelism),
            (document, ct) => ProcessAsync(document, profile, ct),
            cancellationToken).ConfigureAwait(false);
    }

    private Task<DocumentOutcome> ProcessAsync(TrackedDocument document, InputProfile? profile, CancellationToken cancellationToken) =>
        context.Operation.Request.Body switch
        {
            RequestBodyKind.Multipart => UploadAsync(document, cancellationToken),
            RequestBodyKind.Json => SendJsonDocumentAsync(document, profile, cancellationToken),
            _ => SendWithoutBodyAsync(document, cancellationToken),
        };

    private async Task<DocumentOutcome> UploadAsync(TrackedDocument document, CancellationToken cancellationToken)
    {
        var properties = context.OperationProperties.With(document.DynamicProperties);
        // Sent from the document's own stream (or a private spool for a pipe), never copied into memory.
        await using var upload = await UploadContent.OpenAsync(document, cancellationToken).ConfigureAwait(false);
        return await SendAsync(document, null, MultipartBody(upload, properties), null, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DocumentOutcome> SendWithoutBodyAsync(TrackedDocument document, CancellationToken cancellationToken)
    {
        var ids = await InputDocumentReader.ReadObjectAsync(document, cancellationToken).ConfigureAwait(false);
        return await SendAsync(document, ids, null, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A JSON document's call. A document already in memory (read at once) is sent from this frame, with no asynchronous
    /// method of its own around the send.
    /// </summary>
    private Task<DocumentOutcome> SendJsonDocumentAsync(TrackedDocument document, InputProfile? profile, CancellationToken cancellationToken)
    {
        var read = InputDocumentReader.ReadBoundedBytesAsync(document, cancellationToken);
        return read.IsCompletedSuccessfully ? SendJsonAsync(document, profile, read.Result, cancellationToken) : ReadAndSendJsonAsync(read, document, profile, cancellationToken);
    }

    private async Task<DocumentOutcome> ReadAndSendJsonAsync(ValueTask<byte[]> read, TrackedDocument document, InputProfile? profile, CancellationToken cancellationToken) =>
        await SendJsonAsync(document, profile, await read.ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    private Task<DocumentOutcome> SendJsonAsync(TrackedDocument document, InputProfile? profile, byte[] bytes, CancellationToken cancellationToken)
    {
        if (profile is not null && IdsGivenOutsideBody(document) && profile.Passes(bytes, Projects))
        {
            // The shape of a document that already passed as it was: it passes too, and is sent as it is.
            return SendAsync(document, null, ConnectRequestBody.Json(InputDocumentReader.Compact(bytes)), null, cancellationToken);
        }

        var json = InputDocumentReader.ParseObject(document, bytes);
        var (body, note) = BuildJsonBody(document, json ?? [], profile);
        return SendAsync(document, json, ConnectRequestBody.Json(body), note, cancellationToken);
    }

    /// <summary>The multipart form of an upload: the file part, and the form fields the descriptor maps from operation properties.</summary>
    private ConnectRequestBody MultipartBody(UploadContent upload, PropertyValues properties)
    {
        var fields = context.Operation.Request.FormFields
            .Select(f => new KeyValuePair<string, string>(f.Key, properties.GetString(f.Value) ?? string.Empty))
            .Where(f => f.Value.Length > 0)
            .ToList();
        var fileName = properties.GetRequiredString(OperationFieldIds.FileName);
        return ConnectRequestBody.Multipart(new ConnectFilePart(context.Operation.Request.FilePart!, fileName, upload.OpenAttempt, ContentTypeOf(fileName)), fields);
    }

    private Task<DocumentOutcome> SendAsync(TrackedDocument document, JObject? json, ConnectRequestBody? body, string? note, CancellationToken cancellationToken)
    {
        var operation = context.Operation;
        var path = ObjectIdResolver.BuildPath(context, document, json);
        var request = new ConnectRequest(HttpMethod.Parse(operation.Method), path, body: body)
        {
            Accept = operation.Response.Body == ResponseBodyKind.Binary ? "*/*" : "application/json",
        };

        // An idempotent call (GET, PUT, DELETE) whose answer broke mid-body is sent again; a POST never is, and is sent
        // and read in one asynchronous method.
        return request.Idempotent && client.Settings.MaxRetries > 0
            ? SendAgainIfBrokenAsync(request, document, json, note, cancellationToken)
            : SendAndReadAsync(request, document, json, note, lastTry: true, cancellationToken);
    }

    /// <summary>An idempotent call, sent again (up to the connection's retries) when its answer breaks mid-body.</summary>
    private async Task<DocumentOutcome> SendAgainIfBrokenAsync(ConnectRequest request, TrackedDocument document, JObject? json, string? note, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await BrokenBodyRetry.RetryAsync(
                client.Settings.MaxRetries,
                () => SendAndReadAsync(request, document, json, note: null, lastTry: false, cancellationToken),
                cancellationToken).ConfigureAwait(false);
            return outcome.WithNote(note);
        }
        catch (IOException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw BrokenBodyRetry.For(request, ex);
        }
    }

    /// <summary>
    /// Sends the call once and turns its answer into the document's outcome (with <paramref name="note"/>). On the
    /// <paramref name="lastTry"/>, an answer that breaks mid-body is the transport error that says so; otherwise its
    /// <see cref="IOException"/> goes to the caller, who sends the call again.
    /// </summary>
    private async Task<DocumentOutcome> SendAndReadAsync(ConnectRequest request, TrackedDocument document, JObject? json, string? note, bool lastTry, CancellationToken cancellationToken)
    {
        try
        {
            await using var answer = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            // A JSON answer (every create, update and action but a 204) is read in this frame: no asynchronous method of its own.
            var outcome = AnswersJson(answer)
                ? JsonOutcome(answer.StatusCode, await JsonBody.ReadBytesAsync(answer.Body, cancellationToken).ConfigureAwait(false))
                : await ReadAnswerAsync(request, answer, document, json, cancellationToken).ConfigureAwait(false);
            return outcome.WithNote(note);
        }
        catch (IOException ex) when (lastTry && !cancellationToken.IsCancellationRequested)
        {
            throw BrokenBodyRetry.For(request, ex);
        }
    }

    /// <summary>Whether the answer is the operation's JSON object (not a file, not a 204): <see cref="JsonOutcome"/> of its bytes.</summary>
    private bool AnswersJson(ConnectResponse answer) => context.Operation.Response.Body == ResponseBodyKind.Json && answer.StatusCode != 204;

    /// <summary>The outcome of a JSON answer's bytes, checked to be one complete JSON value (<see cref="JsonBody.CheckOneValue"/> throws otherwise).</summary>
    private static DocumentOutcome JsonOutcome(int statusCode, byte[] bytes)
    {
        JsonBody.CheckOneValue(bytes);
        return DocumentOutcome.Success(statusCode, Payload.FromJsonBytes(bytes));
    }

    /// <summary>
    /// The outcome of an answer that is not <see cref="AnswersJson"/>: a downloaded file, or for a 204 the object read
    /// again when "return resource" is on.
    /// </summary>
    private async ValueTask<DocumentOutcome> ReadAnswerAsync(ConnectRequest request, ConnectResponse answer, TrackedDocument document, JObject? json, CancellationToken cancellationToken)
    {
        var operation = context.Operation;
        if (operation.Response.Body == ResponseBodyKind.Binary)
        {
            return DocumentOutcome.Success(answer.StatusCode, await BufferFileAsync(request, answer, cancellationToken).ConfigureAwait(false));
        }

        if (operation.Response.Reread && context.OperationProperties.With(document.DynamicProperties).GetBoolean(OperationFieldIds.ReturnResource)
            && context.ObjectType.FindOperation(OperationType.Get) is { } get)
        {
            var getPath = ObjectIdResolver.BuildPath(context, get, document, json);
            var reread = await GetOperation.ReadAsync(client, getPath, client.Settings.MaxRetries, cancellationToken).ConfigureAwait(false);
            return reread with { Code = answer.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), Message = "OK; the object as it is now" };
        }

        return DocumentOutcome.Success(answer.StatusCode, null);
    }

    /// <summary>
    /// Only action bodies are projected. The v37 document's CREATE and UPDATE schemas omit fields the API takes
    /// (asset.product of a purchase request, account of a tier account request, note of a request update):
    /// projecting those bodies silently dropped the caller's data, so they are validated and sent as given.
    /// </summary>
    private bool Projects => context.OperationKind == OperationKind.Execute;

    /// <summary>The body to send, and the note naming the fields the action does not take (null when none).</summary>
    private (byte[] Body, string? Note) BuildJsonBody(TrackedDocument document, JObject json, InputProfile? profile)
    {
        if (profile is null)
        {
            return (Encoding.UTF8.GetBytes(json.ToString(Formatting.None)), null);
        }

        string[] locating = [.. new[] { context.ObjectType.IdProperty, context.ObjectType.ParentIdProperty }.OfType<string>()];
        var (body, note) = profile.Check(document, json, Projects, leftOutFields ?? LeftOutFields.Unlogged, locating);
        return (Encoding.UTF8.GetBytes(body.ToString(Formatting.None)), note);
    }

    /// <summary>Whether the paths this document may need (the call's, and the re-read's after a 204) take no id from its body.</summary>
    private bool IdsGivenOutsideBody(TrackedDocument document) =>
        context.Operation.Response.Reread && context.ObjectType.FindOperation(OperationType.Get) is { } get
            ? ObjectIdResolver.IdsGivenOutsideBody(context, document, context.Operation, get)
            : ObjectIdResolver.IdsGivenOutsideBody(context, document, context.Operation);

    /// <summary>
    /// Copies a download to a private temporary file (deleted when the payload is disposed), freeing the connection.
    /// An answer in JSON is Connect's error body, not the file; an empty answer has no file: both are failures, and
    /// nothing is kept on disk. The size is bounded by the connection's maxDownloadMegabytes while streaming.
    /// </summary>
    private static async Task<Payload> BufferFileAsync(ConnectRequest request, ConnectResponse answer, CancellationToken cancellationToken)
    {
        if (answer.ContentType is { } type && ConnectRequest.IsJson(type))
        {
            var error = await ConnectErrorBody.ReadAsync(answer.Body, cancellationToken).ConfigureAwait(false);
            if (error.ErrorCode is null && error.Errors.Count == 0 && error.RawSnippet is not null)
            {
                // Labelled JSON but not JSON: an answer cut short (or damaged); an idempotent download is asked again.
                throw new TruncatedJsonException($"the download {request} answered a JSON content type with a body that is not JSON");
            }

            throw new ConnectResponseFormatException(
                $"the download {request} answered JSON (HTTP {answer.StatusCode}) instead of a file: {error.Summary ?? "no details"}; nothing was saved");
        }

        var file = PrivateTemporaryFile.Create("download");
        try
        {
            await answer.Body.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            if (file.Length == 0)
            {
                throw new ConnectResponseFormatException($"the download {request} answered no bytes (HTTP {answer.StatusCode}): there is no file to save");
            }

            file.Position = 0;
            return Payload.FromStream(file, answer.ContentType ?? Payload.BinaryContentType);
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static string ContentTypeOf(string fileName) => Path.GetExtension(fileName).ToUpperInvariant() switch
    {
        ".XLSX" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".CSV" => "text/csv",
        ".JSON" => "application/json",
        _ => "application/octet-stream",
    };
}
