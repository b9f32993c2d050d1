namespace Connector.Operations.Http;

/// <summary>
/// An answer of the Connect API (<see cref="ConnectHttpClient.SendAsync"/> hands out only 2xx ones).
/// <see cref="Body"/> is the network stream itself, nothing is buffered: read it once and dispose the response.
/// </summary>
internal sealed class ConnectResponse : IDisposable, IAsyncDisposable
{
    private readonly IDisposable? _owner;
    private int _disposed;

    /// <summary>Creates a response.</summary>
    /// <param name="statusCode">The numeric HTTP status as received (the response does not check it is 2xx).</param>
    /// <param name="headers">Response and content headers, raw values, case-insensitive names.</param>
    /// <param name="body">The body stream; disposed with the response.</param>
    /// <param name="owner">Something else to dispose with the response (the HTTP content), or null.</param>
    public ConnectResponse(int statusCode, IReadOnlyDictionary<string, string> headers, Stream body, IDisposable? owner = null)
    {
        StatusCode = statusCode;
        Headers = headers;
        Body = body;
        _owner = owner;
    }

    /// <summary>The numeric HTTP status; 2xx for every response <see cref="ConnectHttpClient.SendAsync"/> hands out.</summary>
    public int StatusCode { get; }

    /// <summary>Every response and content header (raw values; repeated headers joined with ", ").</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The body as a forward-only stream. Owned by this response.</summary>
    public Stream Body { get; }

    /// <summary>The raw Content-Type header, e.g. <c>application/json</c>, or null.</summary>
    public string? ContentType => Header("Content-Type");

    /// <summary>The raw Content-Range header of a list, e.g. <c>items 0-99/2345</c>, or null.</summary>
    public string? ContentRange => Header("Content-Range");

    /// <summary>The raw Retry-After header, or null.</summary>
    public string? RetryAfter => Header("Retry-After");

    /// <summary>The value of one header, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>Disposes the body (closing the connection if it was not read to the end).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Body.Dispose();
        _owner?.Dispose();
    }

    /// <summary>Disposes the body asynchronously.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await Body.DisposeAsync().ConfigureAwait(false);
        _owner?.Dispose();
    }

    /// <summary>Whether the response was disposed (used by tests and the retry logic).</summary>
    internal bool IsDisposed => Volatile.Read(ref _disposed) != 0;
}
