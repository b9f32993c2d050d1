using Connector.Host;
using NUnit.Framework;

namespace Connector.Tests.Host.Help;

/// <summary>
/// The command tree a start builds: only the command the arguments name (a command does not pay for building the
/// others' options), every command otherwise (root help, "did you mean", completion's suggest directive).
/// </summary>
[TestFixture]
public sealed class CommandTreeTests
{
    private static readonly HostConsole Console = new(TextReader.Null, TextWriter.Null, TextWriter.Null, _ => null);

    [Test]
    public void Without_a_command_name_first_every_command_is_built()
    {
        string[][] starts = [[], ["--version"], ["--help"], ["[suggest:4]", "get "], ["gte", "asset"], ["--url", "http://127.0.0.1:1/", "get"]];

        foreach (var args in starts)
        {
            var names = HostProgram.Build(Console, args).Subcommands.Select(c => c.Name).ToList();
            Assert.That(names, Has.Count.EqualTo(17).And.Contains("get").And.Contains("designer").And.Contains("completion"), string.Join(' ', args));
        }
    }

    [Test]
    public void A_command_named_first_is_the_only_one_built_for_each_command()
    {
        var all = HostProgram.Build(Console, []).Subcommands.Select(c => c.Name).ToList();

        foreach (var name in all)
        {
            var built = HostProgram.Build(Console, [name, "--help"]).Subcommands.Select(c => c.Name).ToList();
            Assert.That(built, Is.EqualTo(new[] { name }), name);
        }
    }

    [Test]
    public async Task A_command_built_alone_parses_and_explains_as_before()
    {
        var unknownFlag = await HostRun.RunAsync("types", "--operaton", "GET");
        var help = await HostRun.RunAsync("account", "add", "--help");

        Assert.That(unknownFlag.ExitCode, Is.EqualTo(ExitCodes.Usage), unknownFlag.ToString);
        Assert.That(unknownFlag.Stderr, Does.Contain("did you mean '--operation'"));
        Assert.That(help.ExitCode, Is.EqualTo(ExitCodes.Success), help.ToString);
        Assert.That(help.Stdout, Does.Contain("Examples:").And.Contain("connector account add"));
    }
}
