using Connector.Host;
using Connector.Host.Help;
using NUnit.Framework;

namespace Connector.Tests.Host.Help;

/// <summary>Every command's --help ends with examples; the query help documents the * wildcard of like/ilike.</summary>
[TestFixture]
public sealed class HelpExampleTests
{
    private static readonly string[] Commands =
    [
        "", "types", "describe", "schema", "get", "query", "create", "update", "delete", "exec", "api", "test-connection", "sandbox", "usage-file",
        "completion", "account", "account add", "account list", "account use", "account remove",
    ];

    [TestCaseSource(nameof(Commands))]
    public async Task The_help_of_each_command_ends_with_examples(string command)
    {
        var run = await HostRun.RunAsync([.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString);
        Assert.That(CommandExamples.For(command), Is.Not.Null);
        var examples = run.Stdout[run.Stdout.IndexOf("Examples:", StringComparison.Ordinal)..];
        Assert.That(examples, Does.Contain("connector " + command).Or.Contain("connector --"), run.Stdout);
    }

    [Test]
    public async Task The_examples_show_the_tours_flows_and_the_wildcard()
    {
        var exec = await HostRun.RunAsync("exec", "--help");
        var query = await HostRun.RunAsync("query", "--help");

        Assert.That(exec.Stdout, Does.Contain("value_error").And.Contain("exec request INQUIRE").And.Contain("exec case RESOLVE").And.Contain("exec request APPROVE"));
        Assert.That(query.Stdout, Does.Contain("ilike *printer*").And.Contain("* matches any text"));
    }
}
