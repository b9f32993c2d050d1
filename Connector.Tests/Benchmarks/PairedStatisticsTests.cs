using Connector.Benchmarks.Cli;
using Connector.Benchmarks.Harness;
using NUnit.Framework;

namespace Connector.Tests.Benchmarks;

/// <summary>
/// The paired scenarios' statistics and calibration: the ratio's bootstrap interval, <c>--calibrate</c> on the command
/// line, and the runner putting the baseline in both slots when calibrating. No timing is asserted: the runs are fakes.
/// </summary>
[TestFixture]
public sealed class PairedStatisticsTests
{
    [Test]
    public void The_interval_of_identical_sides_is_exactly_one()
    {
        double[] rounds = [0.5, 0.61, 0.47, 0.55, 0.52];

        Assert.That(Statistics.BootstrapRatioInterval(rounds, rounds), Is.EqualTo((1.0, 1.0)));
    }

    [Test]
    public void The_interval_brackets_a_real_difference_and_excludes_none_when_the_noise_is_smaller()
    {
        // A connector 10% slower than its baseline in every round, each round's machine speed varying by up to 20%.
        var speeds = Enumerable.Range(0, 41).Select(i => 1.0 + (i * 37 % 21 - 10) / 50.0).ToArray();
        var baseline = speeds.Select(s => 0.5 * s).ToArray();
        var connector = speeds.Select((s, i) => 0.55 * s * (i % 3 == 0 ? 1.02 : 0.99)).ToArray();

        var (low, high) = Statistics.BootstrapRatioInterval(connector, baseline);

        Assert.Multiple(() =>
        {
            Assert.That(low, Is.GreaterThan(1.0), "the difference is far larger than the noise between paired runs");
            Assert.That(low, Is.LessThanOrEqualTo(1.1));
            Assert.That(high, Is.GreaterThanOrEqualTo(1.1 * 0.99));
            Assert.That(high, Is.LessThan(1.2));
            Assert.That(Statistics.BootstrapRatioInterval(connector, baseline), Is.EqualTo((low, high)), "the same rounds give the same interval");
        });
    }

    [Test]
    public void The_interval_widens_with_noisier_rounds_and_refuses_unpaired_ones()
    {
        var baseline = Enumerable.Range(0, 21).Select(i => 0.5 + i % 5 * 0.01).ToArray();
        var quiet = baseline.Select((b, i) => b * (i % 2 == 0 ? 1.03 : 1.07)).ToArray();
        var noisy = baseline.Select((b, i) => b * (i % 2 == 0 ? 0.85 : 1.25)).ToArray();

        var quietInterval = Statistics.BootstrapRatioInterval(quiet, baseline);
        var noisyInterval = Statistics.BootstrapRatioInterval(noisy, baseline);

        Assert.Multiple(() =>
        {
            Assert.That(noisyInterval.High - noisyInterval.Low, Is.GreaterThan(quietInterval.High - quietInterval.Low));
            Assert.That(() => Statistics.BootstrapRatioInterval(quiet, baseline[..20]), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => Statistics.BootstrapRatioInterval([], []), Throws.InstanceOf<ArgumentOutOfRangeException>());
        });
    }

    [Test]
    public void The_paired_notes_start_with_the_ratio_interval()
    {
        var times = new PairedTimes([1.1, 1.0, 1.2], [1.0, 1.0, 1.0], [0.6, 0.6, 0.6], [0.5, 0.5, 0.5]);

        Assert.That(times.Describe(), Does.StartWith("ratio 95% interval 1.00-1.20 (paired bootstrap over 3 rounds); rounds c/b: 1.10 1.00 1.20;"));
    }

    [Test]
    public void Calibrate_names_the_paired_scenarios_by_default_and_refuses_the_others()
    {
        var all = BenchmarkArguments.Parse(["--calibrate", "--rounds", "21"]);
        var named = BenchmarkArguments.Parse(["actions", "--calibrate"]);

        Assert.Multiple(() =>
        {
            Assert.That(all.Calibrate, Is.True);
            Assert.That(all.Scenarios, Is.EqualTo(new[] { "search", "actions", "bulk-close" }));
            Assert.That(all.Rounds, Is.EqualTo(21));
            Assert.That(named.Scenarios, Is.EqualTo(new[] { "actions" }));
            Assert.That(BenchmarkArguments.Parse([]).Calibrate, Is.False);
            Assert.That(BenchmarkArguments.Parse([]).Scenarios, Does.Not.Contain("actions-client"), "a diagnostic runs only when named");
            Assert.That(BenchmarkArguments.Parse(["actions-client", "--calibrate"]).Scenarios, Is.EqualTo(new[] { "actions-client" }));
            Assert.That(
                () => BenchmarkArguments.Parse(["--calibrate", "browse"]),
                Throws.ArgumentException.With.Message.EqualTo("--calibrate applies to the paired scenarios (search, actions, bulk-close, actions-client), not to 'browse'"));
        });
    }

    [TestCase(false, "Connector,Baseline,Connector,Baseline,Baseline,Connector")]
    [TestCase(true, "Baseline,Baseline,Baseline,Baseline,Baseline,Baseline")]
    public async Task The_runner_runs_the_baseline_in_the_connectors_slot_only_when_calibrating(bool calibrate, string expectedRuns)
    {
        var scenario = new RecordingScenario();

        var times = await new PairedRunner(TextWriter.Null, calibrate).RunAsync("fake", scenario, warmupRuns: 1, rounds: 2, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(string.Join(",", scenario.Runs), Is.EqualTo(expectedRuns));
            Assert.That(string.Join(",", scenario.Prepared), Is.EqualTo("Connector,Baseline,Connector,Baseline,Baseline,Connector"), "each slot is prepared as itself");
            Assert.That(times.Connector, Has.Count.EqualTo(2));
            Assert.That(times.Baseline, Has.Count.EqualTo(2));
        });
    }

    private sealed class RecordingScenario : PairedScenario
    {
        public List<Side> Prepared { get; } = [];

        public List<Side> Runs { get; } = [];

        public override long ExpectedItems => 1;

        public override Task PrepareAsync(Side side, CancellationToken cancellationToken)
        {
            Prepared.Add(side);
            return Task.CompletedTask;
        }

        public override Task<long> RunAsync(Side side, CancellationToken cancellationToken)
        {
            Runs.Add(side);
            return Task.FromResult(1L);
        }
    }
}
