using Connector.Sandbox;
using NUnit.Framework;

namespace Connector.Tests.Host;

/// <summary>Command-line tests against one sandbox per fixture, on 127.0.0.1 and a free port, with its URL and key as flags.</summary>
public abstract class HostSandboxFixture
{
    private ConnectSandbox? _sandbox;

    /// <summary>The fixture's sandbox (started before the first test).</summary>
    protected ConnectSandbox Sandbox => _sandbox ?? throw new InvalidOperationException("the sandbox starts before the first test");

    /// <summary>The flags that point a command at <see cref="Sandbox"/>.</summary>
    protected string[] Connection => ["--url", Sandbox.BaseUrl.ToString(), "--api-key", SandboxOptions.DefaultApiKey];

    /// <summary>Records generated per object type.</summary>
    protected virtual int RecordsPerType => 20;

    [OneTimeSetUp]
    public async Task StartSandbox() => _sandbox = await ConnectSandbox.StartAsync(new SandboxOptions { Port = 0, Seed = 42, RecordsPerType = RecordsPerType });

    [OneTimeTearDown]
    public async Task StopSandbox()
    {
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }
    }
}
