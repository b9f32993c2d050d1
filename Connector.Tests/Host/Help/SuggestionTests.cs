using Connector.Host;
using Connector.Host.Help;
using Connector.Sandbox;
using NUnit.Framework;

namespace Connector.Tests.Host.Help;

/// <summary>"Did you mean" for object types, actions, fields, flags and commands; lists stay short; messages name flags.</summary>
[TestFixture]
public sealed class SuggestionTests
{
    private ConnectSandbox _sandbox = null!;

    private string[] Connection => ["--url", _sandbox.BaseUrl.ToString(), "--api-key", SandboxOptions.DefaultApiKey];

    [OneTimeSetUp]
    public async Task StartSandbox() => _sandbox = await ConnectSandbox.StartAsync(new SandboxOptions { Port = 0, Seed = 42, RecordsPerType = 20 });

    [OneTimeTearDown]
    public async Task StopSandbox() => await _sandbox.DisposeAsync();

    [TestCase("stauts", "status")]
    [TestCase("reqest", "request")]
    [TestCase("APROVE", "APPROVE")]
    public void The_closest_name_is_suggested(string given, string expected) =>
        Assert.That(NameSuggestions.Closest(given, ["status", "request", "APPROVE", "REJECT", "asset", "state"])[0], Is.EqualTo(expected));

    [Test]
    public void Nothing_close_suggests_nothing() =>
        Assert.That(NameSuggestions.Closest("zzzzzz", ["status", "request"]), Is.Empty);

    [Test]
    public async Task An_unknown_object_type_suggests_the_closest_and_a_short_list()
    {
        var run = await HostRun.RunAsync("query", "reqest");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString);
        Assert.That(run.Stderr, Does.Contain("unknown object type 'reqest'; did you mean 'request'?"));
        Assert.That(run.Stderr, Does.Contain("(21 in all; 'connector types' lists them)"));
    }

    [Test]
    public async Task An_unknown_action_suggests_among_the_actions()
    {
        var run = await HostRun.RunAsync("exec", "request", "APROVE", "--id", "PR-1");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString);
        Assert.That(run.Stderr, Does.Contain("unknown action 'APROVE'; did you mean 'APPROVE'?"));
        Assert.That(run.Stderr, Does.Not.Contain("QUERY"));
    }

    [Test]
    public async Task An_unknown_filter_field_suggests_the_closest_and_does_not_print_every_field_on_one_line()
    {
        var run = await HostRun.RunAsync([.. Connection, "query", "request", "--filter", "stauts eq pending"]);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString);
        Assert.That(run.Stderr, Does.Contain("unknown filter field 'stauts'; did you mean 'status'?"));
        Assert.That(run.Stderr, Does.Contain("in all; 'connector describe request' lists them)"));
        Assert.That(run.Stderr.Split('\n').Select(l => l.Length), Has.All.LessThan(240), run.Stderr);
    }

    [Test]
    public async Task An_unknown_flag_suggests_the_closest_flag_of_the_command()
    {
        var run = await HostRun.RunAsync("query", "request", "--filtr", "status eq pending");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString);
        Assert.That(run.Stderr, Does.Contain("did you mean '--filter'?"));
    }

    [Test]
    public async Task An_unknown_command_suggests_the_closest_command()
    {
        var run = await HostRun.RunAsync("qurey", "request");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString);
        Assert.That(run.Stderr, Does.Contain("did you mean 'query'?"));
    }

    [Test]
    public async Task A_missing_key_names_every_way_to_give_one()
    {
        var run = await HostRun.RunAsync("--url", _sandbox.BaseUrl.ToString(), "query", "product");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString);
        Assert.That(run.Stderr, Does.Contain("--api-key-file").And.Contain("CONNECT_API_KEY").And.Contain("--account").And.Contain("--api-key KEY"));
    }

    [Test]
    public async Task A_document_without_an_id_is_told_to_give_id_not_a_descriptor_property()
    {
        var run = await HostRun.RunWithInputAsync("{\"note\":\"x\"}\n", [.. Connection, "exec", "request", "APPROVE", "--set", "template_id=TL-1"]);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.DocumentErrors), run.ToString);
        Assert.That(run.Stderr, Does.Contain("--id"));
        Assert.That(run.Stderr, Does.Not.Contain("'objectId'"));
    }
}
