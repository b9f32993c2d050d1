using System.Globalization;
using System.Text.Json;
using Connector.Core.Execution;
using Connector.Core.Results;
using Connector.Operations.Http;
using Connector.Operations.Http.Errors;
using Connector.Operations.Inbound;

namespace Connector.Operations.Execution;

/// <summary>How the Connect connector turns an exception met while processing a document into that document's outcome.</summary>
internal static class ConnectOutcomes
{
    /// <summary>The code of a connection failure, a timeout, or a body that broke or stalled.</summary>
    public const string TransportCode = "TRANSPORT";

    /// <summary>The code of an answer that could not be read (malformed, or not the shape the endpoint documents).</summary>
    public const string UnreadableResponseCode = "UNREADABLE_RESPONSE";

    /// <summary>The code of an answer bigger than the connection's limits allow.</summary>
    public const string ResponseTooLargeCode = "RESPONSE_TOO_LARGE";

    /// <summary>The FAILURE code of a document whose call was cancelled mid-way: Core's <see cref="Core.Results.OperationResponse.CancelledCode"/>, so every cancelled document reads alike.</summary>
    public const string CancelledCode = Core.Results.OperationResponse.CancelledCode;

    /// <summary>The code of any other exception.</summary>
    public const string UnexpectedCode = "UNEXPECTED";

    /// <summary>
    /// The one mapping from what went wrong to a document's result: bad input and 4xx answers are APPLICATION_ERRORs
    /// whose code is the input problem or the HTTP status (e.g. <c>"400"</c>); 5xx answers (and 429, a <see cref="ConnectRateLimitException"/>, once the retries
    /// ran out), transport failures, oversized or unreadable answers and inconsistent paging are FAILUREs; a request a
    /// dry run did not send is a SUCCESS <c>DRY_RUN</c> describing it. Messages of the HTTP layer are already free of secrets.
    /// </summary>
    public static DocumentOutcome FromException(Exception exception) => exception switch
    {
        DocumentInputException input => DocumentOutcome.ApplicationError(input.Code, input.Message),
        InconsistentPagingException paging => DocumentOutcome.Failure(InconsistentPagingException.Code, paging.Message),
        DryRunInterceptedException dryRun => new(OperationStatus.Success, DryRunInterceptedException.Code, dryRun.Message, [dryRun.ToPayload()]),
        ConnectServerException server => DocumentOutcome.Failure(CodeOf(server), server.Message),
        ConnectRateLimitException limit => DocumentOutcome.Failure(CodeOf(limit), limit.Message),
        ConnectApiException api when api.StatusCode is >= 400 and < 500 => DocumentOutcome.ApplicationError(CodeOf(api), api.Message),
        ConnectApiException api => DocumentOutcome.Failure(CodeOf(api), api.Message),
        ConnectTransportException transport => DocumentOutcome.Failure(TransportCode, transport.Message),
        ConnectResponseTooLargeException tooLarge => DocumentOutcome.Failure(ResponseTooLargeCode, tooLarge.Message),
        ConnectResponseFormatException format => DocumentOutcome.Failure(UnreadableResponseCode, format.Message),
        JsonException json => DocumentOutcome.Failure(UnreadableResponseCode, "the answer is not valid JSON: " + json.Message),
        AnswerBodyTimeoutException timeout => DocumentOutcome.Failure(TransportCode, timeout.Message),
        IOException io => DocumentOutcome.Failure(TransportCode, "the connection broke while the answer was being read: " + io.Message),
        OperationCanceledException => DocumentOutcome.Failure(CancelledCode, "the call was cancelled"),
        _ => DocumentOutcome.Failure(UnexpectedCode, exception.Message),
    };

    private static string CodeOf(ConnectApiException api) => api.StatusCode.ToString(CultureInfo.InvariantCulture);
}
