using Connector.Benchmarks.Harness;
using Connector.Sandbox;

namespace Connector.Benchmarks.Scenarios;

/// <summary>
/// A paired scenario whose runs change server state (approvals, closes): before every run (outside the timed
/// region) the sandbox is restarted with the same seed and options, so every run of either side starts from the same
/// data and does exactly the same work on the same ids. The sandbox runs in a child process
/// (<see cref="SandboxProcess"/>), started before the first run; a restart replaces its sandbox inside that same,
/// already warm process, so no timed run pays for the server's JIT and start-up.
/// </summary>
internal abstract class SandboxRestartScenario(SandboxOptions options) : PairedScenario
{
    private IReadOnlyList<SandboxRequestLogEntry> _connectorRequests = [];

    protected SandboxProcess? Sandbox { get; private set; }

    protected SandboxProcess CurrentSandbox => Sandbox ?? throw new InvalidOperationException("no sandbox is running");

    public override SandboxProcess? Server => Sandbox;

    public override async Task PrepareAsync(Side side, CancellationToken cancellationToken)
    {
        if (Sandbox is null)
        {
            Sandbox = await SandboxProcess.StartAsync(options, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await Sandbox.RestartAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public override async Task VerifyAsync(Side side, CancellationToken cancellationToken)
    {
        var requests = await CurrentSandbox.GetRequestLogAsync(cancellationToken).ConfigureAwait(false);
        if (side == Side.Connector)
        {
            _connectorRequests = requests;
        }
        else
        {
            RequestLogComparison.EnsureSame(GetType().Name, _connectorRequests, requests);
        }
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
