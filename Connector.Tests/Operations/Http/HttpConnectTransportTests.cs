using Connector.Operations.Http;
using NUnit.Framework;

namespace Connector.Tests.Operations.Http;

/// <summary>
/// How the transport keeps each request cheap without changing what reaches the server: a JSON exchange goes straight
/// to the HTTP client, to the very target RestSharp resolves and with the headers it sends; forms and downloads go
/// through RestSharp, set up with a base URL ending in '/' (it then resolves a target without building the base
/// again); the constant headers are the HTTP client's raw defaults rather than RestSharp parameters.
/// </summary>
[TestFixture]
public sealed class HttpConnectTransportTests
{
    private LoopbackConnectServer _server = null!;

    [SetUp]
    public async Task StartServer() => _server = await LoopbackConnectServer.StartAsync();

    [TearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    [Test]
    public async Task Targets_resolve_against_the_base_url_with_a_trailing_slash_and_arrive_under_it()
    {
        var settings = HttpTestSupport.Settings(_server.BaseUrl);
        using var transport = new HttpConnectTransport(settings.Validate());
        using var client = new ConnectHttpClient(settings, transport, null, null);

        using (await client.SendAsync(new ConnectRequest(HttpMethod.Post, "requests/PR-1/approve", body: ConnectRequestBody.Json("{}"u8.ToArray())), CancellationToken.None))
        {
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(_server.BaseUrl.AbsoluteUri, Does.Not.EndWith("/"), "the settings keep the URL as typed");
            Assert.That(transport.RestSharp.Options.BaseUrl!.AbsoluteUri, Is.EqualTo(_server.BaseUrl.AbsoluteUri + "/"));
            Assert.That(_server.Received.Single().RawTarget, Is.EqualTo("/public/v1/requests/PR-1/approve"));
        }
    }

    /// <summary>Relative targets as the operations write them: ids, RQL with quotes, spaces, unicode, escapes and punctuation, selects, paging.</summary>
    private static readonly (string Path, string? Query)[] Targets =
    [
        ("requests/PR-0042-0000-0001-001/approve", null),
        ("/assets/AS-1", null),
        ("requests", "and(eq(status,pending),ilike(asset.product.name,*Cloud*))&limit=100&offset=200"),
        ("requests", "eq(asset.tiers.customer.name,\"ACME Corp\")&ordering=-created"),
        ("tier/accounts", "eq(name,M%C3%BCller%20GmbH)&select(-events,-hub)"),
        ("products/PRD-1/items", "in(id,(PRD-1-0001,PRD-1-0002))&limit=10"),
        ("usage/records", "eq(usage_file.id,UF-2026-01)&gt(amount,1.5e3)&limit=1000"),
        ("helpdesk/cases", "like(subject,*a+b=c;d*)&ne(state,closed)"),
        ("conversations/CO-1/messages", "eq(text,Grüße 100% “quoted” #1)"),
        ("subscriptions/assets", "eq(id,AS-1)&eq(params.id,a|b)&eq(x,[1]){}^`"),
        ("listings", "eq(contract.marketplace.name,Tilde~Back\\slash)"),
    ];

    private static IEnumerable<TestCaseData> TargetCases() =>
        from baseUrl in new[] { "http://127.0.0.1:5000/public/v1", "http://127.0.0.1:5000/public/v1/", "https://api.cnct.example/public/v1", "http://127.0.0.1:5000" }
        from target in Targets
        select new TestCaseData(baseUrl, target.Path, target.Query);

    [TestCaseSource(nameof(TargetCases))]
    public void A_json_exchange_is_sent_to_the_target_restsharp_resolves(string baseUrl, string path, string? query)
    {
        using var transport = new HttpConnectTransport(HttpTestSupport.Settings(new Uri(baseUrl)).Validate());
        var request = new ConnectRequest(HttpMethod.Get, path, query);

        var direct = transport.DirectTarget(request);
        var restSharp = transport.RestSharp.TargetOf(request);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(direct.AbsoluteUri, Is.EqualTo(restSharp.AbsoluteUri));
            Assert.That(direct.PathAndQuery, Is.EqualTo(restSharp.PathAndQuery), "the request line");
            Assert.That(direct.Host + ":" + direct.Port, Is.EqualTo(restSharp.Host + ":" + restSharp.Port));
        }
    }

