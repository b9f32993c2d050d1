using Connector.Core.Documents;
using Connector.Operations.Requests;
using Connector.Tests.Reliability;
using NJsonSchema;
using NUnit.Framework;

namespace Connector.Tests.Operations.Requests;

/// <summary>
/// The warning that names the body fields an action does not take: each field once per operation, and a document's new
/// fields in one line even when documents run in parallel (as `listen | exec` runs them).
/// </summary>
[TestFixture]
public sealed class LeftOutFieldsTests
{
    private static readonly string[] Fields = [.. Enumerable.Range(0, 20).Select(i => "field_" + i.ToString("00", System.Globalization.CultureInfo.InvariantCulture))];

    [Test]
    public async Task Documents_checked_in_parallel_name_the_same_new_fields_in_one_warning()
    {
        var profile = new InputProfile(new JsonSchema(), "request APPROVE");
        var splits = 0;
        for (var run = 0; run < 200; run++)
        {
            using var logs = new RecordingLoggerFactory();
            var fields = new LeftOutFields(logs.CreateLogger("LeftOutFields"), strict: false);
            using var start = new Barrier(8);
            // Threads of their own (not the pool's, which a barrier of 8 would starve on 2 cores), released together.
            var messages = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Factory.StartNew(
                () =>
                {
                    start.SignalAndWait();
                    return fields.Check(TrackedDocument.Empty("d" + i), profile, Fields, []);
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default)));

            Assert.That(messages, Is.All.Contains("field_00"), "every document's result names its fields");
            splits += logs.Lines.Count(l => l.StartsWith("Warning", StringComparison.Ordinal)) == 1 ? 0 : 1;
        }

        Assert.That(splits, Is.Zero, "runs whose warning came in more than one line");
    }

    [Test]
    public void A_field_is_named_once_per_operation_and_a_new_one_in_a_warning_of_its_own()
    {
        var profile = new InputProfile(new JsonSchema(), "request APPROVE");
        using var logs = new RecordingLoggerFactory();
        var fields = new LeftOutFields(logs.CreateLogger("LeftOutFields"), strict: false);

        fields.Check(TrackedDocument.Empty("d1"), profile, ["a", "b"], []);
        fields.Check(TrackedDocument.Empty("d2"), profile, ["a", "b"], []);
        fields.Check(TrackedDocument.Empty("d3"), profile, ["b", "c"], []);

        var warnings = logs.Lines.Where(l => l.StartsWith("Warning", StringComparison.Ordinal)).ToList();
        Assert.That(warnings, Has.Count.EqualTo(2));
        Assert.That(warnings[0], Does.Contain("documents): a, b |"));
        Assert.That(warnings[1], Does.Contain("documents): c |"));
    }
}
