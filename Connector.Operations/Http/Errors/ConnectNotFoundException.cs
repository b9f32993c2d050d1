namespace Connector.Operations.Http.Errors;

/// <summary>The object or endpoint does not exist (HTTP 404, often with no body).</summary>
internal sealed class ConnectNotFoundException : ConnectApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">A message without secrets.</param>
    /// <param name="errorCode">Connect's error code, or null.</param>
    /// <param name="errors">Connect's error messages.</param>
    public ConnectNotFoundException(string message, string? errorCode, IReadOnlyList<string> errors)
        : base(message, 404, errorCode, errors)
    {
    }
}
