using System.Net;
using System.Text.Json.Nodes;
using NUnit.Framework;

namespace Connector.Tests.Sandbox;

/// <summary>The sandbox serves what real Connect does: conversations of every request and case, asset dates at the top level, consistent usage data.</summary>
[TestFixture]
[Category("Sandbox")]
public sealed class SandboxRealShapeTests : SandboxFixtureBase
{
    /// <summary>Every seeded request and case has exactly one conversation, found by <c>instance_id</c>.</summary>
    [TestCase("requests")]
    [TestCase("cases")]
    public void Every_seeded_request_and_case_has_its_conversation(string collection)
    {
        var instances = Sandbox.Store.Query("conversations").Select(c => (string)c["instance_id"]!).ToList();
        foreach (var record in Sandbox.Store.Query(collection))
        {
            Assert.That(instances.Count(i => i == (string)record["id"]!), Is.EqualTo(1), (string?)record["id"]);
        }
    }

    /// <summary>A created request and a created case get their conversation, and a message can be posted to it.</summary>
    [Test]
    public async Task Created_requests_and_cases_get_a_conversation_to_post_to()
    {
        var asset = Take("assets", "eq(status,active)");
        var (createdRequest, request) = await Client.PostAsync("requests", JsonNode.Parse($$$"""{"type":"change","asset":{"id":"{{{asset}}}"}}"""));
        Assert.That(createdRequest.StatusCode, Is.EqualTo(HttpStatusCode.Created), request?.ToJsonString());
        var product = (string)Record("assets", asset)["product"]!["id"]!;
        var (createdCase, helpdeskCase) = await Client.PostAsync("helpdesk/cases", JsonNode.Parse($$$"""{"subject":"Help","description":"Please","product":{"id":"{{{product}}}"}}"""));
        Assert.That(createdCase.StatusCode, Is.EqualTo(HttpStatusCode.Created), helpdeskCase?.ToJsonString());
        foreach (var instance in new[] { (string)request!["id"]!, (string)helpdeskCase!["id"]! })
        {
            var (_, conversations) = await Client.GetAsync("conversations?instance_id=" + instance);
            Assert.That(conversations!.AsArray(), Has.Count.EqualTo(1), instance);
            var conversation = (string)conversations.AsArray()[0]!["id"]!;
            var (posted, message) = await Client.PostAsync($"conversations/{conversation}/messages", JsonNode.Parse("""{"text":"Any news?"}"""));
            Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Created), message?.ToJsonString());
            var (_, messages) = await Client.GetAsync($"conversations/{conversation}/messages");
            Assert.That(messages!.AsArray().Select(m => (string?)m!["text"]), Has.Member("Any news?"));
        }
    }

    /// <summary>Assets carry <c>created</c>/<c>updated</c> at the top level, so the documented <c>created</c> filter and ordering work.</summary>
    [Test]
    public async Task Assets_filter_and_order_by_created()
    {
        var (_, all) = await Client.GetAsync("assets?limit=1000");
        var created = all!.AsArray().Select(a => (string)a!["created"]!).ToList();
        Assert.That(all.AsArray().Select(a => (string?)a!["updated"]), Is.All.Not.Null);
        var middle = created.Order(StringComparer.Ordinal).ElementAt(created.Count / 2);
        var (_, later) = await Client.GetAsync($"assets?gt(created,{middle})&ordering(-created)&limit=1000");
        var laterCreated = later!.AsArray().Select(a => (string)a!["created"]!).ToList();
        Assert.That(laterCreated, Is.EqualTo(created.Where(c => string.CompareOrdinal(c, middle) > 0).OrderDescending(StringComparer.Ordinal)));
        Assert.That(laterCreated, Is.Not.Empty.And.Count.LessThan(created.Count));
    }

    /// <summary>Usage records report on assets and items of their usage file's product.</summary>
    [Test]
    public void Usage_records_belong_to_their_files_product()
    {
        foreach (var record in Sandbox.Store.Query("usage_records"))
        {
            var file = Record("usage_files", (string)record["usagefile"]!["id"]!);
            var product = (string)file["product"]!["id"]!;
            Assert.That((string?)Record("assets", (string)record["asset"]!["id"]!)["product"]!["id"], Is.EqualTo(product), (string?)record["id"]);
            Assert.That((string?)record["product_id"], Is.EqualTo(product));
            Assert.That((string?)record["item"]!["id"], Does.StartWith(product + "-"));
        }
    }
}
