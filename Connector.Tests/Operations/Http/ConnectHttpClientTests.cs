using Connector.Operations.Http;
using NUnit.Framework;

namespace Connector.Tests.Operations.Http;

[TestFixture]
public sealed class ConnectHttpClientTests
{
    private LoopbackConnectServer _server = null!;

    [SetUp]
    public async Task StartServer() => _server = await LoopbackConnectServer.StartAsync();

    [TearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    [TestCase(HttpTestSupport.ApiKey)]
    [TestCase("ApiKey " + HttpTestSupport.ApiKey)]
    [TestCase("  apikey   " + HttpTestSupport.ApiKey + "  ")]
    public async Task Sends_the_api_key_with_exactly_one_prefix(string configuredKey)
    {
        using var client = new ConnectHttpClient(HttpTestSupport.Settings(_server.BaseUrl, apiKey: configuredKey));

        using (await client.SendAsync(new ConnectRequest(HttpMethod.Get, "assets"), CancellationToken.None))
        {
        }

        Assert.That(_server.Received.Single().Header("Authorization"), Is.EqualTo("ApiKey " + HttpTestSupport.ApiKey));
    }

    [Test]
    public async Task Sends_user_agent_and_accept()
    {
        using var client = new ConnectHttpClient(HttpTestSupport.Settings(_server.BaseUrl));

        using (await client.SendAsync(new ConnectRequest(HttpMethod.Get, "assets"), CancellationToken.None))
        {
        }

        var received = _server.Received.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(received.Header("User-Agent"), Does.Match(@"^CloudBlueConnectConnector/\S+ \(\+\.NET \d+\.\d+\.\d+\)$"));
            Assert.That(received.Header("Accept"), Is.EqualTo("application/json"));
        }
    }

    [Test]
    public async Task Accept_can_be_overridden_for_downloads()
    {
        using var client = new ConnectHttpClient(HttpTestSupport.Settings(_server.BaseUrl));

        using (await client.SendAsync(new ConnectRequest(HttpMethod.Get, "usage/chunks/UC-1/download") { Accept = "*/*" }, CancellationToken.None))
        {
        }

        Assert.That(_server.Received.Single().Header("Accept"), Is.EqualTo("*/*"));
    }

