namespace Connector.Sandbox;

/// <summary>Settings of a <see cref="ConnectSandbox"/>.</summary>
public sealed class SandboxOptions
{
    /// <summary>The API key a client must send when it does not configure one: <c>Authorization: ApiKey SU-000-000-000:sandbox-secret</c>.</summary>
    public const string DefaultApiKey = "SU-000-000-000:sandbox-secret";

    /// <summary>TCP port on 127.0.0.1; 0 (the default) picks a free port.</summary>
    public int Port { get; init; }

    /// <summary>Seed of the generated data and of fraction-based faults; the same seed gives the same data.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>How many records each seeded collection holds (200 by default).</summary>
    public int RecordsPerType { get; init; } = 200;

    /// <summary>How many assets to seed, overriding <see cref="RecordsPerType"/> (benchmarks use 10^5 to 10^6).</summary>
    public int? AssetCount { get; init; }

    /// <summary>How many usage records to seed, overriding <see cref="RecordsPerType"/>.</summary>
    public int? UsageRecordCount { get; init; }

    /// <summary>The key clients must send as <c>Authorization: ApiKey &lt;key&gt;</c>.</summary>
    public string ApiKey { get; init; } = DefaultApiKey;

    /// <summary>Faults active from the start (more can be added at run time through <see cref="ConnectSandbox.Faults"/>).</summary>
    public IReadOnlyList<FaultRule> Faults { get; init; } = [];

    /// <summary>How many request log entries are kept (the oldest are dropped); 100,000 by default.</summary>
    public int RequestLogCapacity { get; init; } = 100_000;

    /// <summary>Time source of created and updated timestamps; the system clock by default.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
