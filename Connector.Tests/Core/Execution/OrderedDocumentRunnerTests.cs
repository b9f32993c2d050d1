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
    public async Task A_result_is_reported_as_soon_as_every_document_before_it_has_settled()
    {
        // Each document's work waits until the result of the document before it was reported: a settled document left
        // unreported until the run ends (a lost hand-over between the units) would stop the run, and the timeout fails it.
        for (var run = 0; run < 20; run++)
        {
            var documents = Enumerable.Range(0, 200).Select(i => TrackedDocument.FromText("d" + i, "{}")).ToList();
            var reported = documents.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
            var sink = new SignallingSink(result => reported[int.Parse(result.TrackingId[1..], System.Globalization.CultureInfo.InvariantCulture)].SetResult());
            var response = new OperationResponse(documents, sink);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await new OrderedDocumentRunner(response, documents).RunEachAsync(
                8,
                async (d, ct) =>
                {
                    var i = int.Parse(d.TrackingId[1..], System.Globalization.CultureInfo.InvariantCulture);
                    await Task.Delay(Random.Shared.Next(0, 2), ct);
                    if (i > 0)
                    {
                        await reported[i - 1].Task.WaitAsync(ct);
                    }

                    return DocumentOutcome.Success(200, null);
                },
                timeout.Token);

            Assert.That(timeout.IsCancellationRequested, Is.False, $"run {run}: a settled document was not reported until the run ended");
            Assert.That(sink.TrackingIds, Is.EqualTo(documents.Select(d => d.TrackingId)));
        }
    }

    [Test]
    public async Task Units_wait_for_a_slow_sink_instead_of_running_ahead_of_it()
    {
        var documents = Enumerable.Range(0, 100).Select(i => TrackedDocument.FromText("d" + i, "{}")).ToList();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sink = new SignallingSink(_ => { }, release.Task);
        var response = new OperationResponse(documents, sink);
        var started = 0;
        var run = new OrderedDocumentRunner(response, documents).RunEachAsync(
            4,
            (_, _) =>
            {
                Interlocked.Increment(ref started);
                return Task.FromResult(DocumentOutcome.Success(200, null));
            },
            CancellationToken.None);

        // The sink holds the first result: the units may settle a few documents ahead of it, then wait.
        await Task.Delay(300);
        var startedWhileHeld = Volatile.Read(ref started);
        release.SetResult();
        await run;

        Assert.That(startedWhileHeld, Is.LessThanOrEqualTo(1 + (4 * 3)), "documents settled while the sink held the first result");
        Assert.That(sink.TrackingIds, Is.EqualTo(documents.Select(d => d.TrackingId)));
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

    /// <summary>A sink that keeps the tracking ids in the order reported, tells each result to a callback, and may hold every result until a task completes.</summary>
    private sealed class SignallingSink(Action<OperationResult> onResult, Task? holdUntil = null) : IOperationResultSink
    {
        private readonly List<string> _trackingIds = [];

        public IReadOnlyList<string> TrackingIds
        {
            get
            {
                lock (_trackingIds)
                {
                    return [.. _trackingIds];
                }
            }
        }

        public async ValueTask OnResultAsync(OperationResult result, CancellationToken cancellationToken)
        {
            if (holdUntil is not null)
            {
                await holdUntil.WaitAsync(cancellationToken);
            }

            lock (_trackingIds)
            {
                _trackingIds.Add(result.TrackingId);
            }

            onResult(result);
        }
    }
}
