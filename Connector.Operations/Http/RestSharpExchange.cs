using RestSharp;
using RestSharp.Interceptors;

namespace Connector.Operations.Http;

/// <summary>
/// The requests <see cref="HttpConnectTransport"/> sends with RestSharp: multipart forms with a streamed file part
/// (RestSharp opens the part's stream per attempt and disposes it) and file downloads, streamed with
/// <see cref="RestClient.DownloadStreamAsync"/>. One <see cref="RestClient"/> over the connection's
/// <see cref="HttpClient"/> (the transport owns and disposes it), its requests resolved against the base URL ending
/// in '/', no User-Agent parameter of its own (the constant headers are the client's defaults), its own timeout and
/// redirects off, and an error status an answer to read rather than an exception.
/// </summary>
internal sealed class RestSharpExchange(HttpClient http, Uri targetBase) : IDisposable
{
    private readonly RestClient _client = new(http, new RestClientOptions(targetBase)
    {
        UserAgent = null,
        ThrowOnAnyError = true,
        SetErrorExceptionOnUnsuccessfulStatusCode = false,
        FollowRedirects = false,
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
    }, disposeHttpClient: false);

    /// <summary>The client's options (tests).</summary>
    public ReadOnlyRestClientOptions Options => _client.Options;

    /// <summary>Whether RestSharp adds headers of its own to every request (it should not: they travel as constant defaults).</summary>
    public bool HasDefaultHeaders => _client.DefaultParameters.Any(p => p.Type == ParameterType.HttpHeader);

    /// <summary>The absolute target RestSharp resolves for a request (tests compare it with <see cref="HttpConnectTransport.DirectTarget"/>).</summary>
    public Uri TargetOf(ConnectRequest request) => _client.BuildUri(BuildRequest(request, new AnswerObserver()));

    /// <summary>
    /// Sends one attempt and returns its answer: the message, for the status and headers (the caller owns it from
    /// here on), and its body streaming from the connection. A failure after the message arrived disposes it.
    /// </summary>
    public async Task<(HttpResponseMessage? Message, Stream? Body)> SendAsync(ConnectRequest request, CancellationToken cancellationToken)
    {
        var answer = new AnswerObserver();
        try
        {
            var body = await _client.DownloadStreamAsync(BuildRequest(request, answer), cancellationToken).ConfigureAwait(false);
            return (answer.Message, body);
        }
        catch
        {
            answer.Message?.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    /// <summary>
    /// The RestSharp request for one attempt: the relative target (RestSharp keeps its query text), the Accept header,
    /// and the body: JSON bytes, or a multipart form whose file part RestSharp opens (and disposes) per attempt.
    /// </summary>
    private static RestRequest BuildRequest(ConnectRequest request, AnswerObserver answer)
    {
        var restRequest = new RestRequest(request.RelativeTarget, ToRestMethod(request.Method))
        {
            Interceptors = [answer],
        };
        restRequest.AddHeader("Accept", request.Accept);
        switch (request.Body)
        {
            case ConnectRequestBody.JsonBytes json:
                restRequest.AddBody(json.ToArray(), ContentType.Json);
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

        return restRequest;
    }

    private static Method ToRestMethod(HttpMethod method) => method.Method switch
    {
        "GET" => Method.Get,
        "POST" => Method.Post,
        "PUT" => Method.Put,
        "DELETE" => Method.Delete,
        _ => throw new ArgumentException($"unsupported method {method}", nameof(method)),
    };

    /// <summary>
    /// Keeps the <see cref="HttpResponseMessage"/> RestSharp received, for its status and headers; it changes nothing.
    /// RestSharp's streaming call leaves the message undisposed, so whoever reads <see cref="Message"/> owns it.
    /// </summary>
    private sealed class AnswerObserver : Interceptor
    {
        /// <summary>The answer of the attempt, or null while none has arrived (or when the attempt failed before one).</summary>
        public HttpResponseMessage? Message { get; private set; }

        public override ValueTask AfterHttpRequest(HttpResponseMessage responseMessage, CancellationToken cancellationToken)
        {
            Message = responseMessage;
            return ValueTask.CompletedTask;
        }
    }
}
