using System.Diagnostics;
using System.Reflection;
using Connector.Benchmarks.Harness;
using Connector.Sandbox;

namespace Connector.Benchmarks.Scenarios;

/// <summary>
/// <c>cli-latency</c>: the wall time of one command line call as a user sees it, <c>connector get asset ID</c> in a
/// fresh process against a sandbox already running (started here, in-process), from process start to exit. The
/// host is the one built beside this benchmark (same configuration). The first call warms the disk cache and the
/// descriptor validation cache (a temporary CONNECTOR_CACHE_DIR), as any second command of a user would find them;
/// <c>connector --version</c> is timed too, as the floor of a .NET process start.
/// </summary>
internal static class CliLatencyScenario
{
    public static async Task<IReadOnlyList<ScenarioRow>> RunAsync(int rounds, TextWriter log, CancellationToken cancellationToken)
    {
        var host = HostPath();
        if (host is null)
        {
            await log.WriteLineAsync("  cli-latency: the connector host is not built beside the benchmarks; run 'dotnet build -c Release Connector.Host' first").ConfigureAwait(false);
            return [new ScenarioRow { Scenario = "cli latency (get asset)", Target = "< 0.400 s", Notes = "not measured: Connector.Host is not built in this configuration" }];
        }

        await using var sandbox = await ConnectSandbox.StartAsync(new SandboxOptions { Port = 0, Seed = 42, RecordsPerType = 200 }, cancellationToken).ConfigureAwait(false);
        var id = (string)sandbox.Store.Query("assets", "limit=1")[0]["id"]!;
        var cache = Directory.CreateTempSubdirectory("connector-cli-latency-");
        try
        {
            var environment = new Dictionary<string, string>
            {
                ["CONNECT_API_URL"] = sandbox.BaseUrl.ToString(),
                ["CONNECT_API_KEY"] = SandboxOptions.DefaultApiKey,
                ["CONNECTOR_CACHE_DIR"] = cache.FullName,
            };
            await TimeAsync(host, environment, ["get", "asset", id], cancellationToken).ConfigureAwait(false);
            var get = new List<double>();
            var version = new List<double>();
            for (var round = 0; round < Math.Max(5, rounds); round++)
            {
                get.Add(await TimeAsync(host, environment, ["get", "asset", id], cancellationToken).ConfigureAwait(false));
                version.Add(await TimeAsync(host, environment, ["--version"], cancellationToken).ConfigureAwait(false));
            }

            var median = Statistics.Median(get);
            await log.WriteLineAsync($"  cli-latency: get asset median {median:0.000} s (min {get.Min():0.000}), --version median {Statistics.Median(version):0.000} s").ConfigureAwait(false);
            return
            [
                new ScenarioRow
                {
                    Scenario = "cli latency (get asset)",
                    Records = 1,
                    ConnectorSeconds = median,
                    Target = "< 0.400 s",
                    Met = median < 0.400,
                    Notes = $"median of {get.Count} fresh processes against a running sandbox, start to exit; 'connector --version' median {Statistics.Median(version):0.000} s",
                },
            ];
        }
        finally
        {
            cache.Delete(recursive: true);
        }
    }

    private static async Task<double> TimeAsync(string host, Dictionary<string, string> environment, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("the connector host did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var seconds = watch.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"connector {string.Join(' ', arguments)} failed (exit {process.ExitCode}): {await errors.ConfigureAwait(false)}");
        }

        await output.ConfigureAwait(false);
        return seconds;
    }

    /// <summary>The host's apphost in Connector.Host/bin/CONFIGURATION/TFM beside this benchmark's own output, or null.</summary>
    private static string? HostPath()
    {
        var configuration = typeof(CliLatencyScenario).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var own = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var root = own.Parent?.Parent?.Parent?.Parent;
        if (root is null)
        {
            return null;
        }

        var apphost = Path.Combine(root.FullName, "Connector.Host", "bin", configuration, own.Name, OperatingSystem.IsWindows() ? "connector.exe" : "connector");
        return File.Exists(apphost) ? apphost : null;
    }
}
