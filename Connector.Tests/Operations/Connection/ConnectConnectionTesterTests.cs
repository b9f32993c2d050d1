using System.Net;
using System.Net.Sockets;
using Connector.Core.Browsing;
using Connector.Core.Contexts;
using Connector.Core.Descriptors;
using Connector.Operations;
using Connector.Sandbox;
using NUnit.Framework;

namespace Connector.Tests.Operations.Connection;

[TestFixture]
[Category("Sandbox")]
public sealed class ConnectConnectionTesterTests
{
    private ConnectSandbox _sandbox = null!;
    private ConnectConnector _connector = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _sandbox = await ConnectSandbox.StartAsync(new SandboxOptions { RecordsPerType = 5 });
        _connector = new ConnectConnector(await DescriptorLoader.LoadAsync(TestPaths.Descriptor, CancellationToken.None));
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _connector.Dispose();
        await _sandbox.DisposeAsync();
    }

    [Test]
    public async Task A_working_connection_passes() =>
        await _connector.CreateConnectionTester(Properties(_sandbox.BaseUrl.ToString(), SandboxOptions.DefaultApiKey)).TestConnectionAsync(CancellationToken.None);

    [Test]
    public async Task A_rejected_key_says_so_without_showing_it()
    {
        var ex = await Assert.ThrowsAsync<ConnectionTestException>(() =>
            _connector.CreateConnectionTester(Properties(_sandbox.BaseUrl.ToString(), "SU-1:Wrong-Canary-Key")).TestConnectionAsync(CancellationToken.None));
        Assert.That(ex!.Message, Does.Contain("the API key was rejected").And.Not.Contain("Wrong-Canary-Key"));
    }

    [Test]
    public async Task An_unreachable_url_names_the_url_and_the_cause()
    {
        var port = ClosedPort();
        var ex = await Assert.ThrowsAsync<ConnectionTestException>(() =>
            _connector.CreateConnectionTester(Properties($"http://127.0.0.1:{port}/public/v1", SandboxOptions.DefaultApiKey)).TestConnectionAsync(CancellationToken.None));
        Assert.That(ex!.Message, Does.Contain($"cannot reach http://127.0.0.1:{port}").And.Contain("refused"));
    }

    [Test]
    public async Task A_url_that_is_not_a_Connect_API_says_so()
    {
        var root = new Uri(_sandbox.BaseUrl, "/not-connect/v1").ToString();
        var ex = await Assert.ThrowsAsync<ConnectionTestException>(() =>
            _connector.CreateConnectionTester(Properties(root, SandboxOptions.DefaultApiKey)).TestConnectionAsync(CancellationToken.None));
        Assert.That(ex!.Message, Does.Contain("answered but is not a Connect API"));
    }

    private PropertyValues Properties(string url, string key) => new(
        new Dictionary<string, string?> { ["url"] = url, ["apiKey"] = key, ["maxRetries"] = "0" },
        _connector.Descriptor.FindConnectionField,
        "connection");

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
