using Connector.Core.Documents;
using Connector.Core.Results;
using Connector.Core.Testing;
using NUnit.Framework;

namespace Connector.Tests.Core.Results;

[TestFixture]
public sealed class OperationResponseTests
{
    private static TrackedDocument Doc(string id) => TrackedDocument.FromText(id, "{}");

    [Test]
    public async Task Each_document_gets_its_one_final_result()
    {
        var docs = new[] { Doc("a"), Doc("b") };
        var sink = new ResultCollector();
        var response = new OperationResponse(docs, sink);
        await response.AddSuccessAsync(docs[1], "200", Payload.FromJson(new Newtonsoft.Json.Linq.JObject { ["id"] = "B" }));
        await response.AddResultAsync(docs[0], OperationStatus.ApplicationError, "400", "bad");
        var violations = await response.CompleteAsync();
        var results = sink.ToDocumentResults(["a", "b"]);
        Assert.That(violations, Is.Empty);
        Assert.That(results.Select(r => r.Status), Is.EqualTo(new[] { OperationStatus.ApplicationError, OperationStatus.Success }));
        Assert.That(results.Select(r => r.FinalResultCount), Is.All.EqualTo(1));
        Assert.That((string?)results[1].SingleObject()["id"], Is.EqualTo("B"));
    }

