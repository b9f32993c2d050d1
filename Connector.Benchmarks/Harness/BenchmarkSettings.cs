namespace Connector.Benchmarks.Harness;

/// <summary>Sizes of every scenario: the full run, or 1/10 of it with <c>--quick</c>.</summary>
internal sealed record BenchmarkSettings
{
    public int SearchRecords { get; init; } = 200_000;

    public int MemorySmallRecords { get; init; } = 100_000;

    public int MemoryLargeRecords { get; init; } = 1_000_000;

    public int Actions { get; init; } = 5_000;

    public int BulkCloseRecords { get; init; } = 100_000;

    public int Rounds { get; init; } = 5;

    /// <summary>
    /// Untimed runs of each side before the timed rounds of a paired scenario. A full-size run lasts seconds, so one
    /// settles the runtime's tiered compilation; a quick run lasts a fraction of a second and needs a few.
    /// </summary>
    public int WarmupRuns { get; init; } = 1;

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
        Rounds = 3,
        WarmupRuns = 3,
        BrowseColdRounds = 2,
    };
}
