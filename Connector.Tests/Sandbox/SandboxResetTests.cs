using System.Net;
using System.Text.Json.Nodes;
using Connector.Sandbox;
using NUnit.Framework;

namespace Connector.Tests.Sandbox;

/// <summary>
/// <c>POST /_sandbox/reset</c> (<see cref="SandboxStore.Reset"/>): after writes of every kind, the data is what a
/// fresh sandbox with the same options serves, record for record, while the request log and faults stay.
/// </summary>
[TestFixture]
[Category("Sandbox")]
public sealed class SandboxResetTests : SandboxFixtureBase
{
    private static readonly SandboxOptions SmallWorld = new() { RecordsPerType = 40 };

    /// <inheritdoc/>
    protected override SandboxOptions Options => SmallWorld;

    [Test]
    public async Task After_writes_of_every_kind_a_reset_serves_the_data_of_a_fresh_sandbox()
    {
        var pending = Take("requests", "eq(status,pending)");
        var account = Take("tier_accounts");
        var deleted = Take("tier_accounts");
        var conversation = Take("conversations");
        var product = (string)Sandbox.Store.Query("products", "limit=1")[0]["id"]!;
        Assert.That(Sandbox.Store.Get("requests", pending), Is.Not.Null, "a seeded record read (cached as generated) before it changes");

        await Expect(HttpStatusCode.OK, HttpMethod.Post, $"requests/{pending}/approve", new JsonObject { ["template_id"] = Template });
        await Expect(HttpStatusCode.OK, HttpMethod.Put, $"tier/accounts/{account}", new JsonObject { ["name"] = "Renamed before the reset" });
        await Expect(HttpStatusCode.NoContent, HttpMethod.Delete, $"tier/accounts/{deleted}");
        await Expect(HttpStatusCode.Created, HttpMethod.Post, $"conversations/{conversation}/messages", new JsonObject { ["text"] = "Posted before the reset" });
        var created = await Expect(HttpStatusCode.Created, HttpMethod.Post, "helpdesk/cases", CaseBody(product));
        var casesBefore = Sandbox.Store.Count("cases");

        Sandbox.Store.Reset();

        await using var fresh = await ConnectSandbox.StartAsync(SmallWorld);
        foreach (var collection in Sandbox.Store.Collections)
        {
            Assert.That(Texts(Sandbox.Store, collection), Is.EqualTo(Texts(fresh.Store, collection)), $"{collection} after the reset");
        }

        Assert.That(Sandbox.Store.Count("cases"), Is.EqualTo(casesBefore - 1));
        using var freshClient = new SandboxClient(fresh);
        Assert.That(await Texts(Client, $"tier/accounts/{account}/versions"), Is.EqualTo(await Texts(freshClient, $"tier/accounts/{account}/versions")), "the version the update added is gone");
        var again = await Expect(HttpStatusCode.Created, HttpMethod.Post, "helpdesk/cases", CaseBody(product));
        Assert.That((string?)again["id"], Is.EqualTo((string?)created["id"]), "the first record created after a reset gets the id the first one after the start got");
    }

    [Test]
    public async Task A_reset_keeps_the_request_log_and_the_faults()
    {
        using var admin = new HttpClient { BaseAddress = new Uri(Sandbox.BaseUrl, "/") };
        using (var added = await admin.PostAsync("_sandbox/faults", new StringContent("""{"kind":"TooManyRequests","pathPrefix":"/public/v1/never-matched"}""", System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        using ((await Client.GetAsync("assets?limit=1")).Response)
        {
            // Logged, as every API request is.
        }

        var logged = Sandbox.RequestLog.Count;
        Assert.That(logged, Is.Positive);

        using (var reset = await admin.PostAsync("_sandbox/reset", null))
        {
            Assert.That(reset.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        Assert.That(Sandbox.Faults.Rules.Select(r => r.PathPrefix), Is.EqualTo(new[] { "/public/v1/never-matched" }));
        Assert.That(Sandbox.RequestLog.Count, Is.EqualTo(logged), "the log still holds the API requests made before the reset");
    }

    private static JsonObject CaseBody(string product) => new()
    {
        ["subject"] = "Created before the reset",
        ["description"] = "It broke",
        ["priority"] = 2,
        ["type"] = "technical",
        ["product"] = new JsonObject { ["id"] = product },
    };

    private static List<string> Texts(SandboxStore store, string collection) =>
        store.Query(collection).Select(r => r.ToJsonString()).ToList();

    private static async Task<string> Texts(SandboxClient client, string relative)
    {
        var (response, json) = await client.GetAsync(relative);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), relative);
        return json!.ToJsonString();
    }

    private async Task<JsonObject> Expect(HttpStatusCode status, HttpMethod method, string relative, JsonObject? body = null)
    {
        var (response, json) = await Client.JsonAsync(method, relative, body);
        using (response)
        {
            Assert.That(response.StatusCode, Is.EqualTo(status), $"{method} {relative}: {json?.ToJsonString()}");
        }

        return json as JsonObject ?? [];
    }
}