    [Test]
    public async Task A_second_final_result_is_a_loud_bug()
    {
        var doc = Doc("a");
        var response = new OperationResponse([doc], new ResultCollector());
        await response.AddResultAsync(doc, OperationStatus.Success, "200", "OK");
        var ex = await Assert.ThrowsAsync<ResultInvariantException>(async () => await response.AddResultAsync(doc, OperationStatus.Failure, "500", "again"));
        Assert.That(ex!.Message, Does.Contain("second final result").And.Contain("'a'"));
        Assert.That(response.Violations, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Results_in_any_order_or_for_another_object_with_an_inputs_tracking_id_reach_that_input()
    {
        var docs = new[] { Doc("a"), Doc("b"), Doc("c"), Doc("d"), Doc("e") };
        var sink = new ResultCollector();
        var response = new OperationResponse(docs, sink);

        // Out of order, backwards, and through an object that is not the input but carries its tracking id.
        await response.AddResultAsync(docs[2], OperationStatus.Success, "200", "c");
        await response.AddResultAsync(docs[0], OperationStatus.Success, "200", "a");
        await response.AddResultAsync(Doc("d"), OperationStatus.Success, "200", "d");
        await response.AddResultAsync(docs[1], OperationStatus.Success, "200", "b");
        var again = await Assert.ThrowsAsync<ResultInvariantException>(async () => await response.AddResultAsync(Doc("c"), OperationStatus.Failure, "500", "c again"));
        var secondForD = await Assert.ThrowsAsync<ResultInvariantException>(async () => await response.AddResultAsync(docs[3], OperationStatus.Failure, "500", "d again"));

        Assert.Multiple(() =>
        {
            Assert.That(again!.Message, Does.Contain("second final result").And.Contain("'c'"));
            Assert.That(secondForD!.Message, Does.Contain("second final result").And.Contain("'d'"));
            Assert.That(docs.Select(response.IsFinished), Is.EqualTo(new[] { true, true, true, true, false }));
        });
        var violations = await response.CompleteAsync();
        Assert.That(violations, Has.Count.EqualTo(3), "the two second results, and e left without one");
        Assert.That(sink.ToDocumentResults(["a", "b", "c", "d", "e"]).Select(r => r.Message), Is.EqualTo(new[] { "a", "b", "c", "d", "The connector produced no result for this document (a connector bug); it was not necessarily processed." }));
    }

    [Test]
    public async Task A_result_for_an_unknown_document_is_a_loud_bug()
    {
        var response = new OperationResponse([Doc("a")], new ResultCollector());
        var ex = await Assert.ThrowsAsync<ResultInvariantException>(async () => await response.AddResultAsync(Doc("zzz"), OperationStatus.Success, "200", "OK"));
        Assert.That(ex!.Message, Does.Contain("'zzz'").And.Contain("not an input document"));
    }

    [Test]
    public async Task A_missing_result_becomes_a_failure_and_a_violation()
    {
        var docs = new[] { Doc("a"), Doc("b") };
        var sink = new ResultCollector();
        var response = new OperationResponse(docs, sink);
        await response.AddResultAsync(docs[0], OperationStatus.Success, "200", "OK");
        var violations = await response.CompleteAsync();
        Assert.That(violations, Has.Count.EqualTo(1));
        Assert.That(violations[0], Does.Contain("'b'"));
        var b = sink.ToDocumentResults(["b"]).Single();
        Assert.That(b.Status, Is.EqualTo(OperationStatus.Failure));
        Assert.That(b.StatusCode, Is.EqualTo(OperationResponse.MissingResultCode));
        Assert.That(b.FinalResultCount, Is.EqualTo(1));
    }

    [Test]
    public async Task Partial_results_stream_then_the_document_is_finished_once()
    {
        var doc = Doc("q");
        var sink = new ResultCollector();
        var response = new OperationResponse([doc], sink);
        for (var i = 0; i < 3; i++)
        {
            await response.AddPartialResultAsync(doc, Payload.FromJson(new Newtonsoft.Json.Linq.JObject { ["n"] = i }));
        }

        Assert.That(sink.Results, Has.Count.EqualTo(3), "partial results reach the sink as they come");
        await response.FinishPartialResultAsync(doc, OperationStatus.Success, "200", "3 records");
        await Assert.ThrowsAsync<ResultInvariantException>(async () => await response.AddPartialResultAsync(doc, Payload.FromJson(new Newtonsoft.Json.Linq.JObject())));
        var result = sink.ToDocumentResults(["q"]).Single();
        Assert.That(result.Payloads, Has.Count.EqualTo(3));
        Assert.That(result.Message, Is.EqualTo("3 records"));
    }

    [Test]
    public async Task Unfinished_documents_can_all_be_given_one_result_without_touching_finished_ones()
    {
        var docs = new[] { Doc("a"), Doc("b"), Doc("c") };
        var sink = new ResultCollector();
        var response = new OperationResponse(docs, sink);
        await response.AddResultAsync(docs[1], OperationStatus.Success, "200", "OK");
        var count = await response.AddResultToUnfinishedAsync(OperationStatus.Failure, OperationResponse.CancelledCode, "cancelled");
        Assert.That(count, Is.EqualTo(2));
        Assert.That(await response.CompleteAsync(), Is.Empty);
        Assert.That(sink.ToDocumentResults(["a", "b", "c"]).Select(r => r.StatusCode), Is.EqualTo(new[] { "CANCELLED", "200", "CANCELLED" }));
    }

    [Test]
    public async Task A_result_whose_delivery_is_cancelled_leaves_the_document_unfinished()
    {
        var doc = Doc("a");
        var sink = new ResultCollector();
        var response = new OperationResponse([doc], sink);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        Assert.That(async () => await response.AddResultAsync(doc, OperationStatus.Success, "200", "OK", null, cancelled.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(response.IsFinished(doc), Is.False, "nothing reached the sink, so the document still needs its result");
        await response.AddResultToUnfinishedAsync(OperationStatus.Failure, OperationResponse.CancelledCode, "cancelled");
        Assert.That(await response.CompleteAsync(), Is.Empty);
        Assert.That(sink.ToDocumentResults(["a"]).Single().StatusCode, Is.EqualTo(OperationResponse.CancelledCode));
    }

    [Test]
    public void Duplicate_tracking_ids_are_refused()
    {
        Assert.That(() => new OperationResponse([Doc("a"), Doc("a")], new ResultCollector()), Throws.ArgumentException.With.Message.Contains("'a'"));
    }

    [Test]
    public async Task Concurrent_reporting_keeps_one_result_per_document()
    {
        var docs = Enumerable.Range(0, 200).Select(i => Doc("d" + i)).ToArray();
        var sink = new ResultCollector();
        var response = new OperationResponse(docs, sink);
        await Parallel.ForEachAsync(docs, async (d, ct) => await response.AddResultAsync(d, OperationStatus.Success, "200", "OK", null, ct));
        Assert.That(await response.CompleteAsync(), Is.Empty);
        Assert.That(sink.Results, Has.Count.EqualTo(200));
    }

    [Test]
    public async Task An_expected_record_count_is_only_for_an_unfinished_input_document()
    {
        var doc = Doc("a");
        var response = new OperationResponse([doc], new ResultCollector());

        await response.ReportExpectedRecordsAsync(doc, 3);
        await response.FinishPartialResultAsync(doc, OperationStatus.Success, "200", "0 records");

        await Assert.ThrowsAsync<ResultInvariantException>(async () => await response.ReportExpectedRecordsAsync(doc, 3));
        await Assert.ThrowsAsync<ResultInvariantException>(async () => await response.ReportExpectedRecordsAsync(Doc("b"), 3));
        Assert.That(response.Violations, Has.Count.EqualTo(2));
    }
}
