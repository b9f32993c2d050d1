using System.CommandLine;
using Connector.Core.Operations;
using Connector.Host.Commands;

namespace Connector.Host;

/// <summary>The <c>connector</c> command line: builds the command tree and runs one command.</summary>
internal static class HostProgram
{
    /// <summary>Runs the host with the given streams and no environment variables (what tests use).</summary>
    public static Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken) =>
        RunAsync(args, new HostConsole(stdin, stdout, stderr, _ => null), cancellationToken);

    /// <summary>Runs the host.</summary>
    public static async Task<int> RunAsync(string[] args, HostConsole console, CancellationToken cancellationToken)
    {
        var root = Build(console);
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await console.Error.WriteLineAsync("error: " + RedactSecrets(error.Message, args, console)).ConfigureAwait(false);
            }

            await console.Error.WriteLineAsync("Run 'connector --help' (or 'connector COMMAND --help') for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };
        var code = await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        await console.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        await console.Error.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        return code;
    }

    /// <summary>Parse errors quote tokens: never let one be the API key.</summary>
    private static string RedactSecrets(string message, string[] args, HostConsole console)
    {
        var secrets = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--api-key" && i + 1 < args.Length)
            {
                secrets.Add(args[i + 1]);
            }
            else if (args[i].StartsWith("--api-key=", StringComparison.Ordinal))
            {
                secrets.Add(args[i]["--api-key=".Length..]);
            }
        }

        if (console.Environment(GlobalOptions.ApiKeyVariable) is { Length: > 0 } fromEnvironment)
        {
            secrets.Add(fromEnvironment);
        }

        foreach (var secret in secrets.Where(s => s.Length > 0).OrderByDescending(s => s.Length))
        {
            message = message.Replace(secret, "***", StringComparison.Ordinal);
        }

        return message;
    }

    private static RootCommand Build(HostConsole console)
    {
        var global = new GlobalOptions();
        var root = new RootCommand(
            "The CloudBlue Connect connector from the command line. Without --url (or CONNECT_API_URL) it runs on an embedded, seeded sandbox. "
            + "stdout: one JSON line per output document; stderr: messages and the summary. Exit codes: 0 all succeeded, 1 some did not, 2 usage or configuration error.");
        global.AddTo(root);
        root.Subcommands.Add(BrowseCommands.Types(global, console));
        root.Subcommands.Add(BrowseCommands.Describe(global, console));
        root.Subcommands.Add(BrowseCommands.Schema(global, console));
        root.Subcommands.Add(RunCommands.Get(global, console));
        root.Subcommands.Add(RunCommands.Query(global, console));
        root.Subcommands.Add(RunCommands.Write(global, console, OperationKind.Create));
        root.Subcommands.Add(RunCommands.Write(global, console, OperationKind.Update));
        root.Subcommands.Add(RunCommands.Write(global, console, OperationKind.Delete));
        root.Subcommands.Add(RunCommands.Write(global, console, OperationKind.Execute));
        root.Subcommands.Add(ListenCommand.Create(global, console));
        root.Subcommands.Add(ConnectionCommands.TestConnection(global, console));
        root.Subcommands.Add(ConnectionCommands.Sandbox(console));
        root.Subcommands.Add(UsageFileCommand.Create(global, console));
        return root;
    }
}
