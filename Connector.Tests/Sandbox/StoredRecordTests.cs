using System.Text.Json.Nodes;
using Connector.Sandbox.Data;
using NUnit.Framework;

namespace Connector.Tests.Sandbox;

/// <summary>
/// How the sandbox keeps a record a request wrote: its bytes, and a tree built from them only when something reads it;
/// a writer's copy is parsed lazily, so an action that changes a few fields of a large record neither clones nor
/// materializes the rest of it.
/// </summary>
[TestFixture]
[Category("Sandbox")]
public sealed class StoredRecordTests
{
    private static readonly IdCodec Ids = new("PR", 42);

    /// <summary>A request-like record: nested objects and arrays, and text that JSON escaping treats specially.</summary>
    private static JsonObject Sample(int index)
    {
        var items = new JsonArray();
        for (var i = 0; i < 40; i++)
        {
            items.Add(new JsonObject
            {
                ["id"] = "PRD-" + i,
                ["quantity"] = i * 1.5,
                ["params"] = new JsonArray(new JsonObject { ["id"] = "p" + i, ["value"] = "a+b <c> \"quoted\" é ✓ \\ " + i, ["flag"] = i % 2 == 0 }),
            });
        }

        return new JsonObject
        {
            ["id"] = Ids.Format(index),
            ["status"] = "pending",
            ["asset"] = new JsonObject { ["id"] = "AS-1", ["status"] = "processing", ["items"] = items, ["nothing"] = null },
            ["created"] = "2026-01-02T03:04:05+00:00",
        };
    }

    private static RecordCollection Collection() => new("requests", "Request", Ids, 4, Sample);

    [Test]
    public void A_copy_changed_like_an_action_is_stored_as_a_deep_clone_changed_the_same_way_would_be()
    {
        var collection = Collection();
        var copy = collection.GetCopy(Ids.Format(1))!;
        var clone = Sample(1);
        foreach (var record in new[] { copy, clone })
        {
            record["status"] = "approved";
            Json.SetExisting(record, "asset.status", "active");
            record["asset"]!["items"]![3]!["params"]![0]!["value"] = "changed +";
        }

        var stored = collection.Replace(copy);

        Assert.That(stored.Bytes, Is.EqualTo(SandboxJson.Bytes(clone)), "the subtrees the copy never reached are written back as they were");
        Assert.That(JsonNode.DeepEquals(stored.Node, clone), Is.True);
        Assert.That(collection.Get(Ids.Format(1))!.Bytes, Is.EqualTo(stored.Bytes));
    }

    [Test]
    public void A_copy_is_independent_of_the_stored_record()
    {
        var collection = Collection();
        var stored = collection.Replace(Sample(2));
        var before = stored.Bytes.ToArray();
        var copy = collection.GetCopy(Ids.Format(2))!;
        copy["asset"]!["items"]!.AsArray().Clear();
        copy["status"] = "failed";

        Assert.That(collection.Get(Ids.Format(2))!.Bytes, Is.EqualTo(before));
        Assert.That(JsonNode.DeepEquals(collection.Get(Ids.Format(2))!.Node, Sample(2)), Is.True);
    }

    [Test]
    public void The_tree_of_a_written_record_is_built_once_and_read_safely_from_many_threads()
    {
        var stored = StoredRecord.Of(Sample(3));
        var trees = new JsonObject[16];
        Parallel.For(0, trees.Length, new ParallelOptions { MaxDegreeOfParallelism = 16 }, i =>
        {
            var tree = stored.Node;
            _ = SandboxJson.Bytes(tree);
            trees[i] = tree;
        });

        Assert.That(trees.Distinct().Count(), Is.EqualTo(1), "every reader sees one tree");
        Assert.That(JsonNode.DeepEquals(trees[0], Sample(3)), Is.True);
        Assert.That(SandboxJson.Bytes(trees[0]), Is.EqualTo(stored.Bytes));
    }

    [Test]
    public void An_action_on_a_large_record_allocates_well_under_what_cloning_it_does()
    {
        var collection = Collection();
        collection.Replace(Sample(0));
        Act(collection);
        Clone(collection);

        var act = Allocated(() => Act(collection));
        var clone = Allocated(() => Clone(collection));

        // Copy (a parse of the bytes), two changed fields, Replace (a write) against the tree-to-tree clone and write:
        // about 0.42 of it here (deterministic: same thread, same inputs); storing a deep clone, as before, took 2.3x.
        Assert.That(act, Is.LessThan(clone * 3 / 5), $"copy, change and store allocated {act} bytes; a deep clone and write {clone}");
    }

    private static void Act(RecordCollection collection)
    {
        var copy = collection.GetCopy(Ids.Format(0))!;
        copy["status"] = "approved";
        Json.SetExisting(copy, "asset.status", "active");
        collection.Replace(copy);
    }

    private static void Clone(RecordCollection collection)
    {
        var copy = collection.Get(Ids.Format(0))!.Node.DeepClone().AsObject();
        copy["status"] = "approved";
        Json.SetExisting(copy, "asset.status", "active");
        _ = SandboxJson.Bytes(copy);
    }

    private static long Allocated(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 20; i++)
        {
            action();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
