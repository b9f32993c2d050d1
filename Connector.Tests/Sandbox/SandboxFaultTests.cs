using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connector.Sandbox;
using NUnit.Framework;

namespace Connector.Tests.Sandbox;

/// <summary>Fault injection (every kind, Nth/Count/Fraction, options and admin endpoint) and the request log.</summary>
[TestFixture]
[Category("Sandbox")]
[NonParallelizable]
public sealed class SandboxFaultTests : SandboxFixtureBase
{
    /// <summary>Every test starts without faults and with an empty log.</summary>
    [SetUp]
    public void Reset()
    {
        Sandbox.Faults.Clear();
        Sandbox.RequestLog.Clear();
    }

    /// <summary>429 carries Retry-After and a Connect error body; the next call succeeds (Count 1).</summary>
    [Test]
    public async Task Too_many_requests_with_retry_after()
    {
        Sandbox.Faults.Add(new FaultRule { Kind = FaultKind.TooManyRequests, PathPrefix = "/public/v1/assets", RetryAfter = "3" });
        using var first = await Client.SendAsync(HttpMethod.Get, "assets");
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(first.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(3)));
        Assert.That(first.Content.Headers.ContentType?.ToString(), Is.EqualTo("application/json"));
        using var second = await Client.SendAsync(HttpMethod.Get, "assets");
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Sandbox.RequestLog.Entries.Select(e => e.Status), Is.EqualTo(new[] { 429, 200 }));
    }

    /// <summary>Retry-After in HTTP-date form on a 503.</summary>
    [Test]
    public async Task Service_unavailable_with_http_date()
    {
        var date = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Sandbox.Faults.Add(new FaultRule { Kind = FaultKind.ServiceUnavailable503, RetryAfter = date.ToString("R") });
        using var response = await Client.SendAsync(HttpMethod.Get, "products");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(response.Headers.RetryAfter?.Date, Is.EqualTo(date));
    }

    /// <summary>The rule fires on the Nth matching request, Count times; other methods/paths are not counted.</summary>
    [Test]
    public async Task Nth_and_count()
    {
        Sandbox.Faults.Add(new FaultRule { Kind = FaultKind.ServerError500, Method = "GET", PathPrefix = "/public/v1/requests", Nth = 2, Count = 2 });
        var statuses = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            using var other = await Client.SendAsync(HttpMethod.Get, "assets?limit=1");
            Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            using var response = await Client.SendAsync(HttpMethod.Get, "requests?limit=1");
            statuses.Add((int)response.StatusCode);
        }

        Assert.That(statuses, Is.EqualTo(new[] { 200, 500, 500, 200, 200 }));
    }

    /// <summary>502 and 500 bodies.</summary>
    [Test]
    public async Task Gateway_and_server_errors()
    {
        Sandbox.Faults.Add(new FaultRule { Kind = FaultKind.BadGateway502 });
        using var gateway = await Client.SendAsync(HttpMethod.Get, "assets");
        Assert.That(gateway.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Sandbox.Faults.Add(new FaultRule { Kind = FaultKind.ServerError500 });
        var (server, json) = await Client.GetAsync("assets");
        Assert.That(server.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That((string?)json!["error_code"], Is.Not.Empty);
    }

    /// <summary>Latency delays then answers normally.</summary>
    [Test]
    public async Task Latency_then_normal_answer()
    {
        Sandbox.Faults.Add(new FaultRule { Kind = FaultKind.Latency, Delay = TimeSpan.FromMilliseconds(50) });
        using var response = await Client.SendAsync(HttpMethod.Get, "assets?limit=1");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(SandboxClient.ContentRange(response), Is.EqualTo("items 0-0/40"));
    }

    /// <summary>ResetMidBody aborts the connection after part of the body.</summary>
    [Test]
    public async Task Reset_mid_body_breaks_the_read()
    {
        Sandbox.Faults.Add(new FaultRule { Kind = FaultKind.ResetMidBody });
        Assert.That(async () =>
        {
            using var response = await Client.SendAsync(HttpMethod.Get, "assets?limit=20");
            await response.Content.ReadAsByteArrayAsync();
        }, Throws.InstanceOf<HttpRequestException>().Or.InstanceOf<IOException>());
        using var next = await Client.SendAsync(HttpMethod.Get, "assets?limit=1");
        Assert.That(next.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    /// <summary>TruncatedJson answers 200 with JSON that does not parse.</summary>
    [Test]
    public async Task Truncated_json()
    {
        Sandbox.Faults.Add(new FaultRule { Kind = FaultKind.TruncatedJson });
        using var response = await Client.SendAsync(HttpMethod.Get, "assets?limit=2");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(() => JsonNode.Parse(text), Throws.InstanceOf<JsonException>());
    }

    /// <summary>Missing and wrong Content-Range.</summary>
    [Test]
    public async Task Content_range_faults()
    {
        Sandbox.Faults.Add(new FaultRule { Kind = FaultKind.MissingContentRange });
        using var missing = await Client.SendAsync(HttpMethod.Get, "assets?limit=2");
        Assert.That(SandboxClient.ContentRange(missing), Is.Null);
        Assert.That(JsonNode.Parse(await missing.Content.ReadAsStringAsync())!.AsArray(), Has.Count.EqualTo(2));
        Sandbox.Faults.Add(new FaultRule { Kind = FaultKind.WrongContentRange });
        using var wrong = await Client.SendAsync(HttpMethod.Get, "assets?limit=2");
        Assert.That(SandboxClient.ContentRange(wrong), Is.EqualTo("items 1-2/39"));
    }

    /// <summary>Fraction faults are seeded: a fraction of 1 faults every matching request, 0 none.</summary>
    [Test]
    public async Task Fraction()
    {
        Sandbox.Faults.Add(new FaultRule { Kind = FaultKind.ServerError500, Fraction = 1, Count = 0, PathPrefix = "/public/v1/products" });
        Sandbox.Faults.Add(new FaultRule { Kind = FaultKind.ServerError500, Fraction = 0, Count = 0, PathPrefix = "/public/v1/assets" });
        for (var i = 0; i < 3; i++)
        {
            using var products = await Client.SendAsync(HttpMethod.Get, "products");
            using var assets = await Client.SendAsync(HttpMethod.Get, "assets");
            Assert.That(products.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
            Assert.That(assets.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
    }

    /// <summary>The admin endpoints add and clear faults and read and clear the log.</summary>
    [Test]
    public async Task Admin_endpoints()
    {
        using var admin = new HttpClient { BaseAddress = new Uri(Sandbox.BaseUrl, "/") };
        using var added = await admin.PostAsync("_sandbox/faults", new StringContent("""{"kind":"TooManyRequests","pathPrefix":"/public/v1/assets","retryAfter":"2"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(Sandbox.Faults.Rules.Single().Kind, Is.EqualTo(FaultKind.TooManyRequests));
        using (var limited = await Client.SendAsync(HttpMethod.Get, "assets"))
        {
            Assert.That(limited.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        }

        using (var bad = await admin.PostAsync("_sandbox/faults", new StringContent("""{"kind":"NoSuchKind"}""", System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        }

        using (await admin.DeleteAsync("_sandbox/faults"))
        {
            Assert.That(Sandbox.Faults.Rules, Is.Empty);
        }

        var log = (await admin.GetFromJsonAsync<JsonArray>("_sandbox/requests"))!;
        Assert.That(log!.Select(e => (int?)e!["status"]), Is.EqualTo(new int?[] { 429 }));
        Assert.That((string?)log[0]?["path"], Is.EqualTo("/public/v1/assets"));
        using (await admin.DeleteAsync("_sandbox/requests"))
        {
            Assert.That(Sandbox.RequestLog.Count, Is.Zero);
        }
    }

    /// <summary>The log keeps method, path, the raw (still encoded) query, the body and the status.</summary>
    [Test]
    public async Task Request_log_content()
    {
        using (await Client.SendAsync(HttpMethod.Get, "assets?eq(name,%22A%2C%20B%22)&limit=1"))
        {
        }

        var id = Take("requests", "eq(status,pending)");
        using (await Client.SendAsync(HttpMethod.Post, $"requests/{id}/fail", JsonNode.Parse("""{"reason":"because"}""")))
        {
        }

        var entries = Sandbox.RequestLog.Entries;
        Assert.That(entries, Has.Count.EqualTo(2));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(entries[0].Method, Is.EqualTo("GET"));
            Assert.That(entries[0].RawQuery, Is.EqualTo("eq(name,%22A%2C%20B%22)&limit=1"));
            Assert.That(entries[0].Status, Is.EqualTo(200));
            Assert.That(entries[1].Method, Is.EqualTo("POST"));
            Assert.That(entries[1].Path, Is.EqualTo($"/public/v1/requests/{id}/fail"));
            Assert.That(entries[1].Body, Is.EqualTo("""{"reason":"because"}"""));
            Assert.That(entries[1].Status, Is.EqualTo(200));
        }
    }

    /// <summary>The log is bounded: the oldest entries are dropped.</summary>
    [Test]
    public void Request_log_is_bounded()
    {
        var log = new SandboxRequestLog(3);
        for (var i = 0; i < 5; i++)
        {
            log.Add(new SandboxRequestLogEntry("GET", "/p" + i, string.Empty, string.Empty, 200, DateTimeOffset.UnixEpoch));
        }

        Assert.That(log.Entries.Select(e => e.Path), Is.EqualTo(new[] { "/p2", "/p3", "/p4" }));
    }

    /// <summary>Faults given in the options are active from the start.</summary>
    [Test]
    public async Task Faults_from_options()
    {
        await using var sandbox = await ConnectSandbox.StartAsync(new SandboxOptions
        {
            RecordsPerType = 5,
            Faults = [new FaultRule { Kind = FaultKind.ServiceUnavailable503, Nth = 1 }],
        });
        using var client = new SandboxClient(sandbox);
        using var first = await client.SendAsync(HttpMethod.Get, "assets");
        using var second = await client.SendAsync(HttpMethod.Get, "assets");
        Assert.That((first.StatusCode, second.StatusCode), Is.EqualTo((HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK)));
    }
}
