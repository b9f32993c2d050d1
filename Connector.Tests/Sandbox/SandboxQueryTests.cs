using System.Net;
using System.Text.Json.Nodes;
using Connector.Sandbox;
using NUnit.Framework;

namespace Connector.Tests.Sandbox;

/// <summary>RQL and paging over HTTP: Content-Range arithmetic, ordering, select, quoting, unknown fields, 400s.</summary>
[TestFixture]
[Category("Sandbox")]
public sealed class SandboxQueryTests : SandboxFixtureBase
{
    /// <inheritdoc />
    protected override SandboxOptions Options => new() { RecordsPerType = 40, AssetCount = 1500 };

    private async Task<(HttpResponseMessage Response, JsonArray Items)> ListAsync(string path)
    {
        var (response, json) = await Client.GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), json?.ToJsonString());
        return (response, json!.AsArray());
    }

    /// <summary>Default limit 100, a limit above 1000 is capped, offset/limit arithmetic, past the end, limit 0, empty.</summary>
    [TestCase("assets", 100, "items 0-99/1500")]
    [TestCase("assets?limit=5000", 1000, "items 0-999/1500")]
    [TestCase("assets?limit=1000&offset=1000", 500, "items 1000-1499/1500")]
    [TestCase("assets?limit=10&offset=1495", 5, "items 1495-1499/1500")]
    [TestCase("assets?limit=10&offset=2000", 0, "items 2000-2000/1500")]
    [TestCase("assets?limit=0", 0, "items 0-0/1500")]
    [TestCase("assets?eq(status,no-such-status)", 0, "items 0-0/0")]
    [TestCase("assets?limit(3,6)", 3, "items 6-8/1500")]
    public async Task Paging_and_content_range(string path, int count, string range)
    {
        var (response, items) = await ListAsync(path);
        Assert.That(items, Has.Count.EqualTo(count));
        Assert.That(SandboxClient.ContentRange(response), Is.EqualTo(range));
    }

    /// <summary>A like pattern with many wildcards is answered (200), not a regex timeout (500).</summary>
    [Test]
    public async Task A_like_with_many_wildcards_is_answered()
    {
        var pattern = string.Concat(Enumerable.Repeat("*a", 300)) + "*";
        var (response, items) = await ListAsync($"assets?ilike(external_uid,{pattern})&limit=1000");
        Assert.That(SandboxClient.ContentRange(response), Is.EqualTo("items 0-0/0"));
        Assert.That(items, Is.Empty);
        var (everyResponse, _) = await ListAsync("assets?like(external_uid,*-*-*-*-*)&limit=0");
        Assert.That(SandboxClient.ContentRange(everyResponse), Is.EqualTo("items 0-0/1500"), "every uuid has four dashes");
    }

    /// <summary>The documented <c>(status=active)</c> shorthand selects what <c>eq(status,active)</c> does.</summary>
    [Test]
    public async Task The_parenthesized_shorthand_is_an_eq()
    {
        var (shorthandResponse, shorthand) = await ListAsync("assets?(status=active)&limit=1000");
        var (eqResponse, eq) = await ListAsync("assets?eq(status,active)&limit=1000");
        Assert.That(shorthand.Select(x => (string?)x!["id"]), Is.EqualTo(eq.Select(x => (string?)x!["id"])));
        Assert.That(SandboxClient.ContentRange(shorthandResponse), Is.EqualTo(SandboxClient.ContentRange(eqResponse)));
        Assert.That(shorthand, Is.Not.Empty);
    }

    /// <summary>Pages of an unfiltered list are contiguous and in id order.</summary>
    [Test]
    public async Task Pages_are_contiguous()
    {
        var (_, first) = await ListAsync("assets?limit=3&offset=0");
        var (_, second) = await ListAsync("assets?limit=3&offset=3");
        var (_, both) = await ListAsync("assets?limit=6");
        Assert.That(first.Concat(second).Select(x => (string?)x!["id"]), Is.EqualTo(both.Select(x => (string?)x!["id"])));
    }

    /// <summary>Filters by status agree with the store; the total is the number of matches.</summary>
    [Test]
    public async Task Filter_total_matches_store()
    {
        var expected = Sandbox.Store.Query("assets", "eq(status,active)").Count;
        var (response, items) = await ListAsync("assets?eq(status,active)&limit=1000");
        Assert.That(items.All(a => (string?)a!["status"] == "active"), Is.True);
        Assert.That(items, Has.Count.EqualTo(expected));
        Assert.That(SandboxClient.ContentRange(response), Does.EndWith("/" + expected));
    }

    /// <summary>ordering(f) ascending and ordering(-f) descending, several fields.</summary>
    [Test]
    public async Task Ordering_ascending_and_descending()
    {
        var (_, ascending) = await ListAsync("tier/accounts?ordering(name)&limit=1000");
        var (_, descending) = await ListAsync("tier/accounts?ordering(-name)&limit=1000");
        var names = ascending.Select(a => (string)a!["name"]!).ToList();
        Assert.That(names, Is.EqualTo(names.Order(StringComparer.Ordinal)));
        Assert.That(descending.Select(a => (string)a!["name"]!), Is.EqualTo(names.AsEnumerable().Reverse()));
        var (_, multi) = await ListAsync("assets?ordering(status,-id)&limit=1000");
        var keys = multi.Select(a => ((string)a!["status"]!, (string)a["id"]!)).ToList();
        var sorted = keys.OrderBy(k => k.Item1, StringComparer.Ordinal).ThenByDescending(k => k.Item2, StringComparer.Ordinal);
        Assert.That(keys, Is.EqualTo(sorted));
        var (_, newest) = await ListAsync("assets?ordering(-events.created.at)&limit=2");
        Assert.That((string?)newest[0]!["id"], Is.EqualTo(Sandbox.Store.Query("assets", "ordering(-id)&limit=1")[0]["id"]!.GetValue<string>()));
    }

    /// <summary>select(-field) removes a sub-object.</summary>
    [Test]
    public async Task Select_excludes()
    {
        var (_, items) = await ListAsync("assets?select(-configuration,-params)&limit=2");
        Assert.That(items.All(a => !a!.AsObject().ContainsKey("configuration") && !a.AsObject().ContainsKey("params")), Is.True);
        Assert.That(items.All(a => a!.AsObject().ContainsKey("product")), Is.True);
    }

    /// <summary>Quoted values with commas and parentheses; %2C does not protect a comma (400).</summary>
    [Test]
    public async Task Quoting_rules()
    {
        var account = Sandbox.Store.Query("tier_accounts", "like(name,\"*, Inc.*\")&limit=1").Single();
        var name = (string)account["name"]!;
        var (_, quoted) = await ListAsync("tier/accounts?eq(name," + Uri.EscapeDataString("\"" + name + "\"") + ")");
        Assert.That(quoted.Select(a => (string?)a!["id"]), Is.EqualTo(new[] { (string?)account["id"] }));
        var (unprotected, _) = await Client.GetAsync("tier/accounts?eq(name," + Uri.EscapeDataString(name) + ")");
        Assert.That(unprotected.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    /// <summary>like with wildcards, ilike case-insensitive; in/out; nested and array paths.</summary>
    [Test]
    public async Task Search_lists_and_paths()
    {
        var (_, like) = await ListAsync("tier/accounts?like(name,Acme*)&limit=1000");
        Assert.That(like.All(a => ((string)a!["name"]!).StartsWith("Acme", StringComparison.Ordinal)), Is.True);
        var (_, ilike) = await ListAsync("tier/accounts?ilike(name,acme*)&limit=1000");
        Assert.That(ilike, Has.Count.EqualTo(like.Count));
        var (_, inList) = await ListAsync("requests?in(status,(draft,failed))&limit=1000");
        Assert.That(inList.All(r => (string)r!["status"]! is "draft" or "failed"), Is.True);
        var (_, outList) = await ListAsync("requests?out(status,(draft,failed))&limit=1000");
        Assert.That(inList.Count + outList.Count, Is.EqualTo(Sandbox.Store.Count("requests")));

        var asset = Record("assets", Take("assets"));
        var product = (string)asset["product"]!["id"]!;
        var (_, byProduct) = await ListAsync($"requests?eq(asset.product.id,{product})&limit=1000");
        Assert.That(byProduct.All(r => (string?)r!["asset"]!["product"]!["id"] == product), Is.True);
        var customer = (string)asset["tiers"]!["customer"]!["id"]!;
        var (_, byCustomer) = await ListAsync($"assets?eq(tiers.customer.id,{customer})&limit=1000");
        Assert.That(byCustomer.Select(a => (string?)a!["id"]), Does.Contain((string?)asset["id"]));
        var (_, byParam) = await ListAsync($"assets?eq(params.value,admin{((string)asset["id"]!)[^4..].TrimStart('0') switch { "" => "0", var s => s }}@example.com)&limit=1000");
        Assert.That(byParam.Select(a => (string?)a!["id"]), Does.Contain((string?)asset["id"]));
    }

    /// <summary>null() and empty() on real fields.</summary>
    [Test]
    public async Task Null_and_empty_over_http()
    {
        var (_, nulls) = await ListAsync("usage/files?eq(rejection_note,null())&limit=1000");
        Assert.That(nulls.All(f => f!["rejection_note"] is null), Is.True);
        var (_, empties) = await ListAsync("requests?eq(reason,empty())&limit=1000");
        Assert.That(empties.All(r => (string?)r!["reason"] == string.Empty), Is.True);
        Assert.That(empties, Is.Not.Empty);
    }

    /// <summary>An unknown filter name is ignored (everything matches); not(and()) and malformed RQL are 400 VAL_001.</summary>
    [Test]
    public async Task Unknown_field_ignored_and_bad_grammar_refused()
    {
        var (response, _) = await ListAsync("assets?eq(stauts,active)&limit=1");
        Assert.That(SandboxClient.ContentRange(response), Is.EqualTo("items 0-0/1500"));
        foreach (var bad in new[] { "not(and(eq(status,active),eq(id,x)))", "eq(status,active", "eq(status)" })
        {
            var (refused, json) = await Client.GetAsync("assets?" + bad);
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), bad);
            Assert.That((string?)json!["error_code"], Is.EqualTo("VAL_001"));
        }
    }

    /// <summary>A conversation is found by the request id it belongs to.</summary>
    [Test]
    public async Task Conversation_by_instance_id()
    {
        var request = Take("requests");
        var (_, conversations) = await ListAsync("conversations?instance_id=" + request);
        Assert.That(conversations.Select(c => (string?)c!["instance_id"]), Is.EqualTo(new[] { request }));
    }
}
