using System.Net.Http.Headers;

namespace Connector.Operations.Http;

/// <summary>
/// Sends requests over ONE <see cref="HttpClient"/> and <see cref="SocketsHttpHandler"/> per connection, which the
/// connector owns and configures: pooled connections recycled every few minutes (DNS changes are seen), a connect
/// timeout, no redirects, no cookies, and no automatic decompression (the answer body is decoded by
/// <see cref="DecodedAnswerStream"/>, which bounds its size, ratio and read time while streaming).
/// </summary>
/// <remarks>
/// <para>A JSON exchange (a JSON body or none, a JSON answer: every read, search, create, update and action) goes
/// straight to the client (<see cref="SentDirectly"/>): the target is the base URL ending in '/' and the relative
/// target as written (its query string is kept as text; <see cref="Uri"/> only normalises escapes the server decodes
/// anyway, such as <c>"</c> to <c>%22</c>), the body the caller's bytes. A multipart form with a streamed file part and
/// a file download go through RestSharp over the same client (<see cref="RestSharpExchange"/>, made when first
/// needed). Either way the answer is streamed from the connection, this transport owns and disposes the message with
/// the answer, and transport failures surface as exceptions.</para>
/// <para>TLS certificate validation is left to the platform (no callback is installed). Redirects are not followed,
/// so the Authorization header never goes to another host. Neither client has a timeout of its own:
/// <see cref="ConnectAttemptSender"/> cancels each attempt after <see cref="ConnectionSettings.RequestTimeout"/> (until the
/// headers), the body stream after <see cref="ConnectionSettings.BodyIdleTimeout"/> without bytes or
/// <see cref="ConnectionSettings.BodyTimeout"/> in all.</para>
/// </remarks>
internal sealed class HttpConnectTransport : IConnectTransport
{
    private readonly HttpClient _http;
    private readonly string _targetBase;
    private readonly AnswerBodyLimits _jsonLimits;
    private readonly AnswerBodyLimits _downloadLimits;
    private readonly TimeProvider _time;
    private readonly Lazy<RestSharpExchange> _restSharp;

