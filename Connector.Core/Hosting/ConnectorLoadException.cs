namespace Connector.Core.Hosting;

/// <summary>The connector a descriptor names could not be loaded.</summary>
public sealed class ConnectorLoadException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What could not be loaded and why.</param>
    /// <param name="innerException">The cause.</param>
    public ConnectorLoadException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
