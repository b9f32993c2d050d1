using System.Globalization;
using System.Text.Json;

namespace Connector.Operations.Http.Errors;

/// <summary>
/// How an operation reports an exception from the HTTP layer: 4xx answers are application errors whose code is the
/// HTTP status (e.g. <c>"400"</c>); 5xx answers (and 429 once the retries ran out), transport failures and
/// unreadable answers are failures.
/// </summary>
/// <param name="Severity">Application error or failure.</param>
/// <param name="Code">The HTTP status as text, or <c>TRANSPORT</c>, <c>UNREADABLE_RESPONSE</c>, <c>CANCELLED</c>, <c>UNEXPECTED</c>.</param>
/// <param name="Message">The exception's message (already free of secrets for the layer's own exceptions).</param>
internal sealed record ConnectErrorClassification(ErrorSeverity Severity, string Code, string Message)
{
    /// <summary>The code of a connection failure or timeout.</summary>
    public const string TransportCode = "TRANSPORT";

    /// <summary>The code of an answer that could not be read.</summary>
    public const string UnreadableResponseCode = "UNREADABLE_RESPONSE";

    /// <summary>The code of an answer bigger than the connection's limits allow.</summary>
    public const string ResponseTooLargeCode = "RESPONSE_TOO_LARGE";

    /// <summary>The code of a cancelled call.</summary>
    public const string CancelledCode = "CANCELLED";

    /// <summary>The code of any other exception.</summary>
    public const string UnexpectedCode = "UNEXPECTED";

    /// <summary>The result status name the connector contract uses for <see cref="Severity"/>.</summary>
    public string Status => Severity == ErrorSeverity.Application ? "APPLICATION_ERROR" : "FAILURE";

    /// <summary>Classifies an exception thrown while calling Connect.</summary>
    /// <param name="exception">The exception.</param>
    /// <returns>The classification.</returns>
    public static ConnectErrorClassification Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            ConnectServerException server =>
                new(ErrorSeverity.Failure, server.StatusCode.ToString(CultureInfo.InvariantCulture), server.Message),
            ConnectApiException api when api.StatusCode is >= 400 and < 500 =>
                new(ErrorSeverity.Application, api.StatusCode.ToString(CultureInfo.InvariantCulture), api.Message),
            ConnectApiException api =>
                new(ErrorSeverity.Failure, api.StatusCode.ToString(CultureInfo.InvariantCulture), api.Message),
            ConnectTransportException transport => new(ErrorSeverity.Failure, TransportCode, transport.Message),
            ConnectResponseTooLargeException tooLarge => new(ErrorSeverity.Failure, ResponseTooLargeCode, tooLarge.Message),
            ConnectResponseFormatException format => new(ErrorSeverity.Failure, UnreadableResponseCode, format.Message),
            JsonException json => new(ErrorSeverity.Failure, UnreadableResponseCode, "the answer is not valid JSON: " + json.Message),
            IOException io => new(ErrorSeverity.Failure, TransportCode, "the connection broke while the answer was being read: " + io.Message),
            OperationCanceledException => new(ErrorSeverity.Failure, CancelledCode, "the call was cancelled"),
            _ => new(ErrorSeverity.Failure, UnexpectedCode, exception.Message),
        };
    }
}
