using Connector.Host;

namespace Connector.Tests.Host;

/// <summary>Runs the connector command line in process, capturing stdout and stderr.</summary>
public sealed record HostRun(int ExitCode, string Stdout, string Stderr)
{
    public IReadOnlyList<string> StdoutLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static async Task<HostRun> RunAsync(string stdin, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var console = new HostConsole(new StringReader(stdin), stdout, stderr, name => environment?.GetValueOrDefault(name));
        var code = await HostProgram.RunAsync(args, console, cancellationToken);
        return new HostRun(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs with stdout a terminal of the given width (tables by default, summaries without the command's name).</summary>
    public static async Task<HostRun> RunOnTerminalAsync(int width, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var console = new HostConsole(TextReader.Null, stdout, stderr, _ => null, InputIsTerminal: true, OutputIsTerminal: true, OutputWidth: width);
        var code = await HostProgram.RunAsync(args, console, CancellationToken.None);
        return new HostRun(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs with stdout a byte stream (what a workbook needs), returning its bytes.</summary>
    public static async Task<(HostRun Run, byte[] Bytes)> RunToBytesAsync(params string[] args)
    {
        using var bytes = new MemoryStream();
        var stdout = new StreamWriter(bytes, new System.Text.UTF8Encoding(false), 4096, leaveOpen: true);
        var stderr = new StringWriter();
        var console = new HostConsole(TextReader.Null, stdout, stderr, _ => null);
        var code = await HostProgram.RunAsync(args, console, CancellationToken.None);
        await stdout.FlushAsync();
        return (new HostRun(code, string.Empty, stderr.ToString()), bytes.ToArray());
    }

    public static Task<HostRun> RunAsync(params string[] args) => RunAsync(string.Empty, null, CancellationToken.None, args);

    public static Task<HostRun> RunWithInputAsync(string stdin, params string[] args) => RunAsync(stdin, null, CancellationToken.None, args);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
