using Connector.Host;
using Connector.Host.Composition;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Connector.Tests.Host.Composition;

/// <summary>
/// A second, minimal connector (Connector.Tests.PluginConnector, copied to plugins/greeting/ and not referenced by
/// the tests) runs through the unchanged host, loaded by its descriptor's implementation in its own load context.
/// </summary>
[TestFixture]
public sealed class PluginConnectorTests
{
    private static string PluginDescriptor => Path.Combine(AppContext.BaseDirectory, "plugins", "greeting", "greeting.descriptor.json");

    [Test]
    public async Task The_host_runs_a_plugin_operation_loaded_in_its_own_load_context()
    {
        var run = await HostRun.RunAsync("--descriptor", PluginDescriptor, "get", "GREETING", "abc", "def");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString);
        var payloads = run.StdoutLines.Select(JObject.Parse).ToList();
        Assert.That(payloads.Select(p => (string?)p["greeting"]), Is.EqualTo(new[] { "hello abc", "hello def" }));
        Assert.That(payloads.Select(p => (string?)p["loadContext"]), Is.All.EqualTo("connector:Connector.Tests.PluginConnector"));
        Assert.That(run.Stderr, Does.Not.Contain("sandbox"), "a connector without a url field needs no sandbox");
    }

    [Test]
    public async Task An_unknown_object_of_the_plugin_lists_the_plugin_types()
    {
        var run = await HostRun.RunAsync("--descriptor", PluginDescriptor, "get", "request", "x");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString);
        Assert.That(run.Stderr, Does.Contain("valid object types: greeting"));
    }

    [Test]
    public async Task A_missing_implementation_assembly_is_a_configuration_error_naming_where_it_looked()
    {
        var directory = Directory.CreateTempSubdirectory("connector-plugin-");
        try
        {
            var text = await File.ReadAllTextAsync(PluginDescriptor);
            var descriptor = Path.Combine(directory.FullName, "greeting.descriptor.json");
            await File.WriteAllTextAsync(descriptor, text.Replace("\"Connector.Tests.PluginConnector\"", "\"No.Such.Connector\"", StringComparison.Ordinal));

            var run = await HostRun.RunAsync("--descriptor", descriptor, "get", "greeting", "x");

            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString);
            Assert.That(run.Stderr, Does.Contain("No.Such.Connector.dll"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Test]
    public async Task A_bad_descriptor_is_a_configuration_error()
    {
        var missing = await HostRun.RunAsync("--descriptor", "/nonexistent/x.json", "types");
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "{\"formatVersion\": 1");
            var malformed = await HostRun.RunAsync("--descriptor", file, "types");

            Assert.That(missing.ExitCode, Is.EqualTo(ExitCodes.Usage), missing.ToString);
            Assert.That(missing.Stderr, Does.Contain("does not exist"));
            Assert.That(malformed.ExitCode, Is.EqualTo(ExitCodes.Usage), malformed.ToString);
            Assert.That(malformed.Stderr, Does.Contain("descriptor is invalid"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void The_assembly_is_looked_up_next_to_the_descriptor_then_its_parent_then_the_host()
    {
        var resolver = new IsolatedConnectorTypeResolver("/plugins/x/descriptor/d.json");

        var candidates = resolver.CandidatePaths("My.Connector").ToList();

        Assert.That(candidates.Take(2), Is.EqualTo(new[] { "/plugins/x/descriptor/My.Connector.dll", "/plugins/x/My.Connector.dll" }));
        Assert.That(candidates[^1], Is.EqualTo(Path.Combine(Path.GetFullPath(AppContext.BaseDirectory), "My.Connector.dll")));
    }
}
