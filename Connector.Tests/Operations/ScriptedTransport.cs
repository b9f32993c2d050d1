using System.Collections.Concurrent;
using System.Text;
using Connector.Browse.Catalog;
using Connector.Core.Contexts;
using Connector.Core.Descriptors;
using Connector.Operations.Http;

namespace Connector.Tests.Operations;

/// <summary>An HTTP seam for operation unit tests: answers each request with a scripted response and records what was sent.</summary>
internal sealed class ScriptedTransport(Func<ConnectRequest, ScriptedAnswer> answer) : IConnectTransport
{
    public ConcurrentQueue<SentRequest> Sent { get; } = new();

    public string Origin => "http://127.0.0.1:9";

    public static ConnectionSettings Settings => Http.HttpTestSupport.Defaults(new Uri("http://127.0.0.1:9/public/v1"), "SU-000-000-000:unit-test-secret") with
    {
        MaxRetries = 2,
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        RetryMaxDelay = TimeSpan.FromMilliseconds(5),
    };

    public ConnectHttpClient Client() => new(Settings, this, null, null);

    public async Task<ConnectResponse> SendAsync(ConnectRequest request, CancellationToken cancellationToken)
    {
        string? body = null;
        switch (request.Body)
        {
            case ConnectRequestBody.JsonBytes bytes:
                body = Encoding.UTF8.GetString(bytes.Content.Span);
                break;
            case ConnectRequestBody.MultipartForm form:
                await using (var file = form.File.OpenStream())
                {
                    // Counted, not copied: upload tests measure what the connector itself allocates.
                    var length = await CountBytesAsync(file, cancellationToken);
                    body = $"multipart {form.File.PartName}={form.File.FileName} ({length} bytes); " + string.Join("; ", form.Fields.Select(f => f.Key + "=" + f.Value));
                }

                break;
        }

        Sent.Enqueue(new SentRequest(request.Method.Method, "/" + request.Path, request.Query, body));
        var scripted = answer(request);
        var headers = new Dictionary<string, string>(scripted.Headers, StringComparer.OrdinalIgnoreCase);
        headers.TryAdd("Content-Type", "application/json");
        return new ConnectResponse(scripted.Status, headers, new MemoryStream(Encoding.UTF8.GetBytes(scripted.Body)));
    }

    public void Dispose()
    {
    }

    private static async Task<long> CountBytesAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
        }

        return total;
    }
}

internal sealed record SentRequest(string Method, string Path, string? Query, string? Body);

internal sealed record ScriptedAnswer(int Status, string Body, IReadOnlyDictionary<string, string> Headers)
{
    public static ScriptedAnswer Json(int status, string body) => new(status, body, new Dictionary<string, string>());

    public static ScriptedAnswer Page(IEnumerable<string> records, long first, long total)
    {
        var list = records.ToList();
        var last = list.Count == 0 ? first : first + list.Count - 1;
        return new ScriptedAnswer(200, "[" + string.Join(",", list) + "]", new Dictionary<string, string> { ["Content-Range"] = $"items {first}-{last}/{total}" });
    }
}

/// <summary>Builds contexts from the shipped descriptor for unit tests.</summary>
internal static class OperationTestContexts
{
    private static readonly Lazy<Task<ConnectorDescriptor>> Descriptor = new(() => DescriptorLoader.LoadAsync(TestPaths.Descriptor, CancellationToken.None));
    private static readonly Lazy<Task<CatalogStore>> Store = new(async () => new CatalogStore(await Descriptor.Value.ConfigureAwait(false)));

    /// <summary>The catalogue store of the descriptor the contexts use (one for the test run, as a connector owns one).</summary>
    public static Task<CatalogStore> StoreAsync() => Store.Value;

    public static async Task<OperationContext> CreateAsync(string objectType, string operation, Dictionary<string, string?>? properties = null) =>
        OperationContext.Create(
            await Descriptor.Value,
            objectType,
            operation,
            new Dictionary<string, string?> { ["url"] = "http://127.0.0.1:9/public/v1", ["apiKey"] = "SU-000-000-000:unit-test-secret" },
            properties);
}