    /// <summary>Creates the transport; <paramref name="settings"/> must be valid.</summary>
    public HttpConnectTransport(ConnectionSettings settings, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var baseUrl = settings.BaseUrl ?? throw new ArgumentException("BaseUrl is required", nameof(settings));
        Origin = baseUrl.GetLeftPart(UriPartial.Authority);
        (_jsonLimits, _downloadLimits) = AnswerBodyLimits.From(settings);
        _time = timeProvider ?? TimeProvider.System;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            UseCookies = false,
            ConnectTimeout = settings.RequestTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
        };
        _http = new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        AddConstantHeaders(_http.DefaultRequestHeaders, settings.ApiKey);
        var targetBaseUrl = TargetBase(baseUrl);
        _targetBase = targetBaseUrl.AbsoluteUri;
        _restSharp = new Lazy<RestSharpExchange>(() => new RestSharpExchange(_http, targetBaseUrl));
    }

    /// <inheritdoc />
    public string Origin { get; }

    /// <summary>RestSharp's part, made when a form or a download is first sent: a command that sends neither never loads RestSharp.</summary>
    internal RestSharpExchange RestSharp => _restSharp.Value;

    /// <summary>Whether <see cref="RestSharp"/> was made.</summary>
    internal bool RestSharpMade => _restSharp.IsValueCreated;

    /// <inheritdoc />
    public async Task<ConnectResponse> SendAsync(ConnectRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        HttpResponseMessage? message = null;
        Stream? raw;
        try
        {
            if (SentDirectly(request))
            {
                // Sent from this method's own frame, not another async method's: one asynchronous layer less per request.
                using var outgoing = JsonMessage(request);
                message = await _http.SendAsync(outgoing, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                raw = await message.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                (message, raw) = await RestSharp.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            message?.Dispose();
            throw TransportFailureException.From(e);
        }
        catch
        {
            message?.Dispose();
            throw;
        }

        return Answer(request, message, raw);
    }

    /// <summary>
    /// Whether a request goes straight to the <see cref="HttpClient"/>: a JSON exchange (a JSON body or none, a JSON
    /// answer). RestSharp sends the forms with a file part and the file downloads; for a JSON exchange it would only
    /// add its fixed work per request (the target parsed twice, a cookie container, headers grouped again), about a third
    /// of the connector's own client time per APPROVE when it sent them. Both reach the server byte for byte alike.
    /// </summary>
    internal static bool SentDirectly(ConnectRequest request) =>
        request.Accept == ConnectRequest.JsonMediaType && request.Body is null or ConnectRequestBody.JsonBytes;

    /// <summary>The absolute target of a request sent directly: the one RestSharp resolves for it (<see cref="Target"/>).</summary>
    internal Uri DirectTarget(ConnectRequest request) => Target(_targetBase, request);

    /// <summary>
    /// The absolute target of a request: the text of <see cref="TargetBase"/> (ending in '/'), then the relative target
    /// as written (it never starts with '/'), through <see cref="Uri"/>, which may normalise an escape (<c>"</c> as
    /// <c>%22</c>) but not its meaning. What this transport sends and what a dry run describes.
    /// </summary>
    internal static Uri Target(string targetBase, ConnectRequest request) => new(targetBase + request.RelativeTarget);

    /// <summary>
    /// The message of a request sent directly. Its Accept is the client's default (<see cref="ConnectRequest.JsonMediaType"/>,
    /// the only one a request sent directly has), so the message carries no header collection of its own; RestSharp's
    /// requests name their Accept, which the default does not replace.
    /// </summary>
    private HttpRequestMessage JsonMessage(ConnectRequest request)
    {
        var message = new HttpRequestMessage(request.Method, DirectTarget(request));
        if (request.Body is ConnectRequestBody.JsonBytes json)
        {
            message.Content = new ReadOnlyMemoryContent(json.Content);
            message.Content.Headers.TryAddWithoutValidation("Content-Type", ConnectRequest.JsonMediaType);
        }

        return message;
    }

    /// <summary>The answer of an attempt: its message (owned from here on) and its body, metered and decoded.</summary>
    private ConnectResponse Answer(ConnectRequest request, HttpResponseMessage? message, Stream? raw)
    {
        if (message is null || raw is null)
        {
            message?.Dispose();
            raw?.Dispose();
            throw TransportFailureException.From(new IOException("the connection ended without an answer"));
        }

        try
        {
            var content = message.Content;
            var limits = request.Accept == ConnectRequest.JsonMediaType ? _jsonLimits : _downloadLimits;
            var body = DecodedAnswerStream.Open(raw, content.Headers.ContentEncoding, content.Headers.ContentLength, limits, _time);
            return new ConnectResponse(message, body);
        }
        catch
        {
            message.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (RestSharpMade)
        {
            _restSharp.Value.Dispose();
        }

        _http.Dispose();
    }

    /// <summary>
    /// The base URL with a trailing '/': RestSharp then resolves a relative target against it as it is, where a base
    /// without one costs it another <see cref="Uri"/> (the base plus '/') on every request; the target is the same.
    /// </summary>
    internal static Uri TargetBase(Uri baseUrl) =>
        baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");

    /// <summary>
    /// The headers every request carries (and the Accept of a JSON exchange, which a request that names its own Accept
    /// replaces), as raw text in the <see cref="HttpClient"/>'s defaults: the client copies a raw value into each request
    /// as it is, where a parsed value (an <see cref="AuthenticationHeaderValue"/>, each
    /// Accept-Encoding entry) is cloned per request, and RestSharp would add its User-Agent as a parameter of every
    /// request and group it again. The API key's text is checked printable by the settings' validation.
    /// </summary>
    private static void AddConstantHeaders(HttpRequestHeaders headers, string? apiKey)
    {
        headers.TryAddWithoutValidation("Authorization", ApiKeyHeader.Format(apiKey ?? string.Empty));
        headers.TryAddWithoutValidation("Accept", ConnectRequest.JsonMediaType);
        headers.TryAddWithoutValidation("Accept-Encoding", "gzip, deflate, br");
        headers.TryAddWithoutValidation("User-Agent", ConnectUserAgent.Value);
    }
}
