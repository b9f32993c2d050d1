namespace Connector.Operations.Http.Errors;

/// <summary>
/// An answer body was bigger than the connection allows (as received, after decompression, or by its decompression
/// ratio). Asking again would cost the same, so it is never retried.
/// </summary>
internal sealed class ConnectResponseTooLargeException : ConnectException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Says which limit was passed and which connection property sets it.</param>
    public ConnectResponseTooLargeException(string message)
        : base(message)
    {
    }
}
