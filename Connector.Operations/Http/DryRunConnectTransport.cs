namespace Connector.Operations.Http;

/// <summary>
/// The transport of a connection whose <c>dryRun</c> setting is on: it sends nothing. Each request is turned into a
/// <see cref="DryRunInterceptedException"/> that describes it (method, full URL with the query, body), which the
/// operations report as the document's SUCCESS result with code <see cref="DryRunInterceptedException.Code"/>.
/// The API key is never part of the description: it travels in a header, which is not described.
/// </summary>
internal sealed class DryRunConnectTransport : IConnectTransport
{
    private readonly string _baseTarget;

    /// <summary>Creates the transport for a base URL (e.g. <c>https://api.connect.cloudblue.com/public/v1</c>).</summary>
    public DryRunConnectTransport(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        _baseTarget = HttpConnectTransport.TargetBase(baseUrl).AbsoluteUri;
        Origin = baseUrl.GetLeftPart(UriPartial.Authority);
    }

    /// <inheritdoc />
    public string Origin { get; }

    /// <summary>Never sends: always throws the description of <paramref name="request"/>.</summary>
    /// <exception cref="DryRunInterceptedException">Always.</exception>
    public Task<ConnectResponse> SendAsync(ConnectRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var body = DryRunInterceptedException.DescribeBody(request.Body);
        throw new DryRunInterceptedException(request.Method.Method, WireUrl(request), body);
    }

    /// <summary>
    /// The URL as the live transport puts it on the wire (<see cref="HttpConnectTransport.Target"/>), so an escape
    /// <see cref="Uri"/> normalises (<c>"</c> as <c>%22</c>) shows as it would be sent.
    /// </summary>
    private string WireUrl(ConnectRequest request) => HttpConnectTransport.Target(_baseTarget, request).AbsoluteUri;

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
