using System.Net;
using System.Text.Json.Nodes;
using Connector.Sandbox;
using NUnit.Framework;

namespace Connector.Tests.Sandbox;

/// <summary>Large seeded collections are generated lazily: a million usage records start instantly and serve any page.</summary>
[TestFixture]
[Category("Sandbox")]
public sealed class SandboxScaleTests
{
    /// <summary>1,000,000 usage records (and assets): the last page is served with the right Content-Range.</summary>
    [Test]
    public async Task Million_records_serve_the_last_page()
    {
        await using var sandbox = await ConnectSandbox.StartAsync(new SandboxOptions { RecordsPerType = 50, UsageRecordCount = 1_000_000, AssetCount = 1_000_000 });
        using var client = new SandboxClient(sandbox);
        Assert.That(sandbox.Store.Count("usage_records"), Is.EqualTo(1_000_000));
        var (response, json) = await client.GetAsync("usage/records?limit=1000&offset=999000");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(SandboxClient.ContentRange(response), Is.EqualTo("items 999000-999999/1000000"));
        var page = json!.AsArray();
        Assert.That(page, Has.Count.EqualTo(1000));
        var lastId = (string)page[^1]!["id"]!;
        Assert.That(lastId, Is.EqualTo((string)sandbox.Store.Query("usage_records", "ordering(-id)&limit=1")[0]["id"]!));
        var (single, record) = await client.GetAsync("usage/records/" + lastId);
        Assert.That(single.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(sandbox.Store.Get("assets", (string)record!["asset"]!["id"]!), Is.Not.Null);
        var (assets, assetPage) = await client.GetAsync("assets?limit=1&offset=999999");
        Assert.That(SandboxClient.ContentRange(assets), Is.EqualTo("items 999999-999999/1000000"));
        Assert.That(assetPage!.AsArray(), Has.Count.EqualTo(1));
    }

    /// <summary>
    /// The pages of one filtered, sorted query over a large collection share one result, and every write makes it
    /// stale: a changed and a created record show up in the next page, at their place.
    /// </summary>
    [Test]
    public async Task Pages_of_a_query_share_its_result_until_the_collection_changes()
    {
        await using var sandbox = await ConnectSandbox.StartAsync(new SandboxOptions { RecordsPerType = 20, AssetCount = 60_000 });
        using var client = new SandboxClient(sandbox);
        const string Query = "assets?and(eq(status,suspended),gt(created,2023-06-01))&ordering(-created)";
        var (first, page) = await client.GetAsync(Query + "&limit=5");
        var total = SandboxClient.ContentRange(first)!.Split('/')[1];
        var (_, again) = await client.GetAsync(Query + "&limit=5&offset=0");
        Assert.That(again!.ToJsonString(), Is.EqualTo(page!.ToJsonString()));

        var changed = sandbox.Store.Query("assets", "eq(status,active)&gt(created,2023-06-01)&limit=1")[0];
        changed["status"] = "suspended";
        changed["created"] = "2030-01-01T00:00:00+00:00";
        sandbox.Store.Put("assets", changed);
        var (after, latest) = await client.GetAsync(Query + "&limit=5");
        Assert.That((string?)latest!.AsArray()[0]!["id"], Is.EqualTo((string?)changed["id"]), "the changed record leads the next page");
        Assert.That(SandboxClient.ContentRange(after), Does.EndWith("/" + (int.Parse(total, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var created = sandbox.Store.Put("assets", new JsonObject { ["status"] = "suspended", ["created"] = "2031-01-01T00:00:00+00:00" });
        var (_, newest) = await client.GetAsync(Query + "&limit=5");
        Assert.That((string?)newest!.AsArray()[0]!["id"], Is.EqualTo(created));
    }

    /// <summary>
    /// A filtered, sorted page over 200,000 requests builds only the records it returns: its filter and ordering read
    /// the fields computed from the seed (building every request to test its status allocated gigabytes).
    /// </summary>
    [Test]
    [NonParallelizable]
    public async Task A_filtered_sorted_page_of_a_large_collection_builds_only_its_records()
    {
        await using var sandbox = await ConnectSandbox.StartAsync(new SandboxOptions { RecordsPerType = 200_000 });
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var page = sandbox.Store.Query("requests", "and(eq(status,pending),gt(created,2024-01-01))&ordering(-updated)&limit=100");
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.That(page, Has.Count.EqualTo(100));
        Assert.That(page.Select(r => (string?)r["status"]), Is.All.EqualTo("pending"));
        Assert.That(page.Select(r => (string?)r["updated"]), Is.Ordered.Descending);
        Assert.That(allocated, Is.LessThan(64L * 1024 * 1024), "bytes allocated by the query");
    }

    /// <summary>
    /// The sub-objects records share (a product's reference, an account's tiers...) are kept for a bounded number of
    /// keys: past it a record builds its own, byte for byte what a kept one gives.
    /// </summary>
    [Test]
    public async Task Shared_fragments_stay_bounded_and_records_stay_the_same()
    {
        var options = new SandboxOptions { RecordsPerType = 20_000 };
        await using var filled = await ConnectSandbox.StartAsync(options);
        await using var fresh = await ConnectSandbox.StartAsync(options);
        for (var a = 0; a < 3_000; a++)
        {
            filled.Store.World.Asset(a);
        }

        Assert.That(filled.Store.World.CachedFragments, Is.EqualTo(Connector.Sandbox.Data.SeedWorld.MaxCachedFragments));
        // Asset 5's fragments are kept in the filled sandbox (read back from bytes), built in the fresh one; asset 2,990's
        // are past the bound in the filled one.
        foreach (var a in new[] { 5, 2_990 })
        {
            Assert.That(filled.Store.World.Asset(a).ToJsonString(), Is.EqualTo(fresh.Store.World.Asset(a).ToJsonString()), $"asset {a}");
        }
    }
}
