namespace Connector.Core.Browsing;

/// <summary>Runs one cheap authenticated call to check a connection.</summary>
public interface IConnectionTester
{
    /// <summary>Tests the connection.</summary>
    /// <param name="cancellationToken">Cancels the test.</param>
    /// <returns>A task that completes when the connection works.</returns>
    /// <exception cref="ConnectionTestException">The connection does not work; the message says what to fix.</exception>
    Task TestConnectionAsync(CancellationToken cancellationToken);
}
