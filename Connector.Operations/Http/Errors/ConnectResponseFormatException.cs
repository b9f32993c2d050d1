namespace Connector.Operations.Http.Errors;

/// <summary>A Connect answer could not be read (not the JSON shape the endpoint documents, or cut short).</summary>
internal sealed class ConnectResponseFormatException : ConnectException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">A message without secrets.</param>
    /// <param name="innerException">The parser's exception, or null.</param>
    public ConnectResponseFormatException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
