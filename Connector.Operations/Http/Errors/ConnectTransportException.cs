namespace Connector.Operations.Http.Errors;

/// <summary>
/// No HTTP answer was received: the connection failed, broke, or timed out (after the retries that were safe).
/// The message names the server and the cause, e.g. <c>cannot reach http://127.0.0.1:1234: connection refused</c>.
/// </summary>
internal sealed class ConnectTransportException : ConnectException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">A message without secrets.</param>
    /// <param name="failure">Why no answer was received.</param>
    /// <param name="attempts">How many attempts were made.</param>
    /// <param name="outcomeUnknown">True when a non-idempotent request may have been processed.</param>
    /// <param name="innerException">The underlying exception, or null.</param>
    public ConnectTransportException(string message, ConnectTransportFailure failure, int attempts, bool outcomeUnknown, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
        Attempts = attempts;
        OutcomeUnknown = outcomeUnknown;
    }

    /// <summary>Why no answer was received.</summary>
    public ConnectTransportFailure Failure { get; }

    /// <summary>How many attempts were made.</summary>
    public int Attempts { get; }

    /// <summary>
    /// True when a non-idempotent request (POST) failed after it may have reached the server (timeout, broken
    /// connection): it may or may not have been carried out, so it was not retried.
    /// </summary>
    public bool OutcomeUnknown { get; }
}
