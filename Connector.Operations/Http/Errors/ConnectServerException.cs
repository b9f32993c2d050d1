namespace Connector.Operations.Http.Errors;

/// <summary>
/// The Connect API answered 5xx (after the retries that were safe); a 429 is a <see cref="ConnectRateLimitException"/>.
/// </summary>
internal sealed class ConnectServerException : ConnectApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">A message without secrets.</param>
    /// <param name="statusCode">The 5xx status of the last attempt.</param>
    /// <param name="errorCode">Connect's error code, or null.</param>
    /// <param name="errors">Connect's error messages.</param>
    /// <param name="attempts">How many attempts were made.</param>
    /// <param name="outcomeUnknown">True when a non-idempotent request may have been processed.</param>
    public ConnectServerException(string message, int statusCode, string? errorCode, IReadOnlyList<string> errors, int attempts, bool outcomeUnknown)
        : base(message, statusCode, errorCode, errors)
    {
        Attempts = attempts;
        OutcomeUnknown = outcomeUnknown;
    }

    /// <summary>How many attempts were made.</summary>
    public int Attempts { get; }

    /// <summary>
    /// True when a non-idempotent request (POST) got an ambiguous answer (500, 502, 504): the server may or may not
    /// have carried it out, so it was not retried. Check the object's state before sending it again.
    /// </summary>
    public bool OutcomeUnknown { get; }
}
