using Connector.Sandbox;
using NUnit.Framework;

namespace Connector.Tests.Sandbox;

/// <summary><see cref="SandboxStore.Count(string, string)"/> selects what <see cref="SandboxStore.Query"/> does.</summary>
[TestFixture]
[Category("Sandbox")]
public sealed class SandboxCountTests : SandboxFixtureBase
{
    [TestCase("requests", "eq(status,pending)")]
    [TestCase("requests", "and(eq(status,pending),eq(type,purchase))&limit=2&offset=1")]
    [TestCase("usage_records", "in(status,(valid,approved))")]
    [TestCase("tier_accounts", "")]
    public void A_count_is_how_many_records_the_query_selects_without_its_limit(string collection, string rql)
    {
        var filter = string.Join('&', rql.Split('&').Where(p => !p.StartsWith("limit=", StringComparison.Ordinal) && !p.StartsWith("offset=", StringComparison.Ordinal)));

        var count = Sandbox.Store.Count(collection, rql);

        Assert.That(count, Is.EqualTo(Sandbox.Store.Query(collection, filter).Count).And.Positive);
    }

    [Test]
    public async Task A_count_follows_a_write()
    {
        var pending = Sandbox.Store.Count("requests", "eq(status,pending)");
        var id = Take("requests", "eq(status,pending)");
        using (var approved = await Client.SendAsync(HttpMethod.Post, $"requests/{id}/approve", new System.Text.Json.Nodes.JsonObject { ["template_id"] = Template }))
        {
            Assert.That((int)approved.StatusCode, Is.EqualTo(200));
        }

        Assert.That(Sandbox.Store.Count("requests", "eq(status,pending)"), Is.EqualTo(pending - 1));
    }
}
