using System.Net.Http.Headers;
using Connector.Sandbox;

namespace Connector.Benchmarks.Baseline;

/// <summary>
/// The baseline: what a hand-written client would do with nothing but <see cref="HttpClient"/> and System.Text.Json:
/// one pooled client, <c>Authorization: ApiKey ...</c>, the exact request target, bodies streamed from the connection.
/// </summary>
internal sealed class RawConnectClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _base;

    public RawConnectClient(Uri baseUrl)
    {
        BaseUrl = baseUrl;
        _base = baseUrl.AbsoluteUri.TrimEnd('/') + "/";
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = TimeSpan.FromMinutes(5),
        };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", SandboxOptions.DefaultApiKey);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    /// <summary>The base URL the client was made for.</summary>
    public Uri BaseUrl { get; }

    public HttpClient Http => _http;

    /// <summary>An absolute target for a path relative to the base URL (and an optional raw query), kept byte for byte.</summary>
    public Uri Target(string relativePath, string? query = null) =>
        new(_base + relativePath.TrimStart('/') + (string.IsNullOrEmpty(query) ? string.Empty : "?" + query), new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });

    /// <summary>POSTs a JSON body, sent as given, to a path relative to the base URL (the answer read whole, as <see cref="HttpClient.PostAsync(Uri, HttpContent, CancellationToken)"/> does); the caller disposes the answer.</summary>
    public async Task<HttpResponseMessage> PostJsonAsync(string relativePath, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        using var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return await _http.PostAsync(Target(relativePath), content, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _http.Dispose();
}
