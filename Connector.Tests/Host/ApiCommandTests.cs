using Connector.Host;
using Connector.Sandbox;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Connector.Tests.Host;

/// <summary>connector api METHOD PATH: raw requests through the connector's HTTP stack, against a sandbox.</summary>
[TestFixture]
public sealed class ApiCommandTests : HostSandboxFixture
{
    private const string Key = SandboxOptions.DefaultApiKey;

    [Test]
    public async Task A_GET_of_one_object_prints_it_as_one_JSON_line()
    {
        var id = (string)JObject.Parse((await HostRun.RunAsync([.. Connection, "query", "request", "--max", "1"])).StdoutLines[0])["id"]!;

        var run = await HostRun.RunAsync([.. Connection, "api", "get", "/requests/" + id]);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString);
        Assert.That((string?)JObject.Parse(run.StdoutLines.Single())["id"], Is.EqualTo(id));
        Assert.That(run.Stderr, Does.Contain($"api GET /requests/{id}: 1 record in "));
    }

    [Test]
    public async Task Paginate_follows_every_page_and_prints_each_element_once()
    {
        var expected = (await HostRun.RunAsync([.. Connection, "query", "request", "--sort", "created"])).StdoutLines
            .Select(l => (string)JObject.Parse(l)["id"]!).ToList();
        Sandbox.RequestLog.Clear();

        var run = await HostRun.RunAsync([.. Connection, "api", "GET", "/requests", "--paginate", "--query", "limit=7", "--query", "ordering(created)"]);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString);
        Assert.That(expected, Has.Count.GreaterThan(7), "the collection spans several pages");
        Assert.That(run.StdoutLines.Select(l => (string)JObject.Parse(l)["id"]!), Is.EqualTo(expected));
        var pages = Sandbox.RequestLog.Entries.Where(e => e.Path.EndsWith("/requests", StringComparison.Ordinal)).ToList();
        Assert.That(pages, Has.Count.EqualTo((expected.Count + 6) / 7));
        Assert.That(pages.Select(p => p.RawQuery), Is.All.Contain("limit=7").And.All.Contain("ordering(created)"));
        Assert.That(pages[1].RawQuery, Does.Contain("offset=7"));
    }

    [Test]
    public async Task An_array_answer_without_paging_prints_one_line_per_element()
    {
        var run = await HostRun.RunAsync([.. Connection, "api", "GET", "/requests?limit=3"]);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString);
        Assert.That(run.StdoutLines, Has.Count.EqualTo(3));
        Assert.That(run.StdoutLines.Select(l => JObject.Parse(l)["id"]), Is.All.Not.Null);
    }

    [Test]
    public async Task A_POST_takes_its_body_from_stdin()
    {
        var body = """{"subject":"Printer on fire","description":"It smokes","priority":1,"type":"technical"}""";

        var run = await HostRun.RunWithInputAsync(body, [.. Connection, "api", "POST", "/helpdesk/cases", "--body", "-"]);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString);
        var created = JObject.Parse(run.StdoutLines.Single());
        Assert.That((string?)created["subject"], Is.EqualTo("Printer on fire"));
        var read = await HostRun.RunAsync([.. Connection, "api", "GET", "/helpdesk/cases/" + (string)created["id"]!]);
        Assert.That((string?)JObject.Parse(read.StdoutLines.Single())["description"], Is.EqualTo("It smokes"));
    }

    [Test]
    public async Task A_missing_object_is_one_line_naming_the_status_and_Connect_error_code_with_exit_1()
    {
        var run = await HostRun.RunAsync([.. Connection, "api", "GET", "/requests/PR-9999-9999-9999-999"]);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.DocumentErrors), run.ToString);
        Assert.That(run.Stdout, Is.Empty);
        var error = run.Stderr.Split('\n').Single(l => l.Contains("404", StringComparison.Ordinal));
        Assert.That(error, Does.Contain("APPLICATION_ERROR 404").And.Contain("NTF_001"));
        Assert.That(run.Stderr, Does.Not.Contain("   at ").And.Not.Contain("Exception"));
    }

    [Test]
    public async Task A_dry_run_prints_the_request_and_sends_nothing()
    {
        Sandbox.RequestLog.Clear();

        var run = await HostRun.RunAsync([.. Connection, "--dry-run", "api", "POST", "/helpdesk/cases", "--body", """{"subject":"x"}""", "--query", "note=a b"]);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString);
        var request = JObject.Parse(run.StdoutLines.Single());
        Assert.That((string?)request["method"], Is.EqualTo("POST"));
        Assert.That((string?)request["url"], Is.EqualTo(Sandbox.BaseUrl.ToString().TrimEnd('/') + "/helpdesk/cases?note=a%20b"));
        Assert.That((string?)request["body"]?["subject"], Is.EqualTo("x"));
        Assert.That(run.Stderr, Does.Contain("1 request not sent (dry run)"));
        Assert.That(Sandbox.RequestLog.Entries, Is.Empty, "nothing reached the API");
    }

    [Test]
    public async Task The_key_is_never_printed_not_even_with_very_verbose_logging_or_a_refused_key()
    {
        var logged = await HostRun.RunAsync([.. Connection, "-vv", "api", "GET", "/requests", "--paginate", "--query", "limit=10"]);
        var refused = await HostRun.RunAsync(["--url", Sandbox.BaseUrl.ToString(), "--api-key", "ApiKey SU-0000:not-the-key", "api", "GET", "/requests"]);

        Assert.That(logged.ExitCode, Is.EqualTo(ExitCodes.Success), logged.ToString);
        Assert.That(logged.Stderr, Does.Match(@"Connect GET /requests\?limit=10&offset=10: HTTP 200 in \d+ ms \(attempt 1\)"));
        Assert.That(refused.ExitCode, Is.EqualTo(ExitCodes.Usage), refused.ToString);
        Assert.That(refused.Stderr, Does.Contain("401"));
        Assert.That(logged.Stdout + logged.Stderr, Does.Not.Contain(Key));
        Assert.That(refused.Stdout + refused.Stderr, Does.Not.Contain("not-the-key"));
    }

    [TestCase("GTE", "did you mean 'GET'")]
    [TestCase("PATCH", "valid methods: GET, POST, PUT, DELETE")]
    public async Task An_unknown_method_is_a_usage_error_with_suggestions(string method, string expected)
    {
        var run = await HostRun.RunAsync([.. Connection, "api", method, "/requests"]);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString);
        Assert.That(run.Stderr, Does.Contain(expected));
    }

    [TestCase("https://evil.example/public/v1/requests", "is a URL")]
    [TestCase("/requests/../../admin", "segment '..'")]
    [TestCase("/requests/%2e%2e/x", "segment '%2e%2e'")]
    public async Task A_path_that_leaves_the_API_is_refused_before_anything_is_sent(string path, string expected)
    {
        Sandbox.RequestLog.Clear();

        var run = await HostRun.RunAsync([.. Connection, "api", "GET", path]);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString);
        Assert.That(run.Stderr, Does.Contain(expected));
        Assert.That(Sandbox.RequestLog.Entries, Is.Empty);
    }

    [Test]
    public async Task Paging_is_for_GET_only_and_a_GET_carries_no_body()
    {
        var paged = await HostRun.RunAsync([.. Connection, "api", "POST", "/helpdesk/cases", "--paginate"]);
        var body = await HostRun.RunAsync([.. Connection, "api", "GET", "/requests", "--body", "{}"]);

        Assert.That(paged.ExitCode, Is.EqualTo(ExitCodes.Usage), paged.ToString);
        Assert.That(paged.Stderr, Does.Contain("only a GET can be paged"));
        Assert.That(body.ExitCode, Is.EqualTo(ExitCodes.Usage), body.ToString);
    }

    [Test]
    public async Task The_method_completes()
    {
        var run = await HostRun.RunAsync("[suggest:4]", "api ");

        Assert.That(run.StdoutLines, Is.SupersetOf(new[] { "GET", "POST", "PUT", "DELETE" }));
    }

    [Test]
    public async Task On_a_terminal_the_answer_is_indented_and_a_chosen_format_is_kept()
    {
        var indented = await HostRun.RunOnTerminalAsync(120, [.. Connection, "api", "GET", "/requests?limit=1", "--fields", "id,status"]);
        var csv = await HostRun.RunOnTerminalAsync(120, [.. Connection, "api", "GET", "/requests?limit=2", "--fields", "id,status", "-o", "csv"]);

        Assert.That(indented.ExitCode, Is.EqualTo(ExitCodes.Success), indented.ToString);
        Assert.That(indented.Stdout, Does.StartWith("{" + Environment.NewLine + "  \"id\": "));
        Assert.That(JObject.Parse(indented.Stdout).Properties().Select(p => p.Name), Is.EqualTo(new[] { "id", "status" }));
        Assert.That(csv.StdoutLines, Has.Count.EqualTo(3));
        Assert.That(csv.StdoutLines[0], Is.EqualTo("id,status"));
    }
}
