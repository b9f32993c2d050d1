namespace Connector.Operations.Http.Errors;

/// <summary>The API key was rejected (HTTP 401, typically <c>AUTH_001</c>).</summary>
internal sealed class ConnectAuthenticationException : ConnectApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">A message without secrets.</param>
    /// <param name="errorCode">Connect's error code, or null.</param>
    /// <param name="errors">Connect's error messages.</param>
    public ConnectAuthenticationException(string message, string? errorCode, IReadOnlyList<string> errors)
        : base(message, 401, errorCode, errors)
    {
    }
}
