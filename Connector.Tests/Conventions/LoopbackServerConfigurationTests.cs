using System.Reflection;
using Connector.Designer;
using Connector.Operations;
using Connector.Sandbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using NUnit.Framework;

namespace Connector.Tests.Conventions;

/// <summary>
/// Every local server (the sandbox, the designer, the webhook receiver) is built by the LoopbackWebApplication compiled
/// into its assembly; none watches its configuration files: reloading them on change would watch the working directory
/// and, on Linux, put an inotify watch on every folder below it (a sandbox started from /tmp held 6,818) and wake the
/// server for every file written there, beside the processes it serves.
/// </summary>
[TestFixture]
public sealed class LoopbackServerConfigurationTests
{
    public static IEnumerable<TestCaseData> Servers()
    {
        yield return new TestCaseData(typeof(ConnectSandbox).Assembly).SetName("Sandbox's server watches no configuration file");
        yield return new TestCaseData(typeof(DesignerServer).Assembly).SetName("Designer's server watches no configuration file");
        yield return new TestCaseData(typeof(ConnectConnector).Assembly).SetName("Webhook receiver's server watches no configuration file");
    }

    [TestCaseSource(nameof(Servers))]
    public void No_configuration_file_is_reloaded_on_change(Assembly server)
    {
        var loopback = server.GetType("Connector.LoopbackHosting.LoopbackWebApplication", throwOnError: true)!;
        var create = loopback.GetMethod("CreateBuilder", BindingFlags.Public | BindingFlags.Static)!;

        var builder = (WebApplicationBuilder)create.Invoke(null, [typeof(LoopbackServerConfigurationTests), 0, 1024L])!;

        var files = builder.Configuration.Sources.OfType<FileConfigurationSource>().ToList();
        Assert.That(files.Select(f => f.Path), Has.Some.EqualTo("appsettings.json"), "the slim builder still reads appsettings.json once");
        Assert.That(files.Where(f => f.ReloadOnChange).Select(f => f.Path), Is.Empty);
    }
}
