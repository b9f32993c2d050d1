using System.Diagnostics;
using Connector.Host;
using NUnit.Framework;

namespace Connector.Tests.Host.Help;

/// <summary>connector completion bash|zsh|pwsh, and the suggest directive the scripts call.</summary>
[TestFixture]
public sealed class CompletionTests
{
    [TestCase("bash", "complete -o default -F _connector_complete connector")]
    [TestCase("zsh", "compdef _connector connector")]
    [TestCase("pwsh", "Register-ArgumentCompleter -Native -CommandName connector")]
    public async Task Each_shell_gets_a_script_that_asks_the_command_line_for_suggestions(string shell, string registration)
    {
        var run = await HostRun.RunAsync("completion", shell);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString);
        Assert.That(run.Stdout, Does.Contain(registration));
        Assert.That(run.Stdout, Does.Contain("[suggest:"));
    }

    [Test]
    public async Task The_bash_script_is_valid_bash()
    {
        var script = (await HostRun.RunAsync("completion", "bash")).Stdout;
        var path = Path.Combine(Path.GetTempPath(), "connector-completion-" + Guid.NewGuid().ToString("N") + ".bash");
        await File.WriteAllTextAsync(path, script);
        try
        {
            using var bash = Process.Start(new ProcessStartInfo("bash", ["-n", path]) { RedirectStandardError = true })!;
            var errors = await bash.StandardError.ReadToEndAsync();
            await bash.WaitForExitAsync();
            Assert.That(bash.ExitCode, Is.Zero, errors);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public async Task Suggestions_complete_commands_flags_object_types_and_actions()
    {
        var commands = await HostRun.RunAsync("[suggest:3]", "que");
        var types = await HostRun.RunAsync("[suggest:6]", "query ");
        var flags = await HostRun.RunAsync("[suggest:17]", "query request --f");
        var actions = await HostRun.RunAsync("[suggest:13]", "exec request ");

        Assert.That(commands.StdoutLines, Does.Contain("query"));
        Assert.That(types.StdoutLines, Does.Contain("request").And.Contain("usage_report"));
        Assert.That(flags.StdoutLines, Does.Contain("--filter").And.Contain("--fields"));
        Assert.That(actions.StdoutLines, Does.Contain("APPROVE").And.Contain("INQUIRE"));
    }
}
