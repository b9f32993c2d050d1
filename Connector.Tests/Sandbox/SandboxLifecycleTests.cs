using System.Net;
using System.Text.Json.Nodes;
using NUnit.Framework;

namespace Connector.Tests.Sandbox;

/// <summary>State machines of requests, tier config requests, tier account requests, helpdesk cases and usage files.</summary>
[TestFixture]
[Category("Sandbox")]
public sealed class SandboxLifecycleTests : SandboxFixtureBase
{
    private static JsonObject Body(string json) => JsonNode.Parse(json)!.AsObject();

    private async Task<JsonNode> OkAsync(string path, string? body = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var (response, json) = await Client.PostAsync(path, body is null ? null : Body(body));
        Assert.That(response.StatusCode, Is.EqualTo(expected), json?.ToJsonString());
        return json!;
    }

    private async Task<JsonNode> RefusedAsync(string path, string? body, string code)
    {
        var (response, json) = await Client.PostAsync(path, body is null ? null : Body(body));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), json?.ToJsonString());
        Assert.That(response.Content.Headers.ContentType?.ToString(), Is.EqualTo("application/json"));
        Assert.That((string?)json!["error_code"], Is.EqualTo(code));
        return json;
    }

    /// <summary>draft -purchase-> pending -inquire-> inquiring -pend-> pending -approve-> approved; approved is final.</summary>
    [Test]
    public async Task Request_full_cycle()
    {
        var id = Take("requests", "eq(status,draft)");
        Assert.That((string?)(await OkAsync($"requests/{id}/purchase"))["status"], Is.EqualTo("pending"));
        Assert.That((string?)(await OkAsync($"requests/{id}/inquire", $$"""{"template_id":"{{Template}}"}"""))["status"], Is.EqualTo("inquiring"));
        Assert.That((string?)(await OkAsync($"requests/{id}/pend"))["status"], Is.EqualTo("pending"));
        Assert.That((string?)(await OkAsync($"requests/{id}/assign", """{"email":"me@example.com"}"""))["assignee"], Is.EqualTo("me@example.com"));
        Assert.That((string?)(await OkAsync($"requests/{id}/unassign"))["assignee"], Is.Empty);
        await RefusedAsync($"requests/{id}/approve", "{}", "VAL_001");
        var approved = await OkAsync($"requests/{id}/approve", """{"activation_tile":"Welcome!"}""");
        Assert.That((string?)approved["status"], Is.EqualTo("approved"));
        Assert.That((string?)approved["activation_key"], Is.EqualTo("Welcome!"));
        Assert.That((string?)Record("requests", id)["status"], Is.EqualTo("approved"));
        Assert.That(JsonNode.DeepEquals(approved, Record("requests", id)), Is.True, "the answer of an action is the record as stored");
        var refused = await RefusedAsync($"requests/{id}/fail", """{"reason":"late"}""", "REQ_003");
        Assert.That((string?)refused["errors"]![0], Does.Contain("pending or inquiring"));
        await RefusedAsync($"requests/{id}/pend", null, "REQ_003");
    }

    /// <summary>fail needs a reason; from inquiring it is allowed.</summary>
    [Test]
    public async Task Request_fail_needs_reason()
    {
        var id = Take("requests", "eq(status,inquiring)");
        var missing = await RefusedAsync($"requests/{id}/fail", "{}", "VAL_001");
        Assert.That((string?)missing["errors"]![0], Does.StartWith("reason: "));
        Assert.That((string?)(await OkAsync($"requests/{id}/fail", """{"reason":"out of stock"}"""))["status"], Is.EqualTo("failed"));
        await RefusedAsync($"requests/{Take("requests", "eq(status,pending)")}/purchase", null, "REQ_003");
    }

    /// <summary>A created purchase request is pending (draft when asked) and points at a new processing asset; approve activates it.</summary>
    [Test]
    public async Task Created_request_points_at_new_asset()
    {
        var product = Take("products");
        var created = await OkAsync("requests", """{"type":"purchase","status":"draft","asset":{"external_id":"X-1","product":{"id":"PRODUCT"}}}""".Replace("PRODUCT", product, StringComparison.Ordinal), HttpStatusCode.Created);
        Assert.That((string?)created["id"], Does.Match(@"^PR-\d{4}-\d{4}-\d{4}-001$"));
        Assert.That((string?)created["status"], Is.EqualTo("draft"));
        var assetId = (string)created["asset"]!["id"]!;
        Assert.That((string?)Record("assets", assetId)["status"], Is.EqualTo("processing"));
        Assert.That((string?)Record("assets", assetId)["external_id"], Is.EqualTo("X-1"));
        await OkAsync($"requests/{created["id"]}/purchase");
        await OkAsync($"requests/{created["id"]}/approve", $$"""{"template_id":"{{Template}}"}""");
        Assert.That((string?)Record("assets", assetId)["status"], Is.EqualTo("active"));
        await RefusedAsync("requests", """{"type":"change","asset":{"id":"AS-9999-9999-9999"}}""", "VAL_001");
    }

    /// <summary>Tier config request actions answer 204 without body; approve answers {template, effective_date}.</summary>
    [Test]
    public async Task Tier_config_request_cycle()
    {
        var id = Take("tier_config_requests", "eq(status,pending)");
        using (var inquire = await Client.SendAsync(HttpMethod.Post, $"tier/config-requests/{id}/inquire"))
        {
            Assert.That(inquire.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(await inquire.Content.ReadAsByteArrayAsync(), Is.Empty);
        }

        Assert.That((string?)Record("tier_config_requests", id)["status"], Is.EqualTo("inquiring"));
        await RefusedAsync($"tier/config-requests/{id}/approve", $$$"""{"template":{"id":"{{{Template}}}"}}""", "TC_003");
        using (var pend = await Client.SendAsync(HttpMethod.Post, $"tier/config-requests/{id}/pend"))
        {
            Assert.That(pend.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        await RefusedAsync($"tier/config-requests/{id}/approve", "{}", "VAL_001");
        var approved = await OkAsync($"tier/config-requests/{id}/approve", $$$"""{"template":{"id":"{{{Template}}}"}}""");
        Assert.That((string?)approved["template"]!["id"], Is.EqualTo(Template));
        Assert.That((string?)approved["effective_date"], Is.Not.Empty);
        Assert.That((string?)Record("tier_config_requests", id)["status"], Is.EqualTo("approved"));
        await RefusedAsync($"tier/config-requests/{id}/fail", """{"reason":"x"}""", "TC_003");
    }

    /// <summary>Tier account request: pending -accept-> accepted; ignore needs pending and a reason.</summary>
    [Test]
    public async Task Tier_account_request_cycle()
    {
        var id = Take("tier_account_requests", "eq(status,pending)");
        Assert.That((string?)(await OkAsync($"tier/account-requests/{id}/accept"))["status"], Is.EqualTo("accepted"));
        await RefusedAsync($"tier/account-requests/{id}/ignore", """{"reason":"x"}""", "TAR_003");
        var other = Take("tier_account_requests", "eq(status,pending)");
        await RefusedAsync($"tier/account-requests/{other}/ignore", "{}", "VAL_001");
        Assert.That((string?)(await OkAsync($"tier/account-requests/{other}/ignore", """{"reason":"dup"}"""))["status"], Is.EqualTo("ignored"));
    }

    /// <summary>Tier account create, update (new version), delete.</summary>
    [Test]
    public async Task Tier_account_create_update_delete()
    {
        await RefusedAsync("tier/accounts", """{"contact_info":{}}""", "VAL_001");
        var created = await OkAsync("tier/accounts", """{"name":"Fresh, Ltd.","external_id":"F-1","contact_info":{"city":"Oslo","country":"NO"}}""", HttpStatusCode.Created);
        var id = (string)created["id"]!;
        Assert.That(id, Does.StartWith("TA-"));
        var (put, updated) = await Client.JsonAsync(HttpMethod.Put, "tier/accounts/" + id, Body("""{"name":"Fresh, Ltd. (renamed)"}"""));
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((int?)updated!["version"], Is.EqualTo(2));
        var (_, versions) = await Client.GetAsync($"tier/accounts/{id}/versions");
        Assert.That(versions!.AsArray().Select(v => (string?)v!["name"]), Does.Contain("Fresh, Ltd. (renamed)"));
        using var deleted = await Client.SendAsync(HttpMethod.Delete, "tier/accounts/" + id);
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        var (gone, _) = await Client.GetAsync("tier/accounts/" + id);
        Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    /// <summary>Helpdesk case: pending -inquire-> inquiring -pend-> pending -resolve-> resolved -close-> closed.</summary>
    [Test]
    public async Task Case_cycle()
    {
        var created = await OkAsync("helpdesk/cases", """{"subject":"Broken","description":"Nothing works","priority":1}""", HttpStatusCode.Created);
        var id = (string)created["id"]!;
        Assert.That((string?)created["state"], Is.EqualTo("pending"));
        await RefusedAsync($"helpdesk/cases/{id}/close", null, "HD_003");
        Assert.That((string?)(await OkAsync($"helpdesk/cases/{id}/inquire"))["state"], Is.EqualTo("inquiring"));
        Assert.That((string?)(await OkAsync($"helpdesk/cases/{id}/pend"))["state"], Is.EqualTo("pending"));
        Assert.That((string?)(await OkAsync($"helpdesk/cases/{id}/resolve"))["state"], Is.EqualTo("resolved"));
        await RefusedAsync($"helpdesk/cases/{id}/close", """{"rating":9}""", "VAL_001");
        var closed = await OkAsync($"helpdesk/cases/{id}/close", """{"rating":4,"feedback":"fine"}""");
        Assert.That((string?)closed["state"], Is.EqualTo("closed"));
        Assert.That((int?)closed["rating"], Is.EqualTo(4));
        await RefusedAsync("helpdesk/cases", """{"subject":"x"}""", "VAL_001");
    }

    /// <summary>Usage file: ready -submit-> pending -accept-> accepted -close-> closed; reject needs a note; delete and reprocess states.</summary>
    [Test]
    public async Task Usage_file_cycle()
    {
        var id = Take("usage_files", "eq(status,ready)");
        await RefusedAsync($"usage/files/{id}/accept", null, "UF_003");
        Assert.That((string?)(await OkAsync($"usage/files/{id}/submit"))["status"], Is.EqualTo("pending"));
        await RefusedAsync($"usage/files/{id}/delete", null, "UF_003");
        await RefusedAsync($"usage/files/{id}/reject", "{}", "VAL_001");
        Assert.That((string?)(await OkAsync($"usage/files/{id}/accept", """{"acceptance_note":"ok"}"""))["status"], Is.EqualTo("accepted"));
        var closed = await OkAsync($"usage/files/{id}/close");
        Assert.That((string?)closed["status"], Is.EqualTo("closed"));
        Assert.That((string?)closed["events"]!["closed"]!["at"], Is.Not.Empty);

        var rejected = Take("usage_files", "eq(status,pending)");
        Assert.That((string?)(await OkAsync($"usage/files/{rejected}/reject", """{"rejection_note":"no"}"""))["status"], Is.EqualTo("rejected"));
        Assert.That((string?)(await OkAsync($"usage/files/{rejected}/reprocess"))["status"], Is.EqualTo("ready"));
        var deleted = await OkAsync($"usage/files/{rejected}/delete");
        Assert.That((string?)deleted["status"], Is.EqualTo("deleted"));
        await RefusedAsync($"usage/files/{Take("usage_files", "eq(status,closed)")}/reprocess", null, "UF_003");
    }

    /// <summary>Messages can be posted to a conversation and listed.</summary>
    [Test]
    public async Task Conversation_messages()
    {
        var conversation = Take("conversations");
        var created = await OkAsync($"conversations/{conversation}/messages", """{"text":"Ping"}""", HttpStatusCode.Created);
        Assert.That((string?)created["id"], Does.StartWith("ML-"));
        var (_, messages) = await Client.GetAsync($"conversations/{conversation}/messages");
        Assert.That(messages!.AsArray().Select(m => (string?)m!["text"]), Does.Contain("Ping"));
        Assert.That(messages.AsArray(), Has.Count.EqualTo(3));
    }
}
