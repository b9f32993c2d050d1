namespace Connector.Benchmarks.Harness;

/// <summary>Sizes of every scenario (the full run, or 1/10 of it with <c>--quick</c>), and whether the run calibrates.</summary>
internal sealed record BenchmarkSettings
{
    public int SearchRecords { get; init; } = 200_000;

    public int MemorySmallRecords { get; init; } = 100_000;

    public int MemoryLargeRecords { get; init; } = 1_000_000;

    public int Actions { get; init; } = 5_000;

    public int BulkCloseRecords { get; init; } = 100_000;

    /// <summary>
    /// Timed rounds of each paired scenario (and runs of the CLI and page timings); the reported figure is their median.
    /// A full actions round (about 0.4 s) moves by 10-50%: twenty rounds of the actions baseline against itself ranged
    /// from 0.75 to 1.51 (median 0.96). A bulk-close round is mostly the sandbox's work, and the sandbox child's CPU for
    /// the same 100,000 closes ranged from 1.97 to 2.63 s between runs of one side. With seven rounds the two sides'
    /// medians still moved the actions and bulk-close ratios by about 5% between runs of one build, as much as the
    /// margin their targets leave, so a full run takes eleven. A quick round lasts a tenth to a quarter of a second,
    /// where one descheduled thread moves it by 20-80% (three quick rounds gave search 1.82, then 1.18 on one build
    /// minutes apart): a quick run takes fifteen, still far shorter than a full one.
    /// </summary>
    public int Rounds { get; init; } = 11;

    /// <summary>
    /// Timed rounds of the scenarios that change data (actions, bulk-close), whose sandbox data is reset to its seed
    /// before every run. Their single rounds move most: the per-round ratios of one full actions run ranged from 0.77 to
    /// 1.43, and the medians of eleven moved the ratio between 0.95 and 1.20 over six runs of builds with the same
    /// connector code, against a 1.05 target; twenty-one narrowed that by about a quarter (the median's error shrinks
    /// with the square root of the rounds). Since a run's data is reset instead of the sandbox restarted (its server,
    /// connections and generated records kept), a round costs the runs themselves and two GCs: a quick actions round
    /// of both sides 0.34 s instead of 1.1 s, so a full run takes forty-one and a quick one seventy-five. Quick rounds
    /// are short (500 APPROVEs in 0.06 s) and their ratios range from 0.6 to 2.0 by themselves: with twenty-five the
    /// quick actions median moved between 0.89 and 1.15 over ten runs of one build; with seventy-five between 1.03
    /// and 1.06 over four runs, and between 0.95 and 1.09 over four more (with sixty warm-ups), so still by several
    /// hundredths either way.
    /// </summary>
    public int StateChangingRounds { get; init; } = 41;

    /// <summary>
    /// Untimed runs of each side before the timed rounds of a paired scenario. One full-size run does not settle the
    /// runtime's tiered compilation: methods first called in it are promoted once the process goes quiet after it (the
    /// pause between runs), and that promotion's JIT ran in the first timed round (the connector's actions
    /// round 1 took 1.6-1.8x its later rounds in every full run with one warm-up, 1.2-1.3x with two); a second warm-up
    /// takes most of it, and the median of the rounds the rest. With two, the connector's actions runs still compiled
    /// about 120 methods in the second timed round (a method reaches its 30 calls after a few executions when it runs a
    /// few times per execution: reading the connection settings, opening the 8 connections), 10-30 from the fourth on;
    /// a third warm-up takes that burst. A quick run warms far fewer calls per run (500 APPROVEs instead of 5,000): with
    /// three warm-ups the connector's quick actions rounds still compiled 9-11 methods (3-4 ms of a 0.07 s round) at the
    /// median and got faster round after round; with ten, 1-2 (1 ms) and flat rounds, so a quick run takes ten.
    /// </summary>
    public int WarmupRuns { get; init; } = 3;

    /// <summary>
    /// Untimed runs of each side before the timed rounds of the scenarios that change data. As <see cref="WarmupRuns"/>,
    /// except in a quick run: the runtime promotes a method through its tiers after about thirty calls at each, so code
    /// that runs once per execution (the operation's set-up: settings read, client looked up, context built) is still
    /// being compiled until the connector's sixtieth execution or so. With ten warm-ups its compilation cost 2-4 ms of
    /// client CPU in most timed quick rounds of 0.06 s (4-5 methods a round, client CPU 1.18x the baseline's); with
    /// sixty, none (0 methods at the median; client CPU 1.02-1.19x over four runs). A long-running host pays that once,
    /// in its first minute, so the quick run warms past it; a full run's rounds are ten times longer and keep three.
    /// </summary>
    public int StateChangingWarmupRuns { get; init; } = 3;

    /// <summary>Assets of the <c>sandbox-page</c> scenario: a million in both runs (the sandbox is seeded lazily, so the target size costs nothing to start).</summary>
    public int SandboxPageRecords { get; init; } = 1_000_000;

    public int BrowseColdRounds { get; init; } = 5;

    /// <summary>
    /// <c>--calibrate</c>: the paired scenarios run the baseline in the connector's slot too (same preparation, checks,
    /// order and timing), so their ratios measure the harness, not the connector: how far from 1.00 identical code lands
    /// with this many rounds on this machine. Identical code got actions ratios of 0.97 and 0.96 in two calibrating runs of
    /// forty-one rounds (95% intervals 0.93-1.05 and 0.89-1.00), 1.02-1.05 in four of twenty-one: the harness alone moves
    /// a ratio by about 0.05 either way, as much as the margin of the 1.05 targets.
    /// </summary>
    public bool Calibrate { get; init; }

    public static BenchmarkSettings Full { get; } = new();

    public static BenchmarkSettings Quick { get; } = new()
    {
        SearchRecords = 20_000,
        MemorySmallRecords = 10_000,
        MemoryLargeRecords = 100_000,
        Actions = 500,
        BulkCloseRecords = 10_000,
        Rounds = 15,
        StateChangingRounds = 75,
        WarmupRuns = 10,
        StateChangingWarmupRuns = 60,
        BrowseColdRounds = 2,
    };
}
