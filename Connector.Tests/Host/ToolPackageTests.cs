using System.Diagnostics;
using NUnit.Framework;

namespace Connector.Tests.Host;

/// <summary>
/// The command line as a dotnet tool: packed from the built host, installed with 'dotnet tool install --tool-path' from
/// the local folder, then 'connector types' and a query on the embedded sandbox run from the installed command.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ToolPackageTests
{
    private const string PackageId = "Connector.Tool";

    [Test]
    public async Task The_tool_package_installs_and_runs_types_and_a_query_on_the_embedded_sandbox()
    {
        var work = Path.Combine(Path.GetTempPath(), "connector-tool-" + Guid.NewGuid().ToString("N"));
        var packages = Path.Combine(work, "packages");
        var tools = Path.Combine(work, "tools");
        try
        {
            var project = Path.Combine(TestPaths.RepositoryRoot(), "Connector.Host", "Connector.Host.csproj");
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
            await RunAsync(Dotnet(), ["pack", project, "-c", configuration, "--no-build", "-o", packages, "--nologo"], work);
            Assert.That(Directory.GetFiles(packages, PackageId + ".*.nupkg"), Is.Not.Empty);

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
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
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
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        Assert.That(process.ExitCode, Is.Zero, $"{file} {string.Join(' ', args)}\n{await stdout}\n{await stderr}");
        return (await stdout, await stderr);
    }
}
