using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using Connector.Benchmarks.Harness;
using Connector.Sandbox;

namespace Connector.Benchmarks.Scenarios;

/// <summary>
/// <c>cli-latency</c>: the wall time of one command line call as a user sees it, <c>connector get asset ID</c> in a
/// fresh process against a sandbox already running (started here, in a child process of this benchmark:
/// <see cref="SandboxProcess"/>), from process start to exit. The host
/// measured is what the tool package installs on this machine: Connector.Host published here for the current RID
/// into a temporary folder (framework-dependent and ReadyToRun, as the project publishes for any real RID and as
/// <c>build/pack.sh</c> packs Connector.Tool.linux-x64); the JIT-only build beside this benchmark is timed too, for
/// comparison. The first call of each host warms the disk cache and the descriptor validation cache (a temporary
/// CONNECTOR_CACHE_DIR), as any second command of a user would find them; <c>connector --version</c> is timed too, as
/// the floor of a .NET process start.
/// </summary>
internal static class CliLatencyScenario
{
    private const string Scenario = "cli latency (get asset)";
    private const string Target = "< 0.400 s";
    private const double TargetSeconds = 0.400;

    public static async Task<IReadOnlyList<ScenarioRow>> RunAsync(int rounds, TextWriter log, CancellationToken cancellationToken)
    {
        var built = BuiltHostPath();
        var published = Directory.CreateTempSubdirectory("connector-cli-host-");
        var cache = Directory.CreateTempSubdirectory("connector-cli-latency-");
        try
        {
            var readyToRun = await PublishReadyToRunAsync(published, log, cancellationToken).ConfigureAwait(false);
            if (readyToRun is null && built is null)
            {
                return [new ScenarioRow { Scenario = Scenario, Target = Target, Notes = "not measured: Connector.Host could neither be published nor found built beside the benchmarks" }];
            }

            // The sandbox runs in a child process, as a running sandbox (or Connect) is another process: the heap and the
            // threads this benchmark process keeps from earlier scenarios do not weigh on the timed processes.
            await using var sandbox = await SandboxProcess.StartAsync(new SandboxOptions { Port = 0, Seed = 42, RecordsPerType = 200 }, cancellationToken).ConfigureAwait(false);
            var id = (await sandbox.QueryAsync("assets", "limit=1", 1, cancellationToken).ConfigureAwait(false)).Ids.FirstOrDefault()
                ?? throw new InvalidOperationException("the sandbox child has no asset to get");
            var environment = new Dictionary<string, string>
            {
                ["CONNECT_API_URL"] = sandbox.BaseUrl.ToString(),
                ["CONNECT_API_KEY"] = SandboxOptions.DefaultApiKey,
                ["CONNECTOR_CACHE_DIR"] = cache.FullName,
            };
            var hosts = new[] { readyToRun, built }.OfType<string>().ToList();
            var times = hosts.ToDictionary(h => h, _ => (Get: new List<double>(), Version: new List<double>()), StringComparer.Ordinal);
            foreach (var host in hosts)
            {
                await TimeAsync(host, environment, ["get", "asset", id], cancellationToken).ConfigureAwait(false);
            }

            // Hosts alternate within each round, so that a busy moment of the machine weighs on both alike.
            for (var round = 0; round < Math.Max(5, rounds); round++)
            {
                foreach (var host in hosts)
                {
                    times[host].Get.Add(await TimeAsync(host, environment, ["get", "asset", id], cancellationToken).ConfigureAwait(false));
                    times[host].Version.Add(await TimeAsync(host, environment, ["--version"], cancellationToken).ConfigureAwait(false));
                }
            }

            var measured = readyToRun ?? built!;
            var median = Statistics.Median(times[measured].Get);
            var notes = $"median of {times[measured].Get.Count} fresh processes against a sandbox running in another process, start to exit; "
                + (readyToRun is null
                    ? "JIT-only host built beside the benchmarks (the ReadyToRun publish failed, see the log)"
                    : $"host published ReadyToRun for {RuntimeInformation.RuntimeIdentifier} into a temporary folder, as Connector.Tool.{RuntimeInformation.RuntimeIdentifier} installs it")
                + $"; 'connector --version' median {Statistics.Median(times[measured].Version):0.000} s"
                + (readyToRun is not null && built is not null ? $"; the JIT-only build beside the benchmarks: {Statistics.Median(times[built].Get):0.000} s" : string.Empty);
            await log.WriteLineAsync($"  cli-latency: get asset median {median:0.000} s (min {times[measured].Get.Min():0.000}); {notes}").ConfigureAwait(false);
            return [new ScenarioRow { Scenario = Scenario, Records = 1, ConnectorSeconds = median, Target = Target, Met = median < TargetSeconds, Notes = notes }];
        }
        finally
        {
            cache.Delete(recursive: true);
            published.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Publishes Connector.Host for this machine's RID (ReadyToRun by its project file) into <paramref name="folder"/>
    /// and returns its apphost, or null (said in the log) when the repository or the publish is not there.
    /// </summary>
    private static async Task<string?> PublishReadyToRunAsync(DirectoryInfo folder, TextWriter log, CancellationToken cancellationToken)
    {
        if (RepositoryRoot() is not { } root)
        {
            await log.WriteLineAsync("  cli-latency: the repository is not found above the benchmark's output; the host cannot be published").ConfigureAwait(false);
            return null;
        }

        var project = Path.Combine(root.FullName, "Connector.Host", "Connector.Host.csproj");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "publish", project, "-c", Configuration(), "-r", RuntimeInformation.RuntimeIdentifier, "--self-contained", "false", "-o", folder.FullName, "--nologo" })
        {
            start.ArgumentList.Add(argument);
        }

        await log.WriteLineAsync($"  cli-latency: publishing Connector.Host ReadyToRun for {RuntimeInformation.RuntimeIdentifier} into {folder.FullName}").ConfigureAwait(false);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet publish did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var apphost = Path.Combine(folder.FullName, Apphost);
        if (process.ExitCode != 0 || !File.Exists(apphost))
        {
            await log.WriteLineAsync($"  cli-latency: dotnet publish failed (exit {process.ExitCode}): {await errors.ConfigureAwait(false)}{await output.ConfigureAwait(false)}").ConfigureAwait(false);
            return null;
        }

        return apphost;
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

    private static string Apphost => OperatingSystem.IsWindows() ? "connector.exe" : "connector";

    private static string Configuration() =>
        typeof(CliLatencyScenario).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    /// <summary>The repository root: four levels above this benchmark's output folder (Connector.Benchmarks/bin/CONFIGURATION/TFM).</summary>
    private static DirectoryInfo? RepositoryRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent?.Parent?.Parent?.Parent;
        return root is not null && File.Exists(Path.Combine(root.FullName, "Connector.Host", "Connector.Host.csproj")) ? root : null;
    }

    /// <summary>The JIT-only host's apphost in Connector.Host/bin/CONFIGURATION/TFM beside this benchmark's own output, or null.</summary>
    private static string? BuiltHostPath()
    {
        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
        var apphost = RepositoryRoot() is { } root ? Path.Combine(root.FullName, "Connector.Host", "bin", Configuration(), tfm, Apphost) : null;
        return apphost is not null && File.Exists(apphost) ? apphost : null;
    }
}