    /// <summary>
    /// Connect URL-decodes the whole query before it parses RQL, so a query arrives intact when its decoded text is
    /// the one sent. The transport builds the target through <see cref="Uri"/>, which may change the form of an escape
    /// (<c>"</c> travels as <c>%22</c>, <c>%41</c> as <c>A</c>) but never its meaning; reserved escapes stay escaped.
    /// </summary>
    [TestCase("and(eq(name,\"a,b\"),in(x,(1,2)))&limit=10")]
    [TestCase("and(eq(name,%22a,b%22),in(x,(1,2)))&ordering(-created)&limit=100&offset=0")]
    [TestCase("like(name,*Acme%20Inc*)&eq(email,a+b@x.io)&ilike(t,%41%2C%28%26%3D)&select(-items)")]
    public async Task Query_arrives_with_the_same_decoded_text(string query)
    {
        using var client = new ConnectHttpClient(HttpTestSupport.Settings(_server.BaseUrl));

        using (await client.SendAsync(new ConnectRequest(HttpMethod.Get, "assets", query), CancellationToken.None))
        {
        }

        var target = _server.Received.Single().RawTarget;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(target, Does.StartWith("/public/v1/assets?"));
            Assert.That(Uri.UnescapeDataString(target["/public/v1/assets?".Length..]), Is.EqualTo(Uri.UnescapeDataString(query)));
            Assert.That(target, Does.Not.Contain("\"").And.Not.Contain(" "));
            if (query.Contains("%2C%28%26%3D", StringComparison.Ordinal))
            {
                Assert.That(target, Does.Contain("%2C%28%26%3D"), "reserved characters stay escaped");
            }
        }
    }

    /// <summary>A dry run shows the target the live transport sends, escapes included.</summary>
    [TestCase("and(eq(name,\"a,b\"),in(x,(1,2)))&limit=10")]
    [TestCase("like(name,*Acme%20Inc*)&eq(email,a+b@x.io)&ilike(t,%41%2C%28%26%3D)&select(-items)")]
    [TestCase("eq(name,\"Acme, Inc. #1 é\")")]
    public async Task A_dry_run_shows_the_target_that_is_sent(string query)
    {
        var request = new ConnectRequest(HttpMethod.Get, "assets", query);
        using var client = new ConnectHttpClient(HttpTestSupport.Settings(_server.BaseUrl));
        using (await client.SendAsync(request, CancellationToken.None))
        {
        }

        using var dryRun = new DryRunConnectTransport(_server.BaseUrl);
        var shown = await HttpTestSupport.ThrowsAsync<DryRunInterceptedException>(() => dryRun.SendAsync(request, CancellationToken.None));

        Assert.That(shown.Url, Is.EqualTo(_server.BaseUrl.GetLeftPart(UriPartial.Authority) + _server.Received.Single().RawTarget));
    }

    [Test]
    public async Task Characters_that_cannot_travel_are_encoded()
    {
        using var client = new ConnectHttpClient(HttpTestSupport.Settings(_server.BaseUrl));

        using (await client.SendAsync(new ConnectRequest(HttpMethod.Get, "assets", "eq(name,\"Acme, Inc. #1 é\")"), CancellationToken.None))
        {
        }

        Assert.That(_server.Received.Single().RawTarget, Is.EqualTo("/public/v1/assets?eq(name,%22Acme,%20Inc.%20%231%20%C3%A9%22)"));
    }

    [TestCase("/public/v1", "assets/AS-1")]
    [TestCase("/public/v1/", "/assets/AS-1")]
    public async Task Joins_base_url_and_path(string basePath, string path)
    {
        var baseUrl = new Uri(_server.BaseUrl.GetLeftPart(UriPartial.Authority) + basePath);
        using var client = new ConnectHttpClient(HttpTestSupport.Settings(baseUrl));

        using (await client.SendAsync(new ConnectRequest(HttpMethod.Get, path), CancellationToken.None))
        {
        }

        Assert.That(_server.Received.Single().RawTarget, Is.EqualTo("/public/v1/assets/AS-1"));
    }

    [Test]
    public async Task Exposes_status_and_list_headers()
    {
        _server.Enqueue(ServerBehaviour.Json(200, "[{\"id\":\"AS-1\"}]", ("Content-Range", "items 0-0/1")));
        using var client = new ConnectHttpClient(HttpTestSupport.Settings(_server.BaseUrl));

        using var response = await client.SendAsync(new ConnectRequest(HttpMethod.Get, "assets", "limit=1"), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(200));
            Assert.That(response.ContentRange, Is.EqualTo("items 0-0/1"));
            Assert.That(response.ContentType, Is.EqualTo("application/json"));
            Assert.That(await HttpTestSupport.ReadAllTextAsync(response), Is.EqualTo("[{\"id\":\"AS-1\"}]"));
        }
    }

    [Test]
    public async Task Streams_a_large_body_before_the_server_has_finished_writing_it()
    {
        const int chunk = 1024 * 1024;
        const int chunks = 20;
        var clientHasResponse = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.Enqueue(new ServerBehaviour
        {
            Writer = async context =>
            {
                var buffer = new byte[chunk];
                Array.Fill(buffer, (byte)'x');
                await context.Response.Body.WriteAsync(buffer, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                // The rest is written only once the client holds the response: a buffering client would never get it.
                await clientHasResponse.Task.WaitAsync(TimeSpan.FromSeconds(15), context.RequestAborted);
                for (var i = 1; i < chunks; i++)
                {
                    await context.Response.Body.WriteAsync(buffer, context.RequestAborted);
                }
            },
        });
        using var client = new ConnectHttpClient(HttpTestSupport.Settings(_server.BaseUrl));
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        using var response = await client.SendAsync(new ConnectRequest(HttpMethod.Get, "usage/chunks/UC-1/download"), cancel.Token);
        clientHasResponse.SetResult();
        long total = 0;
        var readBuffer = new byte[81920];
        int read;
        while ((read = await response.Body.ReadAsync(readBuffer, cancel.Token)) > 0)
        {
            total += read;
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Body, Is.Not.InstanceOf<MemoryStream>());
            Assert.That(total, Is.EqualTo((long)chunk * chunks));
        }
    }

    [Test]
    public async Task Sends_json_bytes()
    {
        using var client = new ConnectHttpClient(HttpTestSupport.Settings(_server.BaseUrl));
        var body = ConnectRequestBody.Json("{\"reason\":\"x\"}"u8.ToArray());

        using (await client.SendAsync(new ConnectRequest(HttpMethod.Post, "requests/PR-1/fail", body: body), CancellationToken.None))
        {
        }

        var received = _server.Received.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(received.Method, Is.EqualTo("POST"));
            Assert.That(received.Header("Content-Type"), Is.EqualTo("application/json"));
            Assert.That(received.BodyText, Is.EqualTo("{\"reason\":\"x\"}"));
        }
    }

    [Test]
    public async Task Sends_the_json_body_again_on_retry()
    {
        _server.Enqueue(ServerBehaviour.Empty(503));
        using var client = new ConnectHttpClient(HttpTestSupport.Settings(_server.BaseUrl));
        var body = ConnectRequestBody.Json("{\"name\":\"n\"}"u8.ToArray());

        using (await client.SendAsync(new ConnectRequest(HttpMethod.Put, "tier/accounts/TA-1", body: body), CancellationToken.None))
        {
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(_server.Received.Select(r => r.BodyText), Is.EqualTo(new[] { "{\"name\":\"n\"}", "{\"name\":\"n\"}" }));
            Assert.That(_server.Received.Select(r => r.Method), Is.All.EqualTo("PUT"));
        }
    }

    [Test]
    public async Task Sends_a_multipart_upload_with_fields()
    {
        _server.Enqueue(ServerBehaviour.Empty(429, ("Retry-After", "0")));
        using var client = new ConnectHttpClient(HttpTestSupport.Settings(_server.BaseUrl));
        var file = new ConnectFilePart("usage_file", "usage.xlsx", () => new MemoryStream("PK-fake-xlsx"u8.ToArray()), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var body = ConnectRequestBody.Multipart(file, [new("upload_note", "March usage")]);

        using (await client.SendAsync(new ConnectRequest(HttpMethod.Post, "usage/files/UF-1/upload", body: body), CancellationToken.None))
        {
        }

        Assert.That(_server.Received, Has.Count.EqualTo(2), "a 429 is retried even for POST");
        var received = _server.Received[1];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(received.Header("Content-Type"), Does.StartWith("multipart/form-data"));
            Assert.That(received.BodyText, Does.Contain("name=\"usage_file\"; filename=\"usage.xlsx\""));
            Assert.That(received.BodyText, Does.Contain("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
            Assert.That(received.BodyText, Does.Contain("PK-fake-xlsx"));
            Assert.That(received.BodyText, Does.Contain("name=\"upload_note\""));
            Assert.That(received.BodyText, Does.Contain("March usage"));
        }
    }

    [Test]
    public async Task Can_be_used_concurrently()
    {
        using var client = new ConnectHttpClient(HttpTestSupport.Settings(_server.BaseUrl));

        var texts = await Task.WhenAll(Enumerable.Range(0, 16).Select(async i =>
        {
            using var response = await client.SendAsync(new ConnectRequest(HttpMethod.Get, $"assets/AS-{i}"), CancellationToken.None);
            return await HttpTestSupport.ReadAllTextAsync(response);
        }));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(texts, Is.All.EqualTo("[]"));
            Assert.That(_server.Received.Select(r => r.RawTarget), Is.EquivalentTo(Enumerable.Range(0, 16).Select(i => $"/public/v1/assets/AS-{i}")));
        }
    }

    [Test]
    public void Refuses_a_path_with_a_query()
    {
        Assert.Throws<ArgumentException>(() => _ = new ConnectRequest(HttpMethod.Get, "assets?limit=1"));
    }

    [Test]
    public void Post_is_not_idempotent_by_default_and_the_others_are()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(new ConnectRequest(HttpMethod.Post, "x").Idempotent, Is.False);
            Assert.That(new ConnectRequest(HttpMethod.Get, "x").Idempotent, Is.True);
            Assert.That(new ConnectRequest(HttpMethod.Put, "x").Idempotent, Is.True);
            Assert.That(new ConnectRequest(HttpMethod.Delete, "x").Idempotent, Is.True);
        }
    }

    [Test]
    public void Encoding_keeps_existing_percent_sequences()
    {
        Assert.That(ConnectRequest.EncodeUnsafe("a%20b c\t#ü"), Is.EqualTo("a%20b%20c%09%23%C3%BC"));
    }
}
