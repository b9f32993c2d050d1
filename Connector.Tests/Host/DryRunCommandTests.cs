using Connector.Host;
using Connector.Sandbox;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Connector.Tests.Host;

/// <summary>Seeing what is sent: --dry-run prints the exact requests and sends no write; -vv logs each request with its query, status, duration and attempt.</summary>
[TestFixture]
public sealed class DryRunCommandTests : HostSandboxFixture
{

    [Test]
    public async Task A_dry_run_of_an_action_prints_each_request_and_sends_no_write()
    {
        var pending = await HostRun.RunAsync([.. Connection, "query", "request", "--filter", "status eq pending", "--max", "2"]);
        var ids = pending.StdoutLines.Select(l => (string)JObject.Parse(l)["id"]!).ToList();
        Sandbox.RequestLog.Clear();

        var run = await HostRun.RunWithInputAsync(pending.Stdout, [.. Connection, "--dry-run", "exec", "request", "APPROVE", "--set", "template_id=TL-0042-0000-0000-01"]);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString);
        var requests = run.StdoutLines.Select(JObject.Parse).ToList();
        Assert.That(requests.Select(r => (string?)r["method"]), Is.All.EqualTo("POST"));
        Assert.That(requests.Select(r => (string?)r["url"]), Is.EqualTo(ids.Select(id => $"{Sandbox.BaseUrl.ToString().TrimEnd('/')}/requests/{id}/approve")));
        Assert.That(requests.Select(r => (string?)r["body"]?["template_id"]), Is.All.EqualTo("TL-0042-0000-0000-01"));
        Assert.That(run.Stderr, Does.Contain("exec request APPROVE: 2 requests not sent (dry run) in "));
        Assert.That(Sandbox.RequestLog.Entries.Where(e => e.Method != "GET"), Is.Empty, "no write reached the API");
        Assert.That(run.Stdout + run.Stderr, Does.Not.Contain("sandbox-secret"));
        var after = await HostRun.RunAsync([.. Connection, "get", "request", ids[0], "--fields", "status"]);
        Assert.That((string?)JObject.Parse(after.StdoutLines.Single())["status"], Is.EqualTo("pending"));
    }

    [Test]
    public async Task A_dry_run_of_a_query_prints_its_first_page_request_with_the_rql()
    {
        var run = await HostRun.RunAsync([.. Connection, "--dry-run", "query", "request", "--filter", "status eq pending", "--page-size", "50"]);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString);
        var request = JObject.Parse(run.StdoutLines.Single());
        Assert.That((string?)request["method"], Is.EqualTo("GET"));
        Assert.That((string?)request["url"], Does.Contain("/requests?").And.Contain("eq(status,pending)").And.Contain("limit=50"));
        Assert.That(run.Stderr, Does.Contain("query request: 1 request not sent (dry run)"));
    }

    [Test]
    public async Task Very_verbose_logs_method_path_with_query_status_duration_and_attempt_never_the_key()
    {
        var run = await HostRun.RunAsync([.. Connection, "-vv", "query", "request", "--filter", "status eq pending", "--max", "1"]);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString);
        Assert.That(run.Stderr, Does.Match(@"Connect GET /requests\?\S*eq\(status,pending\)\S*: HTTP 200 in \d+ ms \(attempt 1\)"));
        Assert.That(run.Stdout + run.Stderr, Does.Not.Contain("sandbox-secret"));
    }

    [Test]
    public async Task Set_values_are_typed_by_the_input_profile()
    {
        var create = await HostRun.RunAsync([.. Connection, "--dry-run", "create", "case", "--set", "subject=42", "--set", "description=true", "--set", "priority=1", "--set", "type=technical"]);
        var approve = await HostRun.RunAsync([.. Connection, "--dry-run", "exec", "request", "APPROVE", "--id", "PR-0042-0000-0001-001", "--set", "template_id=42"]);
        var update = await HostRun.RunAsync([.. Connection, "--dry-run", "update", "request", "--id", "PR-0042-0000-0001-001", "--set", "asset.params=[{\"id\":\"PRM-1\",\"value_error\":\"wrong\"}]"]);

        Assert.That(create.ExitCode, Is.EqualTo(ExitCodes.Success), create.ToString);
        var body = JObject.Parse(create.StdoutLines.Single())["body"]!;
        Assert.That(JToken.DeepEquals(body, JObject.Parse("""{"subject":"42","description":"true","priority":1,"type":"technical"}""")), Is.True, body.ToString());
        Assert.That(JObject.Parse(approve.StdoutLines.Single())["body"]!["template_id"]!.Type, Is.EqualTo(JTokenType.String), approve.ToString);
        Assert.That(JObject.Parse(update.StdoutLines.Single())["body"]!["asset"]!["params"]!.Type, Is.EqualTo(JTokenType.Array), update.ToString);
    }

    [Test]
    public async Task A_set_field_the_action_does_not_take_is_still_refused_with_strict()
    {
        var run = await HostRun.RunAsync([.. Connection, "--dry-run", "exec", "request", "APPROVE", "--id", "PR-0042-0000-0001-001", "--set", "template_id=TL-1", "--set", "colour=5", "--strict"]);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.DocumentErrors), run.ToString);
        Assert.That(run.Stderr, Does.Contain("colour"));
    }

    [Test]
    public async Task Select_decides_the_printed_fields_and_fields_narrows_them()
    {
        var selected = await HostRun.RunAsync([.. Connection, "query", "request", "--select", "id,asset.id", "--max", "2", "-o", "csv"]);
        var narrowed = await HostRun.RunAsync([.. Connection, "query", "request", "--select", "id,asset", "--fields", "asset.id", "--max", "2"]);
        var refused = await HostRun.RunAsync([.. Connection, "query", "request", "--select", "id", "--fields", "status", "--max", "2"]);

        Assert.That(selected.ExitCode, Is.EqualTo(ExitCodes.Success), selected.ToString);
        Assert.That(selected.StdoutLines[0], Is.EqualTo("id,asset.id"));
        Assert.That(selected.StdoutLines, Has.Count.EqualTo(3));
        Assert.That(narrowed.StdoutLines.Select(l => JObject.Parse(l).Properties().Single().Name), Is.All.EqualTo("asset"));
        Assert.That(narrowed.StdoutLines.Select(l => ((JObject)JObject.Parse(l)["asset"]!).Properties().Single().Name), Is.All.EqualTo("id"));
        Assert.That(refused.ExitCode, Is.EqualTo(ExitCodes.Usage), refused.ToString);
        Assert.That(refused.Stderr, Does.Contain("--fields status: --select id does not return this field"));
    }
}
