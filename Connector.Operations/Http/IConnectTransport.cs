namespace Connector.Operations.Http;

/// <summary>
/// Sends one attempt of a request and returns whatever status came back (no retries, no error mapping).
/// Throws <see cref="TransportFailureException"/> when no answer arrived and
/// <see cref="OperationCanceledException"/> when the token was cancelled.
/// </summary>
internal interface IConnectTransport : IDisposable
{
    /// <summary>The scheme, host and port of the API, for messages (e.g. <c>https://api.connect.cloudblue.com</c>).</summary>
    string Origin { get; }

    /// <summary>Sends one attempt.</summary>
    Task<ConnectResponse> SendAsync(ConnectRequest request, CancellationToken cancellationToken);
}
