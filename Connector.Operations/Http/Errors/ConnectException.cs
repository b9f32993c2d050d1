namespace Connector.Operations.Http.Errors;

/// <summary>
/// The base of every error raised by the Connect HTTP layer. Messages never contain the API key.
/// </summary>
internal abstract class ConnectException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">A message without secrets.</param>
    /// <param name="innerException">The cause, or null.</param>
    protected ConnectException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP method of the failed request, e.g. <c>GET</c>.</summary>
    public string RequestMethod { get; init; } = string.Empty;

    /// <summary>The path of the failed request relative to the base URL, e.g. <c>/assets/AS-1</c> (no query).</summary>
    public string RequestPath { get; init; } = string.Empty;
}
