using System.Globalization;
using Connector.Core.Results;
using Connector.Operations.Http;
using System.Text.Json;
using Connector.Operations.Http.Errors;

namespace Connector.Operations.Execution;

/// <summary>The final result one document will get, computed before it is reported (results are reported in input order).</summary>
internal sealed record DocumentOutcome(OperationStatus Status, string Code, string Message, IReadOnlyList<Payload> Payloads)
{
    public static DocumentOutcome Success(int httpStatus, Payload? payload, string? message = null) => new(
        OperationStatus.Success,
        httpStatus.ToString(CultureInfo.InvariantCulture),
        message ?? (payload is null ? "OK (no content)" : "OK"),
        payload is null ? [] : [payload]);

    public static DocumentOutcome ApplicationError(string code, string message) => new(OperationStatus.ApplicationError, code, message, []);

    public static DocumentOutcome Failure(string code, string message) => new(OperationStatus.Failure, code, message, []);

    /// <summary>The outcome with a note added to its message (e.g. the body fields that were not sent); unchanged when the note is null.</summary>
    public DocumentOutcome WithNote(string? note) => note is null ? this : this with { Message = Message + "; " + note };

    /// <summary>The code of a connection failure, a timeout, or a body that broke or stalled.</summary>
    public const string TransportCode = "TRANSPORT";

    /// <summary>The code of an answer that could not be read (malformed, or not the shape the endpoint documents).</summary>
    public const string UnreadableResponseCode = "UNREADABLE_RESPONSE";

    /// <summary>The code of an answer bigger than the connection's limits allow.</summary>
    public const string ResponseTooLargeCode = "RESPONSE_TOO_LARGE";

    /// <summary>The code of a cancelled call.</summary>
    public const string CancelledCode = "CANCELLED";

    /// <summary>The code of any other exception.</summary>
    public const string UnexpectedCode = "UNEXPECTED";

    /// <summary>
    /// The one mapping from what went wrong to a document's result: bad input and 4xx answers are APPLICATION_ERRORs
    /// whose code is the input problem or the HTTP status (e.g. <c>"400"</c>); 5xx answers (and 429 once the retries
    /// ran out), transport failures, oversized or unreadable answers and inconsistent paging are FAILUREs; a request a
    /// dry run did not send is a SUCCESS <c>DRY_RUN</c> describing it. Messages of the HTTP layer are already free of secrets.
    /// </summary>
    public static DocumentOutcome FromException(Exception exception) => exception switch
    {
        DocumentInputException input => ApplicationError(input.Code, input.Message),
        Inbound.InconsistentPagingException paging => Failure(Inbound.InconsistentPagingException.Code, paging.Message),
        DryRunInterceptedException dryRun => new(OperationStatus.Success, DryRunInterceptedException.Code, dryRun.Message, [dryRun.ToPayload()]),
        ConnectServerException server => Failure(CodeOf(server), server.Message),
        ConnectApiException api when api.StatusCode is >= 400 and < 500 => ApplicationError(CodeOf(api), api.Message),
        ConnectApiException api => Failure(CodeOf(api), api.Message),
        ConnectTransportException transport => Failure(TransportCode, transport.Message),
        ConnectResponseTooLargeException tooLarge => Failure(ResponseTooLargeCode, tooLarge.Message),
        ConnectResponseFormatException format => Failure(UnreadableResponseCode, format.Message),
        JsonException json => Failure(UnreadableResponseCode, "the answer is not valid JSON: " + json.Message),
        AnswerBodyTimeoutException timeout => Failure(TransportCode, timeout.Message),
        IOException io => Failure(TransportCode, "the connection broke while the answer was being read: " + io.Message),
        OperationCanceledException => Failure(CancelledCode, "the call was cancelled"),
        _ => Failure(UnexpectedCode, exception.Message),
    };

    private static string CodeOf(ConnectApiException api) => api.StatusCode.ToString(CultureInfo.InvariantCulture);
}
