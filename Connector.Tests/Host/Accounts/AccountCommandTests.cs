using Connector.Host;
using Connector.Sandbox;
using NUnit.Framework;

namespace Connector.Tests.Host.Accounts;

/// <summary>connector account add|list|use|remove and --account, in a temporary config folder (CONNECTOR_CONFIG_DIR).</summary>
[TestFixture]
public sealed class AccountCommandTests
{
    private ConnectSandbox _sandbox = null!;
    private string _folder = null!;

    [OneTimeSetUp]
    public async Task StartSandbox() => _sandbox = await ConnectSandbox.StartAsync(new SandboxOptions { Port = 0, Seed = 42, RecordsPerType = 10 });

    [OneTimeTearDown]
    public async Task StopSandbox() => await _sandbox.DisposeAsync();

    [SetUp]
    public void CreateFolder() => _folder = Path.Combine(Path.GetTempPath(), "connector-accounts-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void DeleteFolder()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Test]
    public async Task Add_stores_the_key_from_stdin_in_a_0600_file_and_never_prints_it()
    {
        var add = await RunAsync(SandboxOptions.DefaultApiKey + "\n", "account", "add", "sandbox", "--url", _sandbox.BaseUrl.ToString());
        var list = await RunAsync(string.Empty, "account", "list");

        Assert.That(add.ExitCode, Is.EqualTo(ExitCodes.Success), add.ToString);
        var file = Path.Combine(_folder, "accounts.json");
        Assert.That(File.Exists(file), Is.True);
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(file), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            Assert.That(File.GetUnixFileMode(_folder), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
        }

        Assert.That(await File.ReadAllTextAsync(file), Does.Contain(SandboxOptions.DefaultApiKey));
        Assert.That(list.Stdout, Does.Contain("* sandbox").And.Contain(_sandbox.BaseUrl.ToString()));
        foreach (var run in new[] { add, list })
        {
            Assert.That(run.Stdout + run.Stderr, Does.Not.Contain("sandbox-secret"), run.ToString);
        }
    }

    [Test]
    public async Task The_account_in_use_or_named_with_account_gives_the_url_and_key()
    {
        await RunAsync(SandboxOptions.DefaultApiKey + "\n", "account", "add", "one", "--url", _sandbox.BaseUrl.ToString());
        await RunAsync("SU-1:other-key\n", "account", "add", "two", "--url", "https://api.example.com/public/v1");

        var inUse = await RunAsync(string.Empty, "-vv", "query", "product", "--max", "1");
        var named = await RunAsync(string.Empty, "--account", "one", "query", "product", "--max", "1");
        await RunAsync(string.Empty, "account", "use", "two");
        var list = await RunAsync(string.Empty, "account", "list");

        Assert.That(inUse.ExitCode, Is.EqualTo(ExitCodes.Success), inUse.ToString);
        Assert.That(inUse.Stderr, Does.Not.Contain("embedded sandbox"));
        Assert.That(inUse.Stdout + inUse.Stderr, Does.Not.Contain("sandbox-secret"));
        Assert.That(named.ExitCode, Is.EqualTo(ExitCodes.Success), named.ToString);
        Assert.That(list.Stdout, Does.Contain("* two").And.Contain("  one"));
    }

    [Test]
    public async Task Flags_and_the_environment_override_and_a_key_never_goes_to_another_url()
    {
        await RunAsync(SandboxOptions.DefaultApiKey + "\n", "account", "add", "one", "--url", "https://api.example.com/public/v1");

        var otherUrl = await RunAsync(string.Empty, "--account", "one", "--url", _sandbox.BaseUrl.ToString(), "query", "product", "--max", "1");
        var environment = new Dictionary<string, string>
        {
            ["CONNECTOR_CONFIG_DIR"] = _folder,
            ["CONNECT_API_URL"] = _sandbox.BaseUrl.ToString(),
            ["CONNECT_API_KEY"] = SandboxOptions.DefaultApiKey,
        };
        var fromEnvironment = await HostRun.RunAsync(string.Empty, environment, CancellationToken.None, "query", "product", "--max", "1");

        Assert.That(otherUrl.ExitCode, Is.EqualTo(ExitCodes.Usage), otherUrl.ToString);
        Assert.That(otherUrl.Stderr, Does.Contain("no API key"));
        Assert.That(fromEnvironment.ExitCode, Is.EqualTo(ExitCodes.Success), fromEnvironment.ToString);
    }

    [Test]
    public async Task Remove_forgets_an_account_and_an_unknown_name_suggests_the_saved_ones()
    {
        await RunAsync(SandboxOptions.DefaultApiKey + "\n", "account", "add", "production", "--url", _sandbox.BaseUrl.ToString());

        var misspelt = await RunAsync(string.Empty, "--account", "prodution", "query", "product");
        var remove = await RunAsync(string.Empty, "account", "remove", "production");
        var list = await RunAsync(string.Empty, "account", "list");

        Assert.That(misspelt.ExitCode, Is.EqualTo(ExitCodes.Usage), misspelt.ToString);
        Assert.That(misspelt.Stderr, Does.Contain("did you mean 'production'?"));
        Assert.That(remove.ExitCode, Is.EqualTo(ExitCodes.Success), remove.ToString);
        Assert.That(list.Stdout, Is.Empty);
    }

    private Task<HostRun> RunAsync(string stdin, params string[] args) =>
        HostRun.RunAsync(stdin, new Dictionary<string, string> { ["CONNECTOR_CONFIG_DIR"] = _folder }, CancellationToken.None, args);
}
