using System.Net.Http.Headers;
using RestSharp;
using RestSharp.Interceptors;

namespace Connector.Operations.Http;

/// <summary>
/// Sends requests with ONE RestSharp <see cref="RestClient"/> per connection, over an <see cref="HttpClient"/> and
/// <see cref="SocketsHttpHandler"/> the connector owns and configures: pooled connections recycled every few minutes
/// (DNS changes are seen), a connect timeout, no redirects, no cookies, and no automatic decompression (the answer
/// body is decoded by <see cref="DecodedAnswerStream"/>, which bounds its size, ratio and read time while streaming).
/// </summary>
/// <remarks>
/// <para>RestSharp builds the request (default headers, method, multipart form with streamed file parts). Two things
/// RestSharp does not do are done through its documented hooks:</para>
/// <list type="bullet">
/// <item>Exact request target: System.Uri, which RestSharp uses, rewrites a query (<c>"</c> becomes <c>%22</c>,
/// <c>%41</c> becomes <c>A</c>). A per-request <see cref="Interceptor"/> replaces the request URI by one built with
/// <see cref="UriCreationOptions.DangerousDisablePathAndQueryCanonicalization"/>, so RQL goes out byte for byte.
/// The same hook sets JSON bodies (bytes or a stream opened per attempt) without a string round-trip.</item>
/// <item>Streaming: the request asks for <see cref="HttpCompletionOption.ResponseHeadersRead"/> and an
/// <see cref="RestRequest.AdvancedResponseWriter"/> takes the <see cref="HttpContent"/> away from the
/// <see cref="HttpResponseMessage"/> (RestSharp disposes the message when ExecuteAsync returns). The body is then
/// read straight from the connection by the caller.</item>
/// </list>
/// <para>TLS certificate validation is left to the platform (no callback is installed). Redirects are not followed,
/// so the Authorization header never goes to another host. RestSharp's own timeout is off: the resilience pipeline
/// cancels each attempt after <see cref="ConnectionSettings.RequestTimeout"/> (until the headers), the body stream
/// after <see cref="ConnectionSettings.BodyIdleTimeout"/> without bytes or <see cref="ConnectionSettings.BodyTimeout"/> in all.</para>
/// </remarks>
internal sealed class RestSharpConnectTransport : IConnectTransport
{
    private const string JsonMediaType = "application/json";
    private readonly RestClient _client;
    private readonly string _baseTarget;
    private readonly AnswerBodyLimits _jsonLimits;
    private readonly AnswerBodyLimits _downloadLimits;
    private readonly TimeProvider _time;

    /// <summary>Creates the transport; <paramref name="settings"/> must be valid.</summary>
    public RestSharpConnectTransport(ConnectionSettings settings, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var baseUrl = settings.BaseUrl ?? throw new ArgumentException("BaseUrl is required", nameof(settings));
        _baseTarget = baseUrl.AbsoluteUri.TrimEnd('/') + "/";
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
        var http = new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(ApiKeyHeader.Prefix.TrimEnd(), ApiKeyHeader.StripPrefix(settings.ApiKey));
        foreach (var encoding in new[] { "gzip", "deflate", "br" })
        {
            http.DefaultRequestHeaders.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        }

        var options = new RestClientOptions(baseUrl)
        {
            UserAgent = ConnectUserAgent.Value,
            ThrowOnAnyError = false,
            FollowRedirects = false,
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        _client = new RestClient(http, options, disposeHttpClient: true);
    }

    /// <inheritdoc />
    public string Origin { get; }

    /// <inheritdoc />
    public async Task<ConnectResponse> SendAsync(ConnectRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var target = new Uri(_baseTarget + request.RelativeTarget, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        var restRequest = new RestRequest(request.Path, ToRestMethod(request.Method))
        {
            CompletionOption = HttpCompletionOption.ResponseHeadersRead,
        };
        restRequest.AddHeader("Accept", request.Accept);

        HttpContent? ownBody = null;
        switch (request.Body)
        {
            case ConnectRequestBody.JsonBytes json:
                ownBody = new ReadOnlyMemoryContent(json.Content);
                ownBody.Headers.ContentType = new MediaTypeHeaderValue(JsonMediaType);
                break;
            case ConnectRequestBody.JsonStream json:
                ownBody = new StreamContent(json.OpenStream());
                ownBody.Headers.ContentType = new MediaTypeHeaderValue(JsonMediaType);
                break;
            case ConnectRequestBody.MultipartForm form:
                restRequest.AlwaysMultipartFormData = true;
                restRequest.AddFile(form.File.PartName, form.File.OpenStream, form.File.FileName, form.File.ContentType);
                foreach (var field in form.Fields)
                {
                    restRequest.AddParameter(field.Key, field.Value, ParameterType.GetOrPost);
                }

                break;
        }

        restRequest.Interceptors = [new ExactRequestInterceptor(target, ownBody)];

        HttpResponseMessage? message = null;
        HttpContent? content = null;
        restRequest.AdvancedResponseWriter = (responseMessage, sentRequest) =>
        {
            message = responseMessage;
            content = responseMessage.Content;
            responseMessage.Content = new ByteArrayContent([]);
            return new RestResponse(sentRequest) { StatusCode = responseMessage.StatusCode, ResponseStatus = ResponseStatus.Completed };
        };

        RestResponse restResponse;
        try
        {
            restResponse = await _client.ExecuteAsync(restRequest, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            content?.Dispose();
            throw TransportFailureException.From(e);
        }
        finally
        {
            ownBody?.Dispose();
        }

        if (message is null || content is null)
        {
            content?.Dispose();
            cancellationToken.ThrowIfCancellationRequested();
            throw TransportFailureException.From(restResponse.ErrorException ?? new IOException(restResponse.ErrorMessage ?? "no response"));
        }

        try
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var header in message.Headers.NonValidated)
            {
                headers[header.Key] = string.Join(", ", header.Value);
            }

            foreach (var header in content.Headers.NonValidated)
            {
                headers[header.Key] = string.Join(", ", header.Value);
            }

            var raw = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var limits = request.Accept == ConnectRequest.JsonMediaType ? _jsonLimits : _downloadLimits;
            var body = DecodedAnswerStream.Open(raw, content.Headers.ContentEncoding, content.Headers.ContentLength, limits, _time);
            return new ConnectResponse((int)message.StatusCode, headers, body, content);
        }
        catch
        {
            content.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    private static Method ToRestMethod(HttpMethod method) => method.Method switch
    {
        "GET" => Method.Get,
        "POST" => Method.Post,
        "PUT" => Method.Put,
        "DELETE" => Method.Delete,
        _ => throw new ArgumentException($"unsupported method {method}", nameof(method)),
    };

    /// <summary>Puts the exact target URI (and a JSON body) on the HttpRequestMessage RestSharp built.</summary>
    private sealed class ExactRequestInterceptor(Uri target, HttpContent? body) : Interceptor
    {
        public override ValueTask BeforeHttpRequest(HttpRequestMessage requestMessage, CancellationToken cancellationToken)
        {
            requestMessage.RequestUri = target;
            if (body is not null)
            {
                requestMessage.Content = body;
            }

            return ValueTask.CompletedTask;
        }
    }
}