    [Test]
    public void Json_exchanges_go_straight_to_the_http_client_and_forms_and_downloads_through_restsharp()
    {
        var file = new ConnectFilePart("usage_file", "usage.xlsx", () => new MemoryStream([1]), "application/octet-stream");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(HttpConnectTransport.SentDirectly(new ConnectRequest(HttpMethod.Get, "assets")), Is.True, "a read or a search");
            Assert.That(HttpConnectTransport.SentDirectly(new ConnectRequest(HttpMethod.Post, "requests/PR-1/approve", body: ConnectRequestBody.Json("{}"u8.ToArray()))), Is.True, "an action");
            Assert.That(HttpConnectTransport.SentDirectly(new ConnectRequest(HttpMethod.Delete, "assets/AS-1")), Is.True, "a delete");
            Assert.That(HttpConnectTransport.SentDirectly(new ConnectRequest(HttpMethod.Post, "usage/files/UF-1/upload", body: ConnectRequestBody.Multipart(file))), Is.False, "a form with a file part");
            Assert.That(HttpConnectTransport.SentDirectly(new ConnectRequest(HttpMethod.Get, "usage/files/UF-1/usage") { Accept = "*/*" }), Is.False, "a file download");
        }
    }

    [Test]
    public async Task A_json_body_sent_directly_arrives_as_restsharp_sent_it_and_a_download_through_restsharp_made_on_demand_carries_the_same_headers()
    {
        var settings = HttpTestSupport.Settings(_server.BaseUrl);
        using var transport = new HttpConnectTransport(settings.Validate());
        using var client = new ConnectHttpClient(settings, transport, null, null);
        var body = "{\"template_id\":\"TL-1\",\"note\":\"Grüße\"}"u8.ToArray();
        _server.Enqueue(ServerBehaviour.Json(200, "{}"), ServerBehaviour.Json(200, "{}"), new ServerBehaviour { Status = 200, Body = [1, 2, 3], Headers = new Dictionary<string, string> { ["Content-Type"] = "application/octet-stream" } });

        using (await client.SendAsync(new ConnectRequest(HttpMethod.Post, "requests/PR-1/approve", body: ConnectRequestBody.Json(body.AsMemory(0, body.Length))), CancellationToken.None))
        {
        }

        using (await client.SendAsync(new ConnectRequest(HttpMethod.Put, "requests/PR-1", body: ConnectRequestBody.Json(new ReadOnlyMemory<byte>([.. "xx"u8, .. body], 2, body.Length))), CancellationToken.None))
        {
        }

        var restSharpForJson = transport.RestSharpMade;
        using (await client.SendAsync(new ConnectRequest(HttpMethod.Get, "usage/files/UF-1/usage") { Accept = "*/*" }, CancellationToken.None))
        {
        }

        var received = _server.Received;
        Assert.That((restSharpForJson, transport.RestSharpMade), Is.EqualTo((false, true)), "the RestSharp client is made for the first download, not for JSON exchanges");
        using (Assert.EnterMultipleScope())
        {
            foreach (var sent in received.Take(2))
            {
                Assert.That(sent.Body, Is.EqualTo(body), "the caller's bytes, a slice of a larger array included");
                Assert.That(sent.Header("Content-Type"), Is.EqualTo("application/json"));
                Assert.That(sent.Header("Content-Length"), Is.EqualTo(body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                Assert.That(sent.Header("Accept"), Is.EqualTo("application/json"));
            }

            Assert.That(received.Select(r => r.Method + " " + r.RawTarget), Is.EqualTo(new[] { "POST /public/v1/requests/PR-1/approve", "PUT /public/v1/requests/PR-1", "GET /public/v1/usage/files/UF-1/usage" }));
            Assert.That(received[2].Header("Accept"), Is.EqualTo("*/*"));
            foreach (var sent in received)
            {
                Assert.That(sent.Header("Authorization"), Is.EqualTo("ApiKey " + HttpTestSupport.ApiKey));
                Assert.That(sent.Header("User-Agent"), Is.EqualTo(ConnectUserAgent.Value));
                Assert.That(sent.Header("Accept-Encoding"), Is.EqualTo("gzip, deflate, br"));
                Assert.That(sent.Header("Cookie"), Is.Empty);
            }
        }
    }

    [TestCase("http://127.0.0.1:5000/public/v1", "http://127.0.0.1:5000/public/v1/")]
    [TestCase("http://127.0.0.1:5000/public/v1/", "http://127.0.0.1:5000/public/v1/")]
    [TestCase("http://127.0.0.1:5000", "http://127.0.0.1:5000/")]
    public void The_target_base_ends_in_exactly_one_slash(string baseUrl, string expected) =>
        Assert.That(HttpConnectTransport.TargetBase(new Uri(baseUrl)).AbsoluteUri, Is.EqualTo(expected));

    [Test]
    public async Task Constant_headers_come_once_from_the_http_clients_defaults()
    {
        var settings = HttpTestSupport.Settings(_server.BaseUrl);
        using var transport = new HttpConnectTransport(settings.Validate());
        using var client = new ConnectHttpClient(settings, transport, null, null);

        for (var i = 0; i < 2; i++)
        {
            using (await client.SendAsync(new ConnectRequest(HttpMethod.Get, "assets"), CancellationToken.None))
            {
            }
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(transport.RestSharp.HasDefaultHeaders, Is.False, "RestSharp adds no header parameter to every request");
            foreach (var received in _server.Received)
            {
                Assert.That(received.Header("Authorization"), Is.EqualTo("ApiKey " + HttpTestSupport.ApiKey));
                Assert.That(received.Header("Accept-Encoding"), Is.EqualTo("gzip, deflate, br"));
                Assert.That(received.Header("User-Agent"), Is.EqualTo(ConnectUserAgent.Value));
                Assert.That(received.Header("Accept"), Is.EqualTo("application/json"));
            }
        }
    }
}
