using Connector.Benchmarks.Cli;
using Connector.Benchmarks.Harness;
using NUnit.Framework;

namespace Connector.Tests.Benchmarks;

/// <summary>
/// <c>profile SCENARIO</c>: its arguments, each mistake named, and a tiny run of one side that prints the process id
/// and a line per run with the documents done (no timing is asserted).
/// </summary>
[TestFixture]
public sealed class SingleSideProfileTests
{
    [Test]
    public void Its_arguments_name_the_scenario_the_side_the_runs_and_the_sizes()
    {
        var plain = BenchmarkArguments.Parse(["profile", "actions"]);
        var named = BenchmarkArguments.Parse(["profile", "bulk-close", "--side", "baseline", "--runs", "5", "--quick"]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(plain.Command, Is.EqualTo("profile"));
            Assert.That(plain.Scenarios, Is.EqualTo(new[] { "actions" }));
            Assert.That(plain.ProfileSide, Is.EqualTo(Side.Connector));
            Assert.That(plain.Rounds, Is.EqualTo(20));
            Assert.That(plain.Quick, Is.False);
            Assert.That(named.Scenarios, Is.EqualTo(new[] { "bulk-close" }));
            Assert.That(named.ProfileSide, Is.EqualTo(Side.Baseline));
            Assert.That(named.Rounds, Is.EqualTo(5));
            Assert.That(named.Quick, Is.True);
        }
    }

    [TestCase(new[] { "profile" }, "profile needs one of actions, actions-client, bulk-close")]
    [TestCase(new[] { "profile", "search" }, "not 'search'")]
    [TestCase(new[] { "profile", "actions", "--side", "both" }, "--side takes connector or baseline, not 'both'")]
    [TestCase(new[] { "profile", "actions", "--side" }, "--side takes connector or baseline")]
    [TestCase(new[] { "profile", "actions", "--runs", "0" }, "--runs takes a whole number above 0, not '0'")]
    [TestCase(new[] { "profile", "actions", "--json", "x.json" }, "unknown argument '--json'")]
    public void A_mistake_is_named(string[] args, string named) =>
        Assert.That(() => BenchmarkArguments.Parse(args), Throws.ArgumentException.With.Message.Contains(named));

    [Test]
    public async Task One_side_runs_alone_and_prints_its_process_and_a_line_per_run()
    {
        var output = new StringWriter();
        var settings = BenchmarkSettings.Quick with { Actions = 20, StateChangingWarmupRuns = 1 };
        await using var scenario = await Connector.Benchmarks.Scenarios.ActionsScenario.CreateAsync(settings.Actions, clientOnly: false, CancellationToken.None);

        var runs = await SingleSideProfile.RunAsync(scenario, "actions", Side.Connector, settings.StateChangingWarmupRuns, 2, output, CancellationToken.None);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(runs, Has.Count.EqualTo(2));
            Assert.That(lines, Has.Length.EqualTo(4));
            Assert.That(lines[0], Does.StartWith($"profile actions, the connector side alone: process {Environment.ProcessId}; warm-up runs: 1; timed runs: 2, of 20 documents each"));
            Assert.That(lines[1], Does.StartWith("run 1/2: 20 done,").And.Contain("B allocated per document"));
            Assert.That(lines[2], Does.StartWith("run 2/2: 20 done,"));
            Assert.That(lines[3], Does.StartWith("median: ").And.Contain("us CPU per document"));
        }
    }
}
