using System.Text.Json.Nodes;
using Connector.Sandbox.Data;
using NUnit.Framework;

namespace Connector.Tests.Sandbox.Data;

/// <summary><see cref="RecordCollection.ResetToSeed"/> on a small collection (generated records cached).</summary>
[TestFixture]
[Category("Sandbox")]
public sealed class RecordCollectionResetTests
{
    private static readonly IdCodec Ids = new("TH", 42);

    [Test]
    public void A_reset_puts_back_the_generated_records_a_write_replaced_without_generating_them_again()
    {
        var generated = 0;
        var collection = new RecordCollection("things", "things", Ids, 10, i =>
        {
            generated++;
            return new JsonObject { ["id"] = Ids.Format(i), ["name"] = "seeded " + i };
        });
        var first = collection.Get(0)!;
        var second = collection.Get(1)!;
        Assert.That(generated, Is.EqualTo(2));

        var changed = first.Copy();
        changed["name"] = "changed";
        collection.Replace(changed);
        Assert.That(collection.Delete((string)second.Node["id"]!), Is.True);
        var added = collection.Add(id => new JsonObject { ["id"] = id, ["name"] = "added" });

        collection.ResetToSeed();

        Assert.That(collection.Get(0), Is.SameAs(first), "the generated record the write replaced");
        Assert.That(collection.Get(1), Is.SameAs(second), "the generated record the delete replaced");
        Assert.That(generated, Is.EqualTo(2), "nothing generated again");
        Assert.That((collection.Count, collection.IndexLimit, collection.HasHoles, collection.Get(added)), Is.EqualTo((10, 10, false, (StoredRecord?)null)));
        Assert.That(collection.IsSeededUnmodified(0) && collection.IsSeededUnmodified(1), Is.True);
    }

    [Test]
    public void A_reset_changes_the_version_so_cached_query_results_are_not_reused()
    {
        var collection = new RecordCollection("things", "things", Ids, 3, i => new JsonObject { ["id"] = Ids.Format(i) });
        var before = collection.Version;

        collection.ResetToSeed();

        Assert.That(collection.Version, Is.Not.EqualTo(before));
    }
}
