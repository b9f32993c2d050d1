using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Connector.Host.Help;

/// <summary>The standard help, then the command's examples (<see cref="CommandExamples"/>).</summary>
internal sealed class ExamplesHelpAction(HelpAction standard) : SynchronousCommandLineAction
{
    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        var code = standard.Invoke(parseResult);
        if (CommandExamples.For(CommandPath(parseResult.CommandResult.Command)) is { } examples)
        {
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine("Examples:");
            output.WriteLine(examples.TrimEnd());
            output.WriteLine();
        }

        return code;
    }

    /// <summary>"query", "account add"; "" for the root command.</summary>
    public static string CommandPath(Command command)
    {
        var names = new List<string>();
        for (Command? current = command; current is not null and not RootCommand; current = current.Parents.OfType<Command>().FirstOrDefault())
        {
            names.Insert(0, current.Name);
        }

        return string.Join(' ', names);
    }

    /// <summary>Puts examples after the help of every command of <paramref name="root"/>.</summary>
    public static void Install(RootCommand root)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        if (help.Action is HelpAction standard)
        {
            help.Action = new ExamplesHelpAction(standard);
        }
    }
}
