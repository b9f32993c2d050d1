using System.Text.Json;
using NUnit.Framework;
using Connector.Benchmarks.Cli;
using Connector.Benchmarks.Harness;

namespace Connector.Tests.Benchmarks;

/// <summary>
/// Proves the benchmark harness works end to end on a tiny search (2,000 records, one round): the sandbox starts,
/// both sides run and send the same requests, and the report has a row with positive numbers. No timing is asserted.
/// </summary>
[TestFixture]
public sealed class BenchmarkHarnessTests
{
    [Test]
    public async Task A_tiny_search_run_reports_a_row_with_positive_numbers_in_the_table_and_the_json()
    {
        var settings = BenchmarkSettings.Quick with { SearchRecords = 2_000, Rounds = 1 };

        var rows = await BenchmarkCommand.RunScenariosAsync(["search"], settings, TextWriter.Null, CancellationToken.None);

        Assert.That(rows, Has.Count.EqualTo(1));
        var row = rows[0];
        Assert.Multiple(() =>
        {
            Assert.That(row.Scenario, Is.EqualTo("search"));
            Assert.That(row.Records, Is.EqualTo(2_000));
            Assert.That(row.ConnectorSeconds, Is.GreaterThan(0));
            Assert.That(row.BaselineSeconds, Is.GreaterThan(0));
            Assert.That(row.Ratio, Is.GreaterThan(0));
            Assert.That(row.ConnectorRecordsPerSecond, Is.GreaterThan(0));
            Assert.That((row.RatioLow, row.RatioHigh), Is.EqualTo((row.Ratio, row.Ratio)), "one round: the interval is its ratio");
            Assert.That(row.Met, Is.Not.Null);
            Assert.That(ResultReport.Table(rows), Does.Contain("search").And.Contain("ratio 95%"));
            Assert.That(row.Notes, Does.Match(@"JIT per run c/b: median \d+/\d+ ms, \d+/\d+ methods compiled"));
        });

        var path = Path.Combine(Path.GetTempPath(), "bench-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            await ResultReport.WriteJsonAsync(path, rows, CancellationToken.None);
            using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(path));
            var first = json.RootElement[0];
            Assert.Multiple(() =>
            {
                Assert.That(first.GetProperty("scenario").GetString(), Is.EqualTo("search"));
                Assert.That(first.GetProperty("records").GetInt64(), Is.EqualTo(2_000));
                Assert.That(first.GetProperty("connector_s").GetDouble(), Is.GreaterThan(0));
                Assert.That(first.GetProperty("baseline_s").GetDouble(), Is.GreaterThan(0));
                Assert.That(first.GetProperty("ratio").GetDouble(), Is.GreaterThan(0));
                Assert.That(first.GetProperty("ratio_95_low").GetDouble(), Is.GreaterThan(0));
                Assert.That(first.GetProperty("ratio_95_high").GetDouble(), Is.GreaterThan(0));
                Assert.That(first.TryGetProperty("peak_working_set_mb", out _), Is.True);
                Assert.That(first.TryGetProperty("notes", out _), Is.True);
            });
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public async Task A_calibrating_run_times_the_baseline_twice_and_reports_no_target()
    {
        var settings = BenchmarkSettings.Quick with { SearchRecords = 2_000, Rounds = 1, WarmupRuns = 1, Calibrate = true };

        var rows = await BenchmarkCommand.RunScenariosAsync(["search"], settings, TextWriter.Null, CancellationToken.None);

        var row = rows.Single();
        Assert.Multiple(() =>
        {
            Assert.That(row.Met, Is.Null);
            Assert.That(row.Target, Is.EqualTo("calibration: 1.00"));
            Assert.That(row.Notes, Does.StartWith("CALIBRATION, the baseline in both slots"));
            Assert.That(row.Notes, Does.Contain("JIT per run c/b: median"));
            Assert.That(ResultReport.Table(rows), Does.Contain("calibration: 1.00"));
        });
    }

    [Test]
    public async Task The_actions_client_diagnostic_sends_the_same_approvals_through_the_connectors_client_and_has_no_target()
    {
        var settings = BenchmarkSettings.Quick with { Actions = 20, StateChangingRounds = 1, StateChangingWarmupRuns = 1 };

        var rows = await BenchmarkCommand.RunScenariosAsync(["actions-client"], settings, TextWriter.Null, CancellationToken.None);

        var row = rows.Single();
        Assert.Multiple(() =>
        {
            Assert.That(row.Scenario, Is.EqualTo("actions-client"));
            Assert.That(row.Records, Is.EqualTo(20));
            Assert.That(row.ConnectorSeconds, Is.GreaterThan(0));
            Assert.That(row.Met, Is.Null);
            Assert.That(row.Target, Is.Empty);
            Assert.That(row.Notes, Does.StartWith("DIAGNOSTIC, the connector's HTTP client alone"));
            Assert.That(row.Notes, Does.Contain("same requests (checked)"));
        });
    }

    [Test]
    public void The_paired_notes_give_each_sides_median_jit_per_run()
    {
        var times = new PairedTimes([1.0, 1.0, 1.0], [1.0, 1.0, 1.0], [0.6, 0.6, 0.6], [0.5, 0.5, 0.5])
        {
            ConnectorJit = [new(120, TimeSpan.FromMilliseconds(90)), new(40, TimeSpan.FromMilliseconds(30)), new(60, TimeSpan.FromMilliseconds(45))],
            BaselineJit = [new(3, TimeSpan.FromMilliseconds(2)), new(9, TimeSpan.FromMilliseconds(12)), new(5, TimeSpan.FromMilliseconds(4))],
        };

        Assert.That(times.Describe(), Does.EndWith("process CPU c/b: 1.20; JIT per run c/b: median 45/4 ms, 60/5 methods compiled"));
    }
}
