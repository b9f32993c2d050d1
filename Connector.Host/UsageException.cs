namespace Connector.Host;

/// <summary>A usage or configuration error: the command line, a flag value or the setup is wrong (exit code 2).</summary>
/// <param name="message">What is wrong, naming the flag or value.</param>
internal sealed class UsageException(string message) : Exception(message);
