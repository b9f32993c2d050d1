using Connector.Benchmarks.Harness;
using Connector.Sandbox;

namespace Connector.Benchmarks.Scenarios;

/// <summary>
/// A paired scenario whose runs change server state (approvals, closes): before every run (outside the timed
/// region) the sandbox is restarted with the same seed and options, so every run of either side starts from the same
/// data and does exactly the same work on the same ids.
/// </summary>
internal abstract class SandboxRestartScenario(SandboxOptions options) : PairedScenario
{
    private IReadOnlyList<SandboxRequestLogEntry> _connectorRequests = [];

    protected ConnectSandbox? Sandbox { get; private set; }

    protected ConnectSandbox CurrentSandbox => Sandbox ?? throw new InvalidOperationException("no sandbox is running");

    public override async Task PrepareAsync(Side side, CancellationToken cancellationToken)
    {
        if (Sandbox is not null)
        {
            await Sandbox.DisposeAsync().ConfigureAwait(false);
        }

        Sandbox = await ConnectSandbox.StartAsync(options, cancellationToken).ConfigureAwait(false);
    }

    public override Task VerifyAsync(Side side, CancellationToken cancellationToken)
    {
        var requests = CurrentSandbox.RequestLog.Entries;
        if (side == Side.Connector)
        {
            _connectorRequests = requests;
        }
        else
        {
            RequestLogComparison.EnsureSame(GetType().Name, _connectorRequests, requests);
        }

        return Task.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        if (Sandbox is not null)
        {
            await Sandbox.DisposeAsync().ConfigureAwait(false);
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }
}
