namespace Connector.Operations.Http.Errors;

/// <summary>
/// The Connect API kept answering 429 (too many requests) until the retries ran out. The request was not processed,
/// so it is safe to send again once <see cref="ConnectApiException.RetryAfter"/> has passed (when the API said).
/// </summary>
internal sealed class ConnectRateLimitException : ConnectApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">A message without secrets that names the wait asked for.</param>
    /// <param name="errorCode">Connect's error code, or null.</param>
    /// <param name="errors">Connect's error messages.</param>
    /// <param name="attempts">How many attempts were answered 429.</param>
    /// <param name="retryAfter">The wait the last answer's Retry-After asked for, or null when it gave none.</param>
    public ConnectRateLimitException(string message, string? errorCode, IReadOnlyList<string> errors, int attempts, TimeSpan? retryAfter)
        : base(message, 429, errorCode, errors)
    {
        Attempts = attempts;
        RetryAfter = retryAfter;
    }

    /// <summary>How many attempts were answered 429.</summary>
    public int Attempts { get; }
}
