using System.Text.Json.Nodes;
using Connector.Sandbox.Data;
using NUnit.Framework;

namespace Connector.Tests.Sandbox;

/// <summary>The one dotted-path walk of the sandbox: through objects for reads and writes, through arrays for filters and field selection.</summary>
[TestFixture]
[Category("Sandbox")]
public sealed class JsonPathTests
{
    private static JsonObject Record() => JsonNode.Parse("""
        {"asset": {"product": {"id": "PRD-1"}, "items": [{"id": "a", "params": [{"id": "p1"}]}, {"id": "b", "params": []}]}, "note": null}
        """)!.AsObject();

    [TestCase("asset.product.id", "\"PRD-1\"")]
    [TestCase("asset.product", "{\"id\":\"PRD-1\"}")]
    [TestCase("asset.missing.id", null)]
    [TestCase("note.id", null)]
    [TestCase("asset.items.id", null)]
    public void Find_steps_through_objects_only(string path, string? expected) =>
        Assert.That(JsonPath.Find(Record(), path)?.ToJsonString(), Is.EqualTo(expected));

    [Test]
    public void Holder_creates_missing_objects_only_when_asked()
    {
        var record = Record();
        Assert.That(JsonPath.Holder(record, "asset.contract.id", create: false).Holder, Is.Null);
        Assert.That(record["asset"]!["contract"], Is.Null);

        var (holder, key) = JsonPath.Holder(record, "asset.contract.id", create: true);
        holder![key] = "CRD-1";
        Assert.That((string?)record["asset"]!["contract"]!["id"], Is.EqualTo("CRD-1"));
        Assert.That(JsonPath.Holder(record, "asset.product.id", create: false), Is.EqualTo((record["asset"]!["product"], "id")));
    }

    [Test]
    public void Holders_step_through_arrays_element_by_element()
    {
        var holders = new List<JsonObject>();
        JsonPath.Holders(Record(), JsonPath.Steps("asset.items.params.id"), holders);
        Assert.That(holders.Select(h => (string?)h["id"]), Is.EqualTo(new[] { "p1" }));

        holders.Clear();
        JsonPath.Holders(Record(), JsonPath.Steps("asset.items.id"), holders);
        Assert.That(holders.Select(h => (string?)h["id"]), Is.EqualTo(new[] { "a", "b" }));
    }

    [Test]
    public void The_json_operations_and_the_rql_evaluator_walk_paths_the_same_way()
    {
        var record = Record();
        Json.SetExisting(record, "asset.product.name", "ignored, not in the record");
        Json.SetExisting(record, "asset.product.id", "PRD-2");
        Json.Set(record, "asset.marketplace.id", "MP-1");
        Json.Remove(record, "asset.items.params");
        Assert.That(record.ToJsonString(), Is.EqualTo("""{"asset":{"product":{"id":"PRD-2"},"items":[{"id":"a"},{"id":"b"}],"marketplace":{"id":"MP-1"}},"note":null}"""));
        Assert.That(Connector.Sandbox.Rql.RqlEvaluator.Resolve(record, "asset.items.id").Select(v => (string?)v), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(Connector.Sandbox.Rql.RqlEvaluator.Resolve(record, "note"), Is.EqualTo(new JsonNode?[] { null }));
    }
}
