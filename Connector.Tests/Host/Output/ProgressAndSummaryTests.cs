using Connector.Core.Documents;
using Connector.Core.Operations;
using Connector.Core.Results;
using Connector.Host.Output;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;

namespace Connector.Tests.Host.Output;

/// <summary>The progress line with a known total, and summaries in words.</summary>
[TestFixture]
public sealed class ProgressAndSummaryTests
{
    [Test]
    public void With_a_known_total_progress_shows_count_of_total_percent_rate_and_time_left()
    {
        var summary = new RunSummary();
        for (var i = 0; i < 20; i++)
        {
            summary.AddFinal(new OperationResult("line-" + i, OperationStatus.Success, "200", "OK", [], false));
        }

        var progress = new ProgressLine(TextWriter.Null, new FakeTimeProvider(), summary, enabled: true) { Total = 100 };

        Assert.That(progress.Describe(TimeSpan.FromSeconds(10)), Is.EqualTo("20/100 documents (20%), 2 per second, about 40.0 s left"));
    }

    [Test]
    public async Task A_query_total_reported_to_the_writer_makes_progress_count_records_toward_it()
    {
        var summary = new RunSummary();
        var progress = new ProgressLine(TextWriter.Null, new FakeTimeProvider(), summary, enabled: true);
        var writer = new ResultWriter(TextWriter.Null, new JsonLinesOutput(TextWriter.Null, null), TextWriter.Null, summary, progress, false, null, new FakeTimeProvider());
        var query = TrackedDocument.Empty("query");
        var response = new OperationResponse([query], writer);

        await response.ReportExpectedRecordsAsync(query, 200);
        for (var i = 0; i < 40; i++)
        {
            await response.AddPartialResultAsync(query, Payload.FromJsonBytes("{\"id\":1}"u8.ToArray()));
        }

        Assert.That(progress.ExpectedRecords, Is.EqualTo(200));
        Assert.That(progress.Describe(TimeSpan.FromSeconds(10)), Is.EqualTo("40/200 records (20%), 4 per second, about 40.0 s left"));
    }

    [Test]
    public void A_known_record_total_wins_over_a_document_total_and_a_total_of_zero_shows_plain_counts()
    {
        var summary = new RunSummary();
        summary.AddRecord();
        var progress = new ProgressLine(TextWriter.Null, new FakeTimeProvider(), summary, enabled: true) { Total = 10, ExpectedRecords = 4 };
        var empty = new ProgressLine(TextWriter.Null, new FakeTimeProvider(), summary, enabled: true) { ExpectedRecords = 0 };

        Assert.That(progress.Describe(TimeSpan.FromSeconds(1)), Is.EqualTo("1/4 records (25%), 1 per second, about 3.00 s left"));
        Assert.That(empty.Describe(TimeSpan.FromSeconds(1)), Is.EqualTo("1 records, 0 documents done, 1 per second"));
    }

    [Test]
    public void Summaries_read_naturally_and_leave_out_zero_counts()
    {
        var summary = new RunSummary();
        foreach (var status in new[] { OperationStatus.Success, OperationStatus.Success, OperationStatus.Success, OperationStatus.ApplicationError })
        {
            summary.AddFinal(new OperationResult("t", status, status == OperationStatus.Success ? "200" : "400", "x", [], false));
        }

        summary.AddFinal(new OperationResult("t", OperationStatus.Success, "404", "not found", [], false));

        Assert.That(summary.Format("exec request APPROVE", "approved", query: false, TimeSpan.FromSeconds(1.234)), Is.EqualTo("exec request APPROVE: 3 approved, 1 not found, 1 application error in 1.23 s"));
        Assert.That(summary.Format(null, "approved", query: false, TimeSpan.FromSeconds(75)), Does.EndWith(" in 1 min 15 s"));
    }

    [TestCase("APPROVE", "approved")]
    [TestCase("SUBMIT", "submitted")]
    [TestCase("BULK_CLOSE", "closed")]
    [TestCase("PENDING", "set pending")]
    [TestCase("UPLOAD_RECONCILIATION", "uploaded")]
    public void Actions_are_told_in_the_past_tense(string action, string expected) =>
        Assert.That(RunSummary.PastTense(OperationType.Execute(action)), Is.EqualTo(expected));
}
