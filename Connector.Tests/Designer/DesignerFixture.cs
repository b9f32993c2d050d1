using System.Net.Http.Headers;
using System.Text;
using Connector.Core.Descriptors;
using Connector.Designer;
using Connector.Designer.Security;
using Connector.Operations;
using Connector.Sandbox;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Connector.Tests.Designer;

/// <summary>A sandbox, the Connect connector over it and a designer server over both, for one fixture.</summary>
public abstract class DesignerFixture
{
    /// <summary>The running sandbox.</summary>
    protected ConnectSandbox Sandbox { get; private set; } = null!;

    /// <summary>The running designer.</summary>
    protected DesignerServer Server { get; private set; } = null!;

    /// <summary>A client that sends the token.</summary>
    protected HttpClient Api { get; private set; } = null!;

    private ConnectConnector connector = null!;

    [OneTimeSetUp]
    public async Task StartDesignerAsync()
    {
        Sandbox = await ConnectSandbox.StartAsync(new SandboxOptions { Seed = 42, RecordsPerType = 40 });
        connector = new ConnectConnector(await DescriptorLoader.LoadAsync(TestPaths.Descriptor, CancellationToken.None));
        Server = await DesignerServer.StartAsync(new DesignerOptions
        {
            Connector = connector,
            ConnectionProperties = new Dictionary<string, string?>
            {
                ["url"] = Sandbox.BaseUrl.ToString(),
                ["apiKey"] = SandboxOptions.DefaultApiKey,
            },
            ConnectionDescription = "test sandbox at " + Sandbox.BaseUrl,
        });
        Api = new HttpClient { BaseAddress = Server.Address };
        Api.DefaultRequestHeaders.Add(RequestGuard.TokenHeader, Server.Token);
    }

    [OneTimeTearDown]
    public async Task StopDesignerAsync()
    {
        Api.Dispose();
        await Server.DisposeAsync();
        connector.Dispose();
        await Sandbox.DisposeAsync();
    }

    /// <summary>The ids of the pending requests, in the sandbox's default order.</summary>
    protected IReadOnlyList<string> PendingRequestIds() =>
        Sandbox.Store.Query("requests", "eq(status,pending)").Select(r => (string)r["id"]!).ToList();

    /// <summary>GETs JSON with the token.</summary>
    protected async Task<JToken> GetJsonAsync(string path)
    {
        using var response = await Api.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), text);
        return JToken.Parse(text);
    }

    /// <summary>POSTs NDJSON with the token and returns the status and the body text.</summary>
    protected async Task<(int Status, string Body)> PostNdjsonAsync(string path, string ndjson)
    {
        using var content = new StringContent(ndjson, Encoding.UTF8, new MediaTypeHeaderValue("application/x-ndjson"));
        using var response = await Api.PostAsync(path, content);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The records a designer query run streams for <paramref name="objectType"/> (at most <paramref name="max"/>).</summary>
    protected async Task<List<JObject>> QueryRecordsAsync(string objectType, int max)
    {
        var (status, body) = await PostAsync("api/query/run", new JObject { ["type"] = objectType, ["max"] = max });
        Assert.That(status, Is.EqualTo(200), body);
        var records = body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(JObject.Parse).Where(l => l["record"] is JObject).Select(l => (JObject)l["record"]!).ToList();
        Assert.That(records, Is.Not.Empty, body);
        return records;
    }

    /// <summary>POSTs JSON with the token and returns the status and the body text.</summary>
    protected async Task<(int Status, string Body)> PostAsync(string path, JObject body)
    {
        using var content = new StringContent(body.ToString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        using var response = await Api.PostAsync(path, content);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
