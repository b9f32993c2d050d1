namespace Connector.Core.Listening;

/// <summary>A listener stopped on an error retrying cannot fix (an invalid filter, rejected credentials, a port in use).</summary>
public sealed class ListenFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, without secrets.</param>
    /// <param name="innerException">The cause.</param>
    public ListenFailedException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
