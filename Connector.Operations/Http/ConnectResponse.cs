namespace Connector.Operations.Http;

/// <summary>
/// An answer of the Connect API (<see cref="ConnectHttpClient.SendAsync"/> hands out only 2xx ones).
/// <see cref="Body"/> is the network stream itself, nothing is buffered: read it once and dispose the response.
/// </summary>
internal sealed class ConnectResponse : IDisposable, IAsyncDisposable
{
    private readonly IDisposable? _owner;
    private readonly HttpResponseMessage? _message;
    private IReadOnlyDictionary<string, string>? _headers;
    private int _disposed;

    /// <summary>Creates a response.</summary>
    /// <param name="statusCode">The numeric HTTP status as received (the response does not check it is 2xx).</param>
    /// <param name="headers">Response and content headers, raw values, case-insensitive names.</param>
    /// <param name="body">The body stream; disposed with the response.</param>
    /// <param name="owner">Something else to dispose with the response (the HTTP content), or null.</param>
    public ConnectResponse(int statusCode, IReadOnlyDictionary<string, string> headers, Stream body, IDisposable? owner = null)
    {
        StatusCode = statusCode;
        _headers = headers;
        Body = body;
        _owner = owner;
    }

    /// <summary>Creates a response whose headers are read from <paramref name="message"/> when asked for (one lookup each, no copy).</summary>
    /// <param name="message">The HTTP answer; disposed with the response.</param>
    /// <param name="body">The body stream; disposed with the response.</param>
    public ConnectResponse(HttpResponseMessage message, Stream body)
    {
        StatusCode = (int)message.StatusCode;
        Body = body;
        _message = message;
        _owner = message;
    }

    /// <summary>The numeric HTTP status; 2xx for every response <see cref="ConnectHttpClient.SendAsync"/> hands out.</summary>
    public int StatusCode { get; }

    /// <summary>Every response and content header (raw values; repeated headers joined with ", ").</summary>
    public IReadOnlyDictionary<string, string> Headers => _headers ??= AllHeaders(_message!);

    /// <summary>The body as a forward-only stream. Owned by this response.</summary>
    public Stream Body { get; }

    /// <summary>The raw Content-Type header, e.g. <c>application/json</c>, or null.</summary>
    public string? ContentType => Header("Content-Type");

    /// <summary>The raw Content-Range header of a list, e.g. <c>items 0-99/2345</c>, or null.</summary>
    public string? ContentRange => Header("Content-Range");

    /// <summary>The raw Retry-After header, or null.</summary>
    public string? RetryAfter => Header("Retry-After");

    /// <summary>The value of one header, or null.</summary>
    public string? Header(string name)
    {
        if (_headers is not null || _message is null)
        {
            return Headers.TryGetValue(name, out var value) ? value : null;
        }

        return _message.Headers.NonValidated.TryGetValues(name, out var values) || _message.Content.Headers.NonValidated.TryGetValues(name, out values)
            ? Joined(values)
            : null;
    }

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

    /// <summary>Response and content headers by name (raw values; repeated headers joined with ", ").</summary>
    private static Dictionary<string, string> AllHeaders(HttpResponseMessage message)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in message.Headers.NonValidated)
        {
            headers[header.Key] = Joined(header.Value);
        }

        foreach (var header in message.Content.Headers.NonValidated)
        {
            headers[header.Key] = Joined(header.Value);
        }

        return headers;
    }

    /// <summary>A header's raw value: repeated ones joined with ", ".</summary>
    private static string Joined(System.Net.Http.Headers.HeaderStringValues values) =>
        values.Count == 1 ? values.ToString() : string.Join(", ", values);
}
