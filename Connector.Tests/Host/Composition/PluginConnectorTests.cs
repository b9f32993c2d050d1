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
        Assert.That(run.Stderr, Does.Contain("Valid object types: greeting."));
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
    public void The_assembly_is_looked_up_in_the_host_folder_then_next_to_the_descriptor_and_nowhere_else()
    {
        var resolver = new IsolatedConnectorTypeResolver("/plugins/x/descriptor/d.json");

        var candidates = resolver.CandidatePaths("My.Connector").ToList();

        Assert.That(candidates, Is.EqualTo(new[] { Path.Combine(Path.GetFullPath(AppContext.BaseDirectory), "My.Connector.dll"), "/plugins/x/descriptor/My.Connector.dll" }));
    }

    [TestCase("../Connector.Tests.PluginConnector")]
    [TestCase("ABSOLUTE")]
    [TestCase("LINK")]
    public async Task An_assembly_outside_the_descriptor_folder_and_the_host_folder_is_refused_even_for_types_unless_allowed(string assembly)
    {
        var directory = Directory.CreateTempSubdirectory("connector-trust-");
        try
        {
            var pluginDll = Path.Combine(Path.GetDirectoryName(PluginDescriptor)!, "Connector.Tests.PluginConnector.dll");
            var name = assembly switch
            {
                "ABSOLUTE" => Path.ChangeExtension(pluginDll, null),
                "LINK" => "Linked.Connector",
                _ => assembly,
            };
            if (assembly == "LINK")
            {
                File.CreateSymbolicLink(Path.Combine(directory.FullName, "Linked.Connector.dll"), pluginDll);
            }

            var folder = Directory.CreateDirectory(Path.Combine(directory.FullName, "greeting")).FullName;
            var descriptor = Path.Combine(assembly == "LINK" ? directory.FullName : folder, "greeting.descriptor.json");
            var text = await File.ReadAllTextAsync(PluginDescriptor);
            await File.WriteAllTextAsync(descriptor, text.Replace("\"Connector.Tests.PluginConnector\"", Newtonsoft.Json.JsonConvert.ToString(name), StringComparison.Ordinal));
            if (assembly.StartsWith("..", StringComparison.Ordinal))
            {
                File.Copy(pluginDll, Path.Combine(directory.FullName, "Connector.Tests.PluginConnector.dll"));
            }

            var types = await HostRun.RunAsync("--descriptor", descriptor, "types");
            var allowed = await HostRun.RunAsync("--descriptor", descriptor, "--allow-external-assembly", "get", "greeting", "abc");

            Assert.That(types.ExitCode, Is.EqualTo(ExitCodes.Usage), types.ToString);
            Assert.That(types.Stderr, Does.Contain("outside the descriptor's folder and the host's").And.Contain("--allow-external-assembly"));
            Assert.That(allowed.ExitCode, Is.EqualTo(ExitCodes.Success), allowed.ToString);
            Assert.That((string?)JObject.Parse(allowed.StdoutLines.Single())["greeting"], Is.EqualTo("hello abc"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Test]
    public async Task Types_describe_and_schema_of_the_connect_descriptor_load_its_connector_from_the_host_folder()
    {
        var directory = Directory.CreateTempSubdirectory("connector-trust-");
        try
        {
            // A rogue copy named like the host's own connector, next to a copy of the descriptor: never loaded.
            var descriptor = Path.Combine(directory.FullName, "connect.descriptor.json");
            var original = Connector.Operations.ConnectConnector.DefaultDescriptorPath;
            var json = JObject.Parse(await File.ReadAllTextAsync(original));
            json["openApi"] = Path.Combine(Path.GetDirectoryName(original)!, (string)json["openApi"]!);
            await File.WriteAllTextAsync(descriptor, json.ToString());
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "Connector.Operations.dll"), "not an assembly");

            var types = await HostRun.RunAsync("--descriptor", descriptor, "types");
            var describe = await HostRun.RunAsync("--descriptor", descriptor, "describe", "request");
            var schema = await HostRun.RunAsync("--descriptor", descriptor, "schema", "request", "APPROVE");

            foreach (var run in new[] { types, describe, schema })
            {
                Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString);
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
