namespace Connector.Operations.Http.Errors;

/// <summary>
/// The Connect API answered with an error status (4xx, or 5xx via <see cref="ConnectServerException"/>).
/// Carries Connect's error body: <c>{"error_code": "VAL_001", "errors": ["reason: This field is required."]}</c>.
/// </summary>
internal class ConnectApiException : ConnectException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">A message without secrets, e.g. <c>HTTP 400 VAL_001: reason: This field is required.</c></param>
    /// <param name="statusCode">The status that was not a success: 4xx and 5xx, or a 3xx redirect (never followed).</param>
    /// <param name="errorCode">Connect's <c>error_code</c>, or null when the body had none.</param>
    /// <param name="errors">Connect's <c>errors</c> list (empty when the body had none).</param>
    public ConnectApiException(string message, int statusCode, string? errorCode, IReadOnlyList<string> errors)
        : base(message)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
        Errors = errors ?? [];
    }

    /// <summary>The HTTP status code, e.g. 400.</summary>
    public int StatusCode { get; }

    /// <summary>Connect's error code, e.g. <c>VAL_001</c>, or null when the body had none.</summary>
    public string? ErrorCode { get; }

    /// <summary>Connect's error messages (empty when the body had none or was not JSON).</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>The wait the last answer's Retry-After header asked for (429, 503), or null when it gave none.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
