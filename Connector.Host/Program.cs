using System.Text;
using Connector.Host;

// The composition root: the real process's streams, environment and Ctrl+C.
using var cancellation = new CancellationTokenSource();

// The exit code of the first signal that stopped the run (0: none): 130 for SIGINT, 143 for SIGTERM.
var signalExitCode = 0;
Console.CancelKeyPress += (_, e) =>
{
    if (!cancellation.IsCancellationRequested)
    {
        // First Ctrl+C: stop promptly but let finished documents keep their results and print the summary.
        e.Cancel = true;
        Interlocked.CompareExchange(ref signalExitCode, ExitCodes.Interrupted, 0);
        cancellation.Cancel();
    }
};

// SIGTERM (docker stop, kill) stops the same way; the sandbox's web host would otherwise swallow it.
using var termination = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    Interlocked.CompareExchange(ref signalExitCode, ExitCodes.Terminated, 0);
    cancellation.Cancel();
});

var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 65536) { AutoFlush = false };
try
{
    var stdin = Console.IsInputRedirected ? new StreamReader(Console.OpenStandardInput(), Encoding.UTF8, false, 65536) : TextReader.Null;
    var console = new HostConsole(
        stdin,
        stdout,
        Console.Error,
        Environment.GetEnvironmentVariable,
        ErrorIsTerminal: !Console.IsErrorRedirected,
        InputIsTerminal: !Console.IsInputRedirected,
        UseSystemConsoleLogging: true);
    var code = await HostProgram.RunAsync(args, console, cancellation.Token).ConfigureAwait(false);
    var signalled = Volatile.Read(ref signalExitCode);
    return signalled != 0 ? signalled : code;
}
finally
{
    try
    {
        await stdout.DisposeAsync().ConfigureAwait(false);
    }
    catch (IOException)
    {
        // stdout's reader went away (a closed pipe): what was left cannot be delivered.
    }
}
