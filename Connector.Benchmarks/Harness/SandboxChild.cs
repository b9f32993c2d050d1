using System.Globalization;
using System.Text.Json;
using Connector.Sandbox;

namespace Connector.Benchmarks.Harness;

/// <summary>
/// <c>sandbox-child --seed N --records-per-type N [--asset-count N] [--usage-record-count N] [--request-log-capacity N]</c>:
/// serves a <see cref="ConnectSandbox"/> on 127.0.0.1 (a free port) in a process of its own, so that the paired
/// scenarios' server neither shares the client's heap and GCs nor its thread pool. It prints
/// <c>READY {"url":...}</c> once it accepts connections, then answers one line per command read from standard input:
/// <c>query COLLECTION TAKE RQL</c> (<c>RESULT {"matching":N,"ids":[...]}</c>: how many records the RQL selects in the
/// store and the ids of the first TAKE; every selected record is read, so generated and kept, unless TAKE is 0, which
/// only counts them), <c>gc</c> (a full blocking collection, <c>RESULT {}</c>), <c>reset</c> (the
/// data back as seeded, <see cref="SandboxStore.Reset"/>, and the request log emptied: <c>RESULT {}</c>) and
/// <c>stop</c>. It stops
/// when told to or when its standard input closes (the parent exited or died), so it never outlives the benchmark.
/// The request log is read and cleared through the sandbox's own <c>/_sandbox/requests</c>.
/// </summary>
internal static class SandboxChild
{
    public const string ReadyPrefix = "READY ";
    public const string ErrorPrefix = "ERROR ";
    public const string StopCommand = "stop";
    public const string QueryCommand = "query";
    public const string CollectCommand = "gc";
    public const string ResetCommand = "reset";

    private const string SeedOption = "seed";
    private const string RecordsPerTypeOption = "records-per-type";
    private const string AssetCountOption = "asset-count";
    private const string UsageRecordCountOption = "usage-record-count";
    private const string RequestLogCapacityOption = "request-log-capacity";

    /// <summary>The command line of a child serving a sandbox like <paramref name="options"/> (on a free port: the port asked for is not kept).</summary>
    public static IReadOnlyList<string> Arguments(SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Faults.Count > 0 || options.TimeProvider != TimeProvider.System || options.ApiKey != SandboxOptions.DefaultApiKey)
        {
            throw new ArgumentException("a sandbox child serves seeded data with the default key, clock and no faults only", nameof(options));
        }

        var arguments = new List<string>
        {
            Cli.BenchmarkArguments.SandboxChildCommand,
            "--" + SeedOption, Text(options.Seed),
            "--" + RecordsPerTypeOption, Text(options.RecordsPerType),
            "--" + RequestLogCapacityOption, Text(options.RequestLogCapacity),
        };
        if (options.AssetCount is { } assets)
        {
            arguments.AddRange(["--" + AssetCountOption, Text(assets)]);
        }

        if (options.UsageRecordCount is { } usage)
        {
            arguments.AddRange(["--" + UsageRecordCountOption, Text(usage)]);
        }

        return arguments;
    }

    /// <summary>The sandbox options a child's command line asks for; an unknown or malformed option is an <see cref="ArgumentException"/>.</summary>
    /// <param name="options">The child's options.</param>
    public static SandboxOptions Options(IReadOnlyDictionary<string, string> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string[] known = [SeedOption, RecordsPerTypeOption, AssetCountOption, UsageRecordCountOption, RequestLogCapacityOption];
        if (options.Keys.FirstOrDefault(k => !known.Contains(k, StringComparer.Ordinal)) is { } unknown)
        {
            throw new ArgumentException($"'--{unknown}': a sandbox child takes --{string.Join(", --", known)}");
        }

        var defaults = new SandboxOptions();
        return new SandboxOptions
        {
            Port = 0,
            Seed = Number(options, SeedOption) ?? defaults.Seed,
            RecordsPerType = Number(options, RecordsPerTypeOption) ?? defaults.RecordsPerType,
            AssetCount = Number(options, AssetCountOption),
            UsageRecordCount = Number(options, UsageRecordCountOption),
            RequestLogCapacity = Number(options, RequestLogCapacityOption) ?? defaults.RequestLogCapacity,
        };
    }

    /// <summary>Serves until <c>stop</c>, the end of <paramref name="input"/> or cancellation; returns the exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string> options, TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        SandboxOptions sandboxOptions;
        try
        {
            sandboxOptions = Options(options);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return 2;
        }

        var sandbox = await ConnectSandbox.StartAsync(sandboxOptions, cancellationToken).ConfigureAwait(false);
        try
        {
            await WriteLineAsync(output, ReadyPrefix + UrlJson(sandbox), cancellationToken).ConfigureAwait(false);
            while (await ReadLineAsync(input, cancellationToken).ConfigureAwait(false) is { } line && line != StopCommand)
            {
                await WriteLineAsync(output, Answer(sandbox, line), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await sandbox.DisposeAsync().ConfigureAwait(false);
        }

        return 0;
    }

    /// <summary>
    /// The next line of <paramref name="input"/> (null at its end), read on a thread of its own: standard input is read
    /// synchronously underneath, and a pool thread blocked on it for the whole run would be one less serving requests.
    /// </summary>
    private static Task<string?> ReadLineAsync(TextReader input, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(input.ReadLine, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static async Task WriteLineAsync(TextWriter output, string line, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync(line).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string UrlJson(ConnectSandbox sandbox) => JsonSerializer.Serialize(new Dictionary<string, string> { ["url"] = sandbox.BaseUrl.ToString() });

    /// <summary>The one line answering <paramref name="line"/>: a <c>RESULT</c>, or an <c>ERROR</c> saying what was wrong.</summary>
    private static string Answer(ConnectSandbox sandbox, string line)
    {
        var parts = line.Split(' ', 4, StringSplitOptions.RemoveEmptyEntries);
        switch (parts)
        {
            case [ResetCommand]:
                sandbox.Store.Reset();
                sandbox.RequestLog.Clear();
                return ChildProcessRunner.ResultPrefix + "{}";
            case [CollectCommand]:
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                GC.WaitForPendingFinalizers();
                return ChildProcessRunner.ResultPrefix + "{}";
            case [QueryCommand, var collection, var takeText, .. var rest] when int.TryParse(takeText, NumberStyles.None, CultureInfo.InvariantCulture, out var take):
                try
                {
                    var rql = rest.Length == 0 ? string.Empty : rest[0];
                    if (take == 0)
                    {
                        return ChildProcessRunner.ResultPrefix + JsonSerializer.Serialize(new SandboxQueryAnswer(sandbox.Store.Count(collection, rql), []));
                    }

                    // Every match is read (so generated and kept, in a collection small enough to keep them), not only the first TAKE.
                    var matching = sandbox.Store.Query(collection, rql);
                    var ids = matching.Take(take).Select(r => (string?)r["id"]).ToArray();
                    return ChildProcessRunner.ResultPrefix + JsonSerializer.Serialize(new SandboxQueryAnswer(matching.Count, ids));
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    return ErrorPrefix + $"'{line}': {ex.Message.ReplaceLineEndings(" ")}";
                }

            default:
                return ErrorPrefix + $"'{line}': the commands are '{QueryCommand} COLLECTION TAKE RQL', '{CollectCommand}', '{ResetCommand}' and '{StopCommand}'";
        }
    }

    private static int? Number(IReadOnlyDictionary<string, string> options, string name) =>
        !options.TryGetValue(name, out var text) ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
        : throw new ArgumentException($"--{name} '{text}': a whole number is expected");

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
