using Connector.Benchmarks.Baseline;
using Connector.Benchmarks.Harness;
using Connector.Sandbox;

namespace Connector.Benchmarks.Scenarios;

/// <summary>
/// A paired scenario whose runs change server state (approvals, closes): before every run (outside the timed
/// region) the sandbox is restarted with the same seed and options, so every run of either side starts from the same
/// data and does exactly the same work on the same ids. The sandbox runs in a child process
/// (<see cref="SandboxProcess"/>), started before the first run; a restart replaces its sandbox inside that same,
/// already warm process, so no timed run pays for the server's JIT and start-up. After each restart the selection
/// the ids were picked by (<paramref name="collection"/>, <paramref name="rql"/>) is run again and must select the same
/// <paramref name="matching"/> records: proof of the same data, and the seeded records the run will change are
/// generated then, outside the timed region, as a real Connect has its records at rest. The restarted sandbox comes
/// back at the same address, so both sides keep their HTTP clients across runs (the connector its pooled client, the
/// baseline <see cref="Raw"/>) and only reconnect.
/// </summary>
internal abstract class SandboxRestartScenario(SandboxOptions options, string collection, string rql, int matching) : PairedScenario
{
    private IReadOnlyList<SandboxRequestLogEntry> _connectorRequests = [];
    private RawConnectClient? _raw;

    protected SandboxProcess? Sandbox { get; private set; }

    protected SandboxProcess CurrentSandbox => Sandbox ?? throw new InvalidOperationException("no sandbox is running");

    public override SandboxProcess? Server => Sandbox;

    /// <summary>The baseline's client for the current sandbox: the same one across runs while the sandbox keeps its address.</summary>
    protected RawConnectClient Raw => _raw ?? throw new InvalidOperationException("no sandbox is running");

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

        if (_raw is null || _raw.BaseUrl != Sandbox.BaseUrl)
        {
            _raw?.Dispose();
            _raw = new RawConnectClient(Sandbox.BaseUrl);
        }

        var again = await Sandbox.QueryAsync(collection, rql, 0, cancellationToken).ConfigureAwait(false);
        if (again.Matching != matching)
        {
            throw new InvalidOperationException($"{GetType().Name}: the restarted sandbox selects {again.Matching} {collection} by '{rql}', the first selected {matching}");
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
        _raw?.Dispose();
        if (Sandbox is not null)
        {
            await Sandbox.DisposeAsync().ConfigureAwait(false);
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }
}
