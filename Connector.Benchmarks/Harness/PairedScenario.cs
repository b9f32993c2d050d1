namespace Connector.Benchmarks.Harness;

/// <summary>
/// A workload run by the connector and by the raw HttpClient baseline. <see cref="PrepareAsync"/> runs before each
/// timed run, outside the timed region (fresh data: the sandbox reset to its seed); <see cref="RunAsync"/> is timed and returns
/// how many items it completed, which must equal <see cref="ExpectedItems"/> so both sides provably did the same work.
/// </summary>
internal abstract class PairedScenario : IAsyncDisposable
{
    public abstract long ExpectedItems { get; }

    /// <summary>
    /// The child process serving the sandbox both sides talk to, when it runs out of process: the runner collects its
    /// garbage before each timed run as it does its own, and reports its CPU time per run. Null when there is none.
    /// </summary>
    public virtual SandboxProcess? Server => null;

    public virtual Task PrepareAsync(Side side, CancellationToken cancellationToken) => Task.CompletedTask;

    public abstract Task<long> RunAsync(Side side, CancellationToken cancellationToken);

    /// <summary>After a run (outside timing): a check of what the server saw, for example that both sides sent the same requests.</summary>
    public virtual Task VerifyAsync(Side side, CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
