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

    /// <summary>Parses the arguments and runs the command they name; usage errors are printed with suggestions instead of thrown.</summary>
    public static async Task<int> RunAsync(string[] args, HostConsole console, CancellationToken cancellationToken)
    {
        var root = Build(console, args);
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await console.Error.WriteLineAsync("error: " + RedactSecrets(error.Message, args, console)).ConfigureAwait(false);
            }

            foreach (var suggestion in Suggestions(parse, root))
            {
                await console.Error.WriteLineAsync(suggestion).ConfigureAwait(false);
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
        int code;
        try
        {
            code = await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            code = await ReportUnexpectedAsync(ex, args, console).ConfigureAwait(false);
        }

        await FlushAsync(console.Out).ConfigureAwait(false);
        await FlushAsync(console.Error).ConfigureAwait(false);
        return code;
    }

    /// <summary>"Did you mean" for each unknown flag (among the command's flags) or command (among the subcommands); only valid names are printed.</summary>
    private static IEnumerable<string> Suggestions(ParseResult parse, RootCommand root)
    {
        var command = parse.CommandResult.Command;
        var flags = command.Options.Concat(root.Options.Where(o => o.Recursive))
            .SelectMany(o => o.Aliases.Prepend(o.Name))
            .Where(n => n.StartsWith('-'))
            .ToList();
        var commands = command.Subcommands.SelectMany(c => c.Aliases.Prepend(c.Name)).ToList();
        foreach (var token in parse.UnmatchedTokens.Distinct(StringComparer.Ordinal))
        {
            var isFlag = token.StartsWith('-');
            var name = isFlag ? token.Split('=')[0] : token;
            var closest = Help.NameSuggestions.Closest(name, isFlag ? flags : commands);
            if (closest.Count > 0)
            {
                yield return $"  did you mean {Help.NameSuggestions.Quoted(closest)}?";
            }
        }
    }

    /// <summary>Flushes a stream whose reader may have gone away (<c>connector query | head -1</c>): then there is no one left to tell.</summary>
    internal static async Task FlushAsync(TextWriter writer)
    {
        try
        {
            await writer.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The pipe is closed: what is left cannot be delivered, and saying so would go to the same closed place.
        }
    }

    /// <summary>
    /// Any error no command turned into a message: one line on stderr (secrets redacted; the stack trace only with -vv)
    /// and exit code 1, so that no stack trace or runtime abort reaches the user.
    /// </summary>
    private static async Task<int> ReportUnexpectedAsync(Exception ex, string[] args, HostConsole console)
    {
        var inner = ex is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : ex;
        var message = string.Join(' ', inner.Message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var withStack = args.Contains("-vv", StringComparer.Ordinal);
        await console.Error.WriteLineAsync(RedactSecrets(
            $"error: unexpected {inner.GetType().Name}: {message}{(withStack ? string.Empty : " (run with -vv for the stack trace)")}", args, console)).ConfigureAwait(false);
        if (withStack)
        {
            await console.Error.WriteLineAsync(RedactSecrets(inner.ToString(), args, console)).ConfigureAwait(false);
        }

        return ExitCodes.DocumentErrors;
    }

    /// <summary>Parse errors and unexpected errors may quote tokens: never let one be an API key.</summary>
    private static string RedactSecrets(string message, string[] args, HostConsole console) =>
        SecretArguments.Redact(message, args, console.Environment(GlobalOptions.ApiKeyVariable));

    /// <summary>
    /// The command tree. Only the command the arguments start with is built when they start with a command's name
    /// (the parse then never looks at the others, so its result, help and errors are the same); otherwise (no
    /// arguments, a flag, a directive such as completion's <c>[suggest:N]</c>, a misspelled command) every command is,
    /// for "did you mean" and the root help.
    /// </summary>
    internal static RootCommand Build(HostConsole console, IReadOnlyList<string> args)
    {
        var global = new GlobalOptions();
        var root = new RootCommand(
            "The CloudBlue Connect connector from the command line. Without --url (or CONNECT_API_URL) it runs on an embedded, seeded sandbox. "
            + "stdout: one JSON line per output document; stderr: messages and the summary. Exit codes: 0 all succeeded, 1 some did not, 2 usage or configuration error.");
        global.AddTo(root);
        Help.ExamplesHelpAction.Install(root);
        var named = args.Count > 0 ? Commands.Where(c => string.Equals(c.Name, args[0], StringComparison.Ordinal)).ToList() : [];
        foreach (var (_, create) in named.Count == 1 ? named : Commands)
        {
            root.Subcommands.Add(create(global, console));
        }

        return root;
    }

    /// <summary>Every command by its name, in the order the root help lists them.</summary>
    private static readonly IReadOnlyList<(string Name, Func<GlobalOptions, HostConsole, Command> Create)> Commands =
    [
        ("types", BrowseCommands.Types),
        ("describe", BrowseCommands.Describe),
        ("schema", BrowseCommands.Schema),
        ("get", RunCommands.Get),
        ("query", RunCommands.Query),
        ("create", (global, console) => RunCommands.Write(global, console, OperationKind.Create)),
        ("update", (global, console) => RunCommands.Write(global, console, OperationKind.Update)),
        ("delete", (global, console) => RunCommands.Write(global, console, OperationKind.Delete)),
        ("exec", (global, console) => RunCommands.Write(global, console, OperationKind.Execute)),
        ("listen", ListenCommand.Create),
        ("api", ApiCommand.Create),
        ("test-connection", ConnectionCommands.TestConnection),
        ("sandbox", (_, console) => ConnectionCommands.Sandbox(console)),
        ("usage-file", UsageFileCommand.Create),
        ("completion", (_, console) => CompletionCommand.Create(console)),
        ("account", (_, console) => AccountCommands.Create(console)),
        ("designer", DesignerCommand.Create),
    ];
}
