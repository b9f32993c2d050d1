using System.Text;
using Connector.Core.Listening;
using Connector.Core.Querying;
using Connector.Core.Testing;
using Connector.Tests.Operations.AgainstSandbox;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Connector.Tests.Operations.Listen;

/// <summary>The polling LISTEN operation through the operation-level harness, against a sandbox of its own.</summary>
[TestFixture]
[Category("Sandbox")]
public sealed class PollingListenAgainstSandboxTests : AgainstSandboxFixture
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private string _tag = string.Empty;

    /// <summary>Each test's requests carry their own external id, and each test listens to those only.</summary>
    [SetUp]
    public void NewTag() => _tag = "listen-" + Guid.NewGuid().ToString("N")[..12];

    private QueryFilter Mine => QueryFilter.Where(ComparisonExpression.Of("asset.external_id", "eq", _tag));

    [Test]
    public async Task A_listener_started_before_50_requests_are_created_emits_each_once_in_cursor_order()
    {
        var since = SecondsNow();
        var collector = new ListenEventCollector();
        using var stop = new CancellationTokenSource(Patience);
        var listening = Tester.ListenAsync("request", new ListenRequest { Filter = Mine, Since = since, PollInterval = TimeSpan.FromMilliseconds(50) }, collector, cancellationToken: stop.Token);

        var created = await CreateRequestsAsync(50);
        await collector.WaitForAsync(50, stop.Token);
        await stop.CancelAsync();
        await listening;

        var events = collector.Events;
        Assert.That(events.Select(e => e.ObjectId), Is.EquivalentTo(created), "each created request once, nothing else");
        Assert.That(events.Select(e => e.Cursor!), Is.Ordered, "in change order");
        Assert.That(events.All(e => e.Checkpoint!.Cursor == e.Cursor), Is.True, "each event carries the checkpoint after it");
    }

    [Test]
    public async Task Stopped_and_restarted_from_its_checkpoint_file_it_emits_nothing_twice_and_misses_nothing()
    {
        var since = SecondsNow();
        var file = new ListenCheckpointFile(Path.Combine(Path.GetTempPath(), "listen-" + Guid.NewGuid().ToString("N") + ".json"));
        try
        {
            var first = await CreateRequestsAsync(20);
            var firstRun = await DrainAsync(file, since, stopAfter: 12);
            var second = await CreateRequestsAsync(30);
            var secondRun = await DrainAsync(file, since, stopAfter: null);
            var thirdRun = await DrainAsync(file, since, stopAfter: null);

            Assert.That(firstRun, Has.Count.EqualTo(12));
            Assert.That(firstRun.Concat(secondRun), Is.EquivalentTo(first.Concat(second)), "every change once across the restart");
            Assert.That(thirdRun, Is.Empty, "nothing pending after a full drain");
        }
        finally
        {
            File.Delete(file.FullPath);
        }
    }

    [Test]
    public async Task A_crash_between_the_printed_line_and_the_saved_checkpoint_repeats_that_one_change_which_id_and_cursor_deduplicate()
    {
        var since = SecondsNow();
        var file = new ListenCheckpointFile(Path.Combine(Path.GetTempPath(), "listen-" + Guid.NewGuid().ToString("N") + ".json"));
        try
        {
            var created = await CreateRequestsAsync(10);
            var delivered = new List<ListenEvent>();
            var crashing = new CrashBeforeCheckpointSink(file, delivered, crashAt: 4);
            await Assert.ThrowsAsync<IOException>(() => Tester.ListenAsync("request", new ListenRequest { Filter = Mine, Since = since, DrainOnce = true }, crashing));
            var resumed = await Tester.ListenOnceAsync("request", new ListenRequest { Filter = Mine, Since = since, Checkpoint = await file.LoadAsync() });
            delivered.AddRange(resumed);

            Assert.That(delivered, Has.Count.EqualTo(11), "the crashed change is delivered again");
            Assert.That(delivered.Select(e => (e.ObjectId, e.Cursor)).Distinct().Select(k => k.ObjectId), Is.EquivalentTo(created), "id + cursor deduplicates it");
        }
        finally
        {
            File.Delete(file.FullPath);
        }
    }

    [Test]
    public async Task A_changed_record_is_emitted_again_and_a_filter_limits_what_counts()
    {
        var since = SecondsNow();
        var created = await CreateRequestsAsync(3, draft: true);
        var checkpoint = await CheckpointAfterAsync(since);
        await Raw.PostAsync($"requests/{created[1]}/purchase");

        var changed = await Tester.ListenOnceAsync("request", new ListenRequest { Filter = Mine, Checkpoint = checkpoint });
        var pendingOnly = await Tester.ListenOnceAsync("request", new ListenRequest { Since = since, Filter = QueryFilter.Where(GroupExpression.And(Mine.Expression!, ComparisonExpression.Of("status", "eq", "pending"))) });

        Assert.That(changed.Select(e => e.ObjectId), Is.EqualTo(new[] { created[1] }));
        Assert.That((string?)JObject.Parse(Encoding.UTF8.GetString(changed[0].Json.Span))["status"], Is.EqualTo("pending"));
        Assert.That(pendingOnly.Select(e => e.ObjectId), Is.EqualTo(new[] { created[1] }));
    }

    [Test]
    public async Task A_filter_on_an_undocumented_field_is_refused_before_any_request()
    {
        var mark = Mark();
        await Assert.ThrowsAsync<InvalidQueryFilterException>(() => Tester.ListenOnceAsync("request", new ListenRequest { Filter = QueryFilter.Where(ComparisonExpression.Of("no_such_field", "eq", "x")) }));
        Assert.That(Since(mark), Is.Empty);
    }

    [TestCase("tier_config_request")]
    [TestCase("tier_account_request")]
    [TestCase("case")]
    [TestCase("usage_report")]
    [TestCase("request")]
    public async Task Every_listenable_object_type_drains_in_cursor_order(string objectType)
    {
        var events = await Tester.ListenOnceAsync(objectType, operationProperties: new Dictionary<string, string?> { ["pageSize"] = "7" });

        Assert.That(events, Has.Count.EqualTo(Sandbox.Store.Count(Collection(objectType))));
        Assert.That(events.Select(e => e.Cursor!), Is.Ordered);
        Assert.That(events.Select(e => e.ObjectId), Is.Unique);
        Assert.That(events.Select(e => e.Cursor!.At), Has.None.Empty, "every record has a change timestamp");
    }

    [Test]
    public async Task As_a_plain_operation_a_listen_drains_pending_changes_as_partial_results()
    {
        var since = SecondsNow();
        var created = await CreateRequestsAsync(2);
        var filter = QueryFilter.Where(GroupExpression.Or(ComparisonExpression.Of("id", "eq", created[0]), ComparisonExpression.Of("id", "eq", created[1])));

        var result = await Tester.RunAsync(Tester.Context("request", "LISTEN"), Connector.Core.Operations.OperationRequest.ForQuery(filter));

        Assert.That(result[0].Status, Is.EqualTo(Connector.Core.Results.OperationStatus.Success), result[0].Message);
        Assert.That(result[0].Payloads.Select(p => (string?)JObject.Parse(p.Text)["id"]), Is.EqualTo(created));
        Assert.That(since, Is.LessThanOrEqualTo(DateTimeOffset.UtcNow));
    }

    private static string Collection(string objectType) => objectType switch
    {
        "request" => "requests",
        "tier_config_request" => "tier_config_requests",
        "tier_account_request" => "tier_account_requests",
        "case" => "cases",
        _ => "usage_files",
    };

    private static DateTimeOffset SecondsNow()
    {
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, TimeSpan.Zero);
    }

    private async Task<ListenCheckpoint> CheckpointAfterAsync(DateTimeOffset since)
    {
        var events = await Tester.ListenOnceAsync("request", new ListenRequest { Filter = Mine, Since = since });
        return events[^1].Checkpoint!;
    }

    private async Task<List<string>> DrainAsync(ListenCheckpointFile file, DateTimeOffset since, int? stopAfter)
    {
        var ids = new List<string>();
        using var stop = new CancellationTokenSource(Patience);
        var sink = new SavingSink(file, ids, stopAfter, stop);
        await Tester.ListenAsync("request", new ListenRequest { Filter = Mine, Since = since, DrainOnce = true, Checkpoint = await file.LoadAsync() }, sink, cancellationToken: stop.Token);
        return ids;
    }

    private async Task<List<string>> CreateRequestsAsync(int count, bool draft = false)
    {
        var product = (string)Sandbox.Store.Query("products", "limit=1")[0]["id"]!;
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var (response, json) = await Raw.PostAsync("requests", System.Text.Json.Nodes.JsonNode.Parse($$$"""{"type":"purchase","status":"{{{(draft ? "draft" : "pending")}}}","asset":{"external_id":"{{{_tag}}}","product":{"id":"{{{product}}}"},"items":[]}}"""));
            Assert.That((int)response.StatusCode, Is.EqualTo(201), json?.ToJsonString());
            ids.Add((string)json!["id"]!);
        }

        return ids;
    }

    /// <summary>Does what the command line does: hand on, then save the checkpoint; stops (like Ctrl+C) after some events.</summary>
    private sealed class SavingSink(ListenCheckpointFile file, List<string> ids, int? stopAfter, CancellationTokenSource stop) : IListenEventSink
    {
        public async ValueTask OnEventAsync(ListenEvent listenEvent, CancellationToken cancellationToken)
        {
            ids.Add(listenEvent.ObjectId);
            await file.SaveAsync(listenEvent.Checkpoint!, CancellationToken.None);
            if (ids.Count == stopAfter)
            {
                await stop.CancelAsync();
            }
        }
    }

    /// <summary>Hands on, and on the n-th event dies before saving its checkpoint.</summary>
    private sealed class CrashBeforeCheckpointSink(ListenCheckpointFile file, List<ListenEvent> delivered, int crashAt) : IListenEventSink
    {
        public async ValueTask OnEventAsync(ListenEvent listenEvent, CancellationToken cancellationToken)
        {
            delivered.Add(listenEvent);
            if (delivered.Count == crashAt)
            {
                throw new IOException("the process died");
            }

            await file.SaveAsync(listenEvent.Checkpoint!, CancellationToken.None);
        }
    }
}
