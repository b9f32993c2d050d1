using Connector.Core.Querying;
using Connector.Core.Results;
using Connector.Core.Testing;
using Connector.Sandbox;
using NUnit.Framework;

namespace Connector.Tests.Reliability;

/// <summary>
/// A cancelled run stops promptly (it sends no further requests), finished documents keep their results and every
/// other document is reported as FAILURE CANCELLED; nothing is lost, nothing is reported twice.
/// </summary>
[TestFixture]
[Category("Reliability")]
public sealed class CancellationTests : ReliabilityFixtureBase
{
    private const int Documents = 24;

    [TearDown]
    public void ClearFaults() => Sandbox.Faults.Clear();

    [TestCase(0)]
    [TestCase(700)]
    public async Task A_batch_cancelled_midway_keeps_finished_results_and_cancels_the_rest(int cancelAfterMilliseconds)
    {
        var ids = Sandbox.Store.Query("requests", $"limit={Documents}").Select(r => (string)r["id"]!).ToList();
        Sandbox.Faults.Add(new FaultRule { Method = "GET", PathPrefix = "/public/v1/requests/", Kind = FaultKind.Latency, Delay = TimeSpan.FromMilliseconds(200), Count = 0 });
        Sandbox.RequestLog.Clear();
        using var cancellation = new CancellationTokenSource();
        cancellation.CancelAfter(cancelAfterMilliseconds);
        var documents = ids.Select(id => Tester.EmptyDocument(new Dictionary<string, string?> { ["objectId"] = id })).ToList();

        var results = await Tester.ExecuteAsync("request", "GET", documents, new Dictionary<string, string?> { ["parallelism"] = "2" }, cancellation.Token);

        AssertOneResultEach(results, Documents);
        var finished = results.Where(r => r.Status == OperationStatus.Success).ToList();
        var cancelled = results.Where(r => r.Status != OperationStatus.Success).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(cancelled, Is.Not.Empty, "the run was cancelled before the end");
            Assert.That(cancelled.Select(r => r.StatusCode), Is.All.EqualTo(OperationResponse.CancelledCode), string.Join("\n", cancelled));
            Assert.That(cancelled.Select(r => r.Status), Is.All.EqualTo(OperationStatus.Failure));
            Assert.That(cancelled.Select(r => r.Message), Is.All.Contain("cancelled"));
            Assert.That(finished.Select(r => (string?)r.SingleObject()["id"]), Is.Unique);
            Assert.That(Sandbox.RequestLog.Count, Is.LessThan(Documents), "no request is started after the cancellation");
        });
    }

    [Test]
    public async Task A_search_cancelled_midway_says_how_many_records_it_delivered()
    {
        Sandbox.Faults.Add(new FaultRule { Method = "GET", PathPrefix = "/public/v1/assets", Kind = FaultKind.Latency, Delay = TimeSpan.FromMilliseconds(150), Count = 0 });
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(600));
        var result = await Tester.QueryAsync("asset", QueryFilter.All, new Dictionary<string, string?> { ["pageSize"] = "5" }, cancellation.Token);
        AssertOneResultEach([result], 1);
        var delivered = result.Json.Select(j => (string?)j["id"]).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(OperationStatus.Failure), result.ToString());
            Assert.That(result.StatusCode, Is.EqualTo(OperationResponse.CancelledCode));
            Assert.That(result.Message, Does.Contain($"after {delivered.Count} records"));
            Assert.That(delivered, Is.Unique);
            Assert.That(delivered, Has.Count.LessThan(Sandbox.Store.Count("assets")));
        });
    }

    [Test]
    public async Task A_write_batch_cancelled_before_it_starts_reports_every_document_cancelled()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        var documents = Enumerable.Range(0, 3).Select(i => Tester.Document($$"""{"name":"n{{i}}"}""", new Dictionary<string, string?> { ["objectId"] = "TA-0000-0000-000" + i })).ToList();
        Sandbox.RequestLog.Clear();
        var results = await Tester.ExecuteAsync("tier_account", "UPDATE", documents, cancellationToken: cancellation.Token);
        AssertOneResultEach(results, 3);
        Assert.That(results.Select(r => r.StatusCode), Is.All.EqualTo(OperationResponse.CancelledCode));
        Assert.That(Sandbox.RequestLog.Entries, Is.Empty);
    }
}
