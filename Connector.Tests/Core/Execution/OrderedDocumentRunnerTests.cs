using Connector.Core.Documents;
using Connector.Core.Execution;
using Connector.Core.Results;
using Connector.Core.Testing;
using NUnit.Framework;

namespace Connector.Tests.Core.Execution;

[TestFixture]
public sealed class OrderedDocumentRunnerTests
{
    [Test]
    public async Task Reports_in_input_order_whatever_the_completion_order()
    {
        var documents = Enumerable.Range(0, 40).Select(i => TrackedDocument.FromText("d" + i, "{}")).ToList();
        var collector = new ResultCollector();
        var response = new OperationResponse(documents, collector);
        await new OrderedDocumentRunner(response, documents).RunEachAsync(
            8,
            async (d, ct) =>
            {
                await Task.Delay(Random.Shared.Next(0, 5), ct);
                return DocumentOutcome.Success(200, null, d.TrackingId);
            },
            CancellationToken.None);
        Assert.That(collector.Results.Select(r => r.TrackingId), Is.EqualTo(documents.Select(d => d.TrackingId)));
    }

    [Test]
    public async Task An_exception_in_one_document_stays_with_that_document()
    {
        var documents = Enumerable.Range(0, 3).Select(i => TrackedDocument.FromText("d" + i, "{}")).ToList();
        var collector = new ResultCollector();
        var response = new OperationResponse(documents, collector);
        await new OrderedDocumentRunner(response, documents).RunEachAsync(
            2,
            (d, _) => d.TrackingId == "d1" ? throw new InvalidOperationException("kaput") : Task.FromResult(DocumentOutcome.Success(200, null)),
            CancellationToken.None);
        Assert.That(collector.Results.Select(r => r.Status), Is.EqualTo(new[] { OperationStatus.Success, OperationStatus.Failure, OperationStatus.Success }));
        Assert.That(collector.Results[1].Message, Does.Contain("kaput"));
        Assert.That(collector.Results[1].StatusCode, Is.EqualTo("UNEXPECTED"));
    }

    [Test]
    public async Task The_connector_maps_exceptions_to_its_own_outcomes()
    {
        var documents = new[] { TrackedDocument.FromText("d0", "{}") };
        var collector = new ResultCollector();
        var response = new OperationResponse(documents, collector);
        await new OrderedDocumentRunner(response, documents, ex => DocumentOutcome.ApplicationError("REFUSED", "refused: " + ex.Message)).RunEachAsync(
            1,
            (_, _) => throw new ArgumentException("no name"),
            CancellationToken.None);
        Assert.That(collector.Results.Single(), Has.Property(nameof(OperationResult.Status)).EqualTo(OperationStatus.ApplicationError)
            .And.Property(nameof(OperationResult.StatusCode)).EqualTo("REFUSED")
            .And.Property(nameof(OperationResult.Message)).EqualTo("refused: no name"));
    }

    [Test]
    public async Task Cancellation_keeps_finished_results_and_marks_the_rest_cancelled()
    {
        var documents = Enumerable.Range(0, 10).Select(i => TrackedDocument.FromText("d" + i, "{}")).ToList();
        var collector = new ResultCollector();
        var response = new OperationResponse(documents, collector);
        using var cancel = new CancellationTokenSource();
        await new OrderedDocumentRunner(response, documents).RunEachAsync(
            1,
            async (d, ct) =>
            {
                if (d.TrackingId == "d3")
                {
                    await cancel.CancelAsync();
                    await Task.Delay(Timeout.Infinite, ct);
                }

                return DocumentOutcome.Success(200, null);
            },
            cancel.Token);
        Assert.That(await response.CompleteAsync(), Is.Empty);
        var results = collector.ToDocumentResults(documents.Select(d => d.TrackingId));
        Assert.That(results.Take(3).Select(r => r.Status), Is.All.EqualTo(OperationStatus.Success));
        Assert.That(results.Skip(3).Select(r => r.StatusCode), Is.All.EqualTo(OperationResponse.CancelledCode));
        Assert.That(results.Select(r => r.FinalResultCount), Is.All.EqualTo(1));
    }
}
