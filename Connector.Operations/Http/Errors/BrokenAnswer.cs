namespace Connector.Operations.Http.Errors;

/// <summary>The connection broke while an answer's body was being read (after the status and headers arrived).</summary>
internal static class BrokenAnswer
{
    /// <summary>The transport error for it; a non-idempotent request's outcome is unknown (the server may have processed it).</summary>
    public static ConnectTransportException For(ConnectRequest request, IOException cause) => new(
        $"the connection broke while the answer to {request} was being read ({cause.Message})"
        + (request.Idempotent
            ? string.Empty
            : "; the outcome is unknown: the server may have processed the request, so it was not sent again; check the object before sending it again"),
        ConnectTransportFailure.ConnectionLost,
        1,
        outcomeUnknown: !request.Idempotent,
        cause);
}
