namespace Connector.Benchmarks.Harness;

/// <summary>Sizes of every scenario: the full run, or 1/10 of it with <c>--quick</c>.</summary>
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
    /// Timed rounds of the scenarios that change data (actions, bulk-close), whose sandbox restarts before every run.
    /// Their single rounds move most: the per-round ratios of one full actions run ranged from 0.77 to 1.43, and the
    /// medians of eleven moved the ratio between 0.95 and 1.20 over six runs of builds with the same connector code,
    /// against a 1.05 target. Twenty-one rounds narrow that spread by about a quarter (the median's error shrinks with
    /// the square root of the rounds). They cost little more than eleven did: a restart re-checks its selection through
    /// the fields the sandbox computes from the seed instead of building every request (a round of both sides took
    /// about 15 s before, 8 s now).
    /// </summary>
    public int StateChangingRounds { get; init; } = 21;

    /// <summary>
    /// Untimed runs of each side before the timed rounds of a paired scenario. One full-size run does not settle the
    /// runtime's tiered compilation: methods first called in it are promoted once the process goes quiet after it (the
    /// sandbox restart between runs), and that promotion's JIT ran in the first timed round (the connector's actions
    /// round 1 took 1.6-1.8x its later rounds in every full run with one warm-up, 1.2-1.3x with two); a second warm-up
    /// takes most of it, and the median of the rounds the rest. With two, the connector's actions runs still compiled
    /// about 120 methods in the second timed round (a method reaches its 30 calls after a few executions when it runs a
    /// few times per execution: reading the connection settings, opening the 8 connections), 10-30 from the fourth on;
    /// a third warm-up takes that burst. A quick run warms far fewer calls per run (500 APPROVEs instead of 5,000): with
    /// three warm-ups the connector's quick actions rounds still compiled 9-11 methods (3-4 ms of a 0.07 s round) at the
    /// median and got faster round after round; with ten, 1-2 (1 ms) and flat rounds, so a quick run takes ten.
    /// </summary>
    public int WarmupRuns { get; init; } = 3;

    /// <summary>Assets of the <c>sandbox-page</c> scenario: a million in both runs (the sandbox is seeded lazily, so the target size costs nothing to start).</summary>
    public int SandboxPageRecords { get; init; } = 1_000_000;

    public int BrowseColdRounds { get; init; } = 5;

    public static BenchmarkSettings Full { get; } = new();

    public static BenchmarkSettings Quick { get; } = new()
    {
        SearchRecords = 20_000,
        MemorySmallRecords = 10_000,
        MemoryLargeRecords = 100_000,
        Actions = 500,
        BulkCloseRecords = 10_000,
        Rounds = 15,
        StateChangingRounds = 25,
        WarmupRuns = 10,
        BrowseColdRounds = 2,
    };
}
