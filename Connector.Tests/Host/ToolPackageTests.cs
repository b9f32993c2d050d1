using System.Diagnostics;
using System.IO.Compression;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using NUnit.Framework;

namespace Connector.Tests.Host;

/// <summary>
/// The command line as a dotnet tool, packed as build/pack.sh packs it (ConnectorPack=true: a pointer package,
/// Connector.Tool.linux-x64 ReadyToRun and the portable Connector.Tool.any), installed with 'dotnet tool install
/// --tool-path' from the local folder, then 'connector types' and a query on the embedded sandbox run from the
/// installed command.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ToolPackageTests
{
    private const string PackageId = "Connector.Tool";

    [Test]
    public async Task The_tool_packs_as_pack_sh_packs_it_and_the_installed_ReadyToRun_host_runs_types_and_a_query_on_the_embedded_sandbox()
    {
        var work = Path.Combine(Path.GetTempPath(), "connector-tool-" + Guid.NewGuid().ToString("N"));
        var packages = Path.Combine(work, "packages");
        var tools = Path.Combine(work, "tools");
        try
        {
            var project = Path.Combine(TestPaths.RepositoryRoot(), "Connector.Host", "Connector.Host.csproj");
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
            await RunAsync(Dotnet(), ["pack", project, "-c", configuration, "-o", packages, "--nologo", "-p:ConnectorPack=true"], work);
            var packed = Directory.GetFiles(packages, PackageId + ".*.nupkg").Select(Path.GetFileName).ToList();
            Assert.That(packed, Has.Count.EqualTo(3), string.Join(", ", packed));
            Assert.That(packed, Does.Contain(PackageId + ".1.0.0.nupkg"));
            Assert.That(IsReadyToRun(PackagedHost(Directory.GetFiles(packages, PackageId + ".linux-x64.*.nupkg").Single())), Is.True, "linux-x64: ReadyToRun");
            Assert.That(IsReadyToRun(PackagedHost(Directory.GetFiles(packages, PackageId + ".any.*.nupkg").Single())), Is.False, "any: the portable IL build");

            // Only the local folder as a source: the package installed is the one just packed, whatever nuget.org holds.
            var config = Path.Combine(work, "nuget.config");
            await File.WriteAllTextAsync(config, $"<configuration><packageSources><clear /><add key=\"local\" value=\"{packages}\" /></packageSources></configuration>");
            await RunAsync(Dotnet(), ["tool", "install", PackageId, "--tool-path", tools, "--configfile", config], work);
            var connector = Path.Combine(tools, OperatingSystem.IsWindows() ? "connector.exe" : "connector");

            var types = await RunAsync(connector, ["types"], work);
            var query = await RunAsync(connector, ["query", "product", "--max", "2", "--fields", "id"], work);

            Assert.That(types.Stdout, Does.Contain("request").And.Contain("usage_report"));
            Assert.That(query.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(2), query.Stderr);
            Assert.That(query.Stderr, Does.Contain("using the embedded sandbox").And.Contain("query product: 2 records"));
            if (RuntimeInformation.RuntimeIdentifier == "linux-x64")
            {
                // This machine's package is the ReadyToRun one: that is the host the command runs.
                var installed = Directory.GetFiles(tools, "connector.dll", SearchOption.AllDirectories);
                Assert.That(installed, Has.Length.EqualTo(1).And.All.Contains("linux-x64"));
                Assert.That(IsReadyToRun(await File.ReadAllBytesAsync(installed[0])), Is.True);
            }
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }


    /// <summary>The host assembly (connector.dll) inside a tool package.</summary>
    private static byte[] PackagedHost(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        var entry = zip.Entries.Single(e => e.FullName.StartsWith("tools/", StringComparison.Ordinal) && e.Name == "connector.dll");
        using var stream = entry.Open();
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }

    /// <summary>Whether an assembly carries ReadyToRun native code (its CLI header points to a ReadyToRun header).</summary>
    private static bool IsReadyToRun(byte[] assembly)
    {
        using var reader = new PEReader(new MemoryStream(assembly));
        return reader.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }

    /// <summary>The dotnet the tests run under (the CLI sets DOTNET_HOST_PATH for the processes it starts).</summary>
    private static string Dotnet() => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static async Task<(string Stdout, string Stderr)> RunAsync(string file, string[] args, string folder)
    {
        Directory.CreateDirectory(folder);
        var start = new ProcessStartInfo(file, args)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        if (Path.GetDirectoryName(Dotnet()) is { Length: > 0 } root)
        {
            start.Environment["DOTNET_ROOT"] = root;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        Assert.That(process.ExitCode, Is.Zero, $"{file} {string.Join(' ', args)}\n{await stdout}\n{await stderr}");
        return (await stdout, await stderr);
    }
}
