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

    public static Task<HostRun> RunAsync(params string[] args) => RunAsync(string.Empty, null, CancellationToken.None, args);

    public static Task<HostRun> RunWithInputAsync(string stdin, params string[] args) => RunAsync(stdin, null, CancellationToken.None, args);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
