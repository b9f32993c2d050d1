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
        OutputIsTerminal: !Console.IsOutputRedirected,
        OutputWidth: Console.IsOutputRedirected ? 0 : TerminalWidth(),
        ReadSecret: Console.IsInputRedirected ? null : ReadSecret);
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

// Asks on stderr and reads a line from the terminal without echoing it.
static string? ReadSecret(string prompt)
{
    Console.Error.Write(prompt);
    var secret = new StringBuilder();
    while (true)
    {
        var key = Console.ReadKey(intercept: true);
        if (key.Key == ConsoleKey.Enter)
        {
            Console.Error.WriteLine();
            return secret.ToString();
        }

        if (key.Key == ConsoleKey.Backspace)
        {
            secret.Length = Math.Max(0, secret.Length - 1);
        }
        else if (!char.IsControl(key.KeyChar))
        {
            secret.Append(key.KeyChar);
        }
    }
}

// The terminal's width (0 when it cannot be told: tables are then not cut).
static int TerminalWidth()
{
    try
    {
        return Math.Max(0, Console.WindowWidth);
    }
    catch (IOException)
    {
        return 0;
    }
}
