using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Connector.Sandbox;

namespace Connector.Tests.Sandbox;

/// <summary>A raw HTTP client of a sandbox for the tests (the connector's own client is tested elsewhere).</summary>
internal sealed class SandboxClient : IDisposable
{
    private readonly HttpClient http;

    public SandboxClient(ConnectSandbox sandbox, string? apiKey = SandboxOptions.DefaultApiKey)
    {
        http = new HttpClient { BaseAddress = new Uri(sandbox.BaseUrl + "/") };
        if (apiKey is not null)
        {
            http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "ApiKey " + apiKey);
        }
    }

    public HttpClient Http => http;

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string relative, JsonNode? body = null)
    {
        var request = new HttpRequestMessage(method, relative.TrimStart('/'));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        return http.SendAsync(request);
    }

    public async Task<(HttpResponseMessage Response, JsonNode? Json)> JsonAsync(HttpMethod method, string relative, JsonNode? body = null)
    {
        var response = await SendAsync(method, relative, body).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        return (response, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public Task<(HttpResponseMessage Response, JsonNode? Json)> GetAsync(string relative) => JsonAsync(HttpMethod.Get, relative);

    public Task<(HttpResponseMessage Response, JsonNode? Json)> PostAsync(string relative, JsonNode? body = null) => JsonAsync(HttpMethod.Post, relative, body);

    public async Task<HttpResponseMessage> PostFileAsync(string relative, string part, byte[] content, IDictionary<string, string>? fields = null)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(file, part, "usage.xlsx");
        foreach (var (key, value) in fields ?? new Dictionary<string, string>())
        {
            form.Add(new StringContent(value), key);
        }

        return await http.PostAsync(relative.TrimStart('/'), form).ConfigureAwait(false);
    }

    public static string? ContentRange(HttpResponseMessage response) =>
        response.Content.Headers.TryGetValues("Content-Range", out var values) || response.Headers.TryGetValues("Content-Range", out values)
            ? values.FirstOrDefault()
            : null;

    public void Dispose() => http.Dispose();
}
