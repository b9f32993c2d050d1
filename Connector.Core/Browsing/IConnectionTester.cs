namespace Connector.Core.Browsing;

/// <summary>Runs one cheap authenticated call to check a connection.</summary>
public interface IConnectionTester
{
    /// <summary>Sends one probe with the tester's connection properties and explains a failure in terms a user can act on.</summary>
    /// <param name="cancellationToken">Cancels the test.</param>
    /// <returns>A task that completes when the connection works.</returns>
    /// <exception cref="ConnectionTestException">The connection does not work; the message says what to fix.</exception>
    Task TestConnectionAsync(CancellationToken cancellationToken);
}
