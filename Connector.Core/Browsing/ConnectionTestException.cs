namespace Connector.Core.Browsing;

/// <summary>A connection test failed; the message tells the user what to fix.</summary>
public sealed class ConnectionTestException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and what to fix (never a secret).</param>
    /// <param name="innerException">The cause.</param>
    public ConnectionTestException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
