using Connector.Host;
using Connector.Sandbox;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Connector.Tests.Host;

/// <summary>The run-time commands of the host, in process, against one sandbox started for the fixture.</summary>
[TestFixture]
public sealed class HostCommandTests
{
    private const string TemplateId = "TL-0042-0000-0000-01";
    private ConnectSandbox _sandbox = null!;

    private string Url => _sandbox.BaseUrl.ToString();

    [OneTimeSetUp]
    public async Task StartSandbox() => _sandbox = await ConnectSandbox.StartAsync(new SandboxOptions { Port = 0, Seed = 42, RecordsPerType = 200 });

    [OneTimeTearDown]
    public async Task StopSandbox() => await _sandbox.DisposeAsync();

    [Test]
    public async Task Query_prints_one_compact_json_line_per_record_and_a_summary()
    {
        var run = await RunAsync("query", "request", "--filter", "status eq pending", "--max", "3");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString);
        Assert.That(run.StdoutLines, Has.Count.EqualTo(3));
        foreach (var line in run.StdoutLines)
        {
            var record = JObject.Parse(line);
            Assert.That((string?)record["status"], Is.EqualTo("pending"));
            Assert.That(line, Does.Not.Contain("\n"));
        }

        Assert.That(run.Stderr, Does.Contain("1 succeeded, 0 application errors, 0 failures (3 records)"));
    }

    [Test]
    public async Task Query_results_mode_prints_one_line_per_record_then_the_final_line()
    {
        var run = await RunAsync("query", "product", "--max", "2", "--results");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString);
        var lines = run.StdoutLines.Select(JObject.Parse).ToList();
        Assert.That(lines, Has.Count.EqualTo(3));
        Assert.That(lines.Select(l => (string?)l["status"]), Is.All.EqualTo("SUCCESS"));
        Assert.That(lines.Take(2).Select(l => l["payload"]!.Type), Is.All.EqualTo(JTokenType.Object));
        Assert.That(lines[2]["payload"]!.Type, Is.EqualTo(JTokenType.Null));
        Assert.That((string?)lines[2]["trackingId"], Is.EqualTo("query"));
    }

    [Test]
    public async Task Query_count_any_sort_where_and_rql_reach_the_api()
    {
        var count = await RunAsync("query", "request", "--filter", "status eq pending", "--filter", "status eq approved", "--any", "--count");
        var where = await RunAsync("query", "request", "--where", "{\"and\":[{\"field\":\"status\",\"op\":\"in\",\"values\":[\"pending\",\"approved\"]}]}", "--count");
        var rql = await RunAsync("query", "request", "--rql", "in(status,(pending,approved))", "--count");
        var sorted = await RunAsync("query", "product", "--sort", "-id", "--max", "3");

        Assert.That(count.ExitCode, Is.EqualTo(ExitCodes.Success), count.ToString);
        var total = (long)JObject.Parse(count.StdoutLines.Single())["count"]!;
        Assert.That(total, Is.GreaterThan(0));
        Assert.That((long)JObject.Parse(where.StdoutLines.Single())["count"]!, Is.EqualTo(total), where.ToString);
        Assert.That((long)JObject.Parse(rql.StdoutLines.Single())["count"]!, Is.EqualTo(total), rql.ToString);
        var ids = sorted.StdoutLines.Select(l => (string)JObject.Parse(l)["id"]!).ToList();
        Assert.That(ids, Is.Ordered.Descending.Using((IComparer<string>)StringComparer.Ordinal), sorted.ToString);
    }

    [Test]
    public async Task Get_reads_ids_from_arguments_and_from_stdin()
    {
        var ids = (await RunAsync("query", "product", "--max", "2")).StdoutLines.Select(l => (string)JObject.Parse(l)["id"]!).ToList();

        var fromArguments = await RunAsync("get", "product", ids[0], ids[1]);
        var fromStdin = await RunWithInputAsync(ids[0] + "\n\n{\"id\":\"" + ids[1] + "\"}\n", "get", "product");

        Assert.That(fromArguments.ExitCode, Is.EqualTo(ExitCodes.Success), fromArguments.ToString);
        Assert.That(fromArguments.StdoutLines.Select(l => (string?)JObject.Parse(l)["id"]), Is.EqualTo(ids));
        Assert.That(fromStdin.ExitCode, Is.EqualTo(ExitCodes.Success), fromStdin.ToString);
        Assert.That(fromStdin.StdoutLines.Select(l => (string?)JObject.Parse(l)["id"]), Is.EqualTo(ids));
    }

    [Test]
    public async Task Get_of_a_missing_id_is_an_empty_success_named_on_stderr()
    {
        var run = await RunAsync("get", "product", "PRD-0000-NOPE");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString);
        Assert.That(run.Stdout, Is.Empty);
        Assert.That(run.Stderr, Does.Contain("PRD-0000-NOPE: 404"));
        Assert.That(run.Stderr, Does.Contain("1 succeeded, 0 application errors, 0 failures"));
    }

    [Test]
    public async Task Query_piped_into_exec_approves_the_pending_requests()
    {
        var query = await RunAsync("query", "request", "--filter", "status eq pending", "--max", "3");
        var approve = await RunWithInputAsync(query.Stdout, "exec", "request", "APPROVE", "--set", "template_id=" + TemplateId);

        Assert.That(query.StdoutLines, Has.Count.EqualTo(3), query.ToString);
        Assert.That(approve.ExitCode, Is.EqualTo(ExitCodes.Success), approve.ToString);
        var approved = approve.StdoutLines.Select(JObject.Parse).ToList();
        Assert.That(approved.Select(r => (string?)r["id"]), Is.EqualTo(query.StdoutLines.Select(l => (string?)JObject.Parse(l)["id"])));
        Assert.That(approved.Select(r => (string?)r["status"]), Is.All.EqualTo("approved"));
        Assert.That(approve.Stderr, Does.Contain("3 succeeded, 0 application errors, 0 failures"));
    }

    [Test]
    public async Task A_malformed_line_is_an_application_error_naming_its_line_and_the_others_run()
    {
        var ids = (await RunAsync("query", "request", "--filter", "status eq pending", "--max", "2")).StdoutLines.Select(l => (string)JObject.Parse(l)["id"]!).ToList();
        var input = $"{{\"id\":\"{ids[0]}\"}}\n{{not json\n{{\"id\":\"{ids[1]}\"}}\n";

        var run = await RunWithInputAsync(input, "exec", "request", "APPROVE", "--set", "template_id=" + TemplateId, "--results");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.DocumentErrors), run.ToString);
        var results = run.StdoutLines.Select(JObject.Parse).ToList();
        Assert.That(results.Select(r => (string?)r["trackingId"]), Is.EqualTo(new[] { "line-1", "line-2", "line-3" }));
        Assert.That(results.Select(r => (string?)r["status"]), Is.EqualTo(new[] { "SUCCESS", "APPLICATION_ERROR", "SUCCESS" }));
        Assert.That((string?)results[1]["message"], Does.Contain("line-2"));
        Assert.That(run.Stderr, Does.Contain("2 succeeded, 1 application error, 0 failures"));
    }

    [Test]
    public async Task Create_builds_one_document_from_set_and_update_overrides_fields()
    {
        var created = await RunAsync("create", "case", "--set", "subject=Printer on fire", "--set", "description=It smokes", "--set", "priority=1", "--set", "type=technical");

        Assert.That(created.ExitCode, Is.EqualTo(ExitCodes.Success), created.ToString);
        var id = (string)JObject.Parse(created.StdoutLines.Single())["id"]!;
        var updated = await RunWithInputAsync("{\"id\":\"" + id + "\",\"subject\":\"x\"}\n", "update", "case", "--set", "subject=Printer fixed");
        Assert.That(updated.ExitCode, Is.EqualTo(ExitCodes.Success), updated.ToString);
        Assert.That((string?)JObject.Parse(updated.StdoutLines.Single())["subject"], Is.EqualTo("Printer fixed"));
    }

    [Test]
    public async Task An_empty_pipe_is_zero_documents()
    {
        var run = await RunAsync("exec", "request", "APPROVE");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString);
        Assert.That(run.Stderr, Does.Contain("0 documents"));
    }

    [TestCase("query", "nope", "Valid object types: asset, request")]
    [TestCase("exec", "request", "'FOO'")]
    public async Task Unknown_object_or_action_exits_2_listing_the_valid_ones(string command, string objectType, string expected)
    {
        var run = command == "exec" ? await RunAsync("exec", objectType, "FOO", "--id", "PR-1") : await RunAsync(command, objectType);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString);
        Assert.That(run.Stderr, Does.Contain(expected));
        if (command == "exec")
        {
            Assert.That(run.Stderr, Does.Contain("APPROVE, REJECT"));
        }
    }

    [Test]
    public async Task Object_types_and_actions_are_case_insensitive()
    {
        var run = await RunAsync("query", "REQUEST", "--filter", "status eq pending", "--max", "1");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString);
        Assert.That(run.StdoutLines, Has.Count.EqualTo(1));
    }

    [TestCase("status bogus pending", "unknown operator 'bogus'")]
    [TestCase("status null pending", "takes no value")]
    [TestCase("bogus eq 1", "unknown filter field 'bogus'")]
    public async Task Bad_filters_exit_2_naming_the_problem(string filter, string expected)
    {
        var run = await RunAsync("query", "request", "--filter", filter);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString);
        Assert.That(run.Stderr, Does.Contain(expected));
    }

    [Test]
    public async Task Bad_flags_exit_2()
    {
        var run = await RunAsync("query", "request", "--no-such-flag");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString);
        Assert.That(run.Stderr, Does.Contain("--no-such-flag"));
    }

    [Test]
    public async Task Plain_http_to_a_non_loopback_host_is_refused()
    {
        var run = await HostRun.RunAsync("--url", "http://connect.example.com/public/v1", "--api-key", "SU-1:topsecret", "query", "product");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString);
        Assert.That(run.Stderr, Does.Contain("--allow-insecure"));
        Assert.That(run.Stdout + run.Stderr, Does.Not.Contain("topsecret"));
    }

    [Test]
    public async Task A_command_sends_no_connection_probe_first()
    {
        var id = (string)_sandbox.Store.Query("requests", "limit=1")[0]["id"]!;
        var before = _sandbox.RequestLog.Entries.Count;

        var run = await RunAsync("get", "request", id);

        var sent = _sandbox.RequestLog.Entries.Skip(before).ToList();
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString);
        Assert.That(sent.Where(e => e.RawQuery.Contains("limit=0", StringComparison.Ordinal)), Is.Empty, "no count probe");
        Assert.That(sent.Select(e => e.Path), Has.Some.EqualTo("/public/v1/requests/" + id));
    }

    [Test]
    public async Task An_unreachable_api_is_explained_by_the_first_request()
    {
        var port = Connector.Tests.Operations.Http.HttpTestSupport.FindClosedPort();

        var run = await HostRun.RunAsync("--url", $"http://127.0.0.1:{port}/public/v1", "--api-key", SandboxOptions.DefaultApiKey, "get", "request", "PR-1");

        Assert.That(run.ExitCode, Is.Not.EqualTo(ExitCodes.Success), run.ToString);
        Assert.That(run.Stderr, Does.Contain($"cannot reach http://127.0.0.1:{port}").And.Contain("refused"));
    }

    [Test]
    public async Task A_rejected_key_exits_2_and_is_never_printed()
    {
        var run = await HostRun.RunAsync("-vv", "--url", Url, "--api-key", "SU-9:wrong-secret-value", "query", "product");
        var parseError = await HostRun.RunAsync("--api-key", "SU-9:wrong-secret-value", "query", "product", "SU-9:wrong-secret-value");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage), run.ToString);
        Assert.That(run.Stderr, Does.Contain("connection does not work"));
        Assert.That(run.Stdout + run.Stderr, Does.Not.Contain("wrong-secret-value"));
        Assert.That(parseError.ExitCode, Is.EqualTo(ExitCodes.Usage), parseError.ToString);
        Assert.That(parseError.Stdout + parseError.Stderr, Does.Not.Contain("wrong-secret-value"));
    }

    [Test]
    public async Task The_key_from_the_environment_is_used_and_never_printed_even_with_debug_logs()
    {
        var environment = new Dictionary<string, string> { ["CONNECT_API_URL"] = Url, ["CONNECT_API_KEY"] = SandboxOptions.DefaultApiKey };

        var run = await HostRun.RunAsync(string.Empty, environment, CancellationToken.None, "-vv", "query", "product", "--max", "1");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString);
        Assert.That(run.Stderr, Does.Not.Contain("embedded sandbox"));
        Assert.That(run.Stdout + run.Stderr, Does.Not.Contain("sandbox-secret"));
    }

    [Test]
    public async Task Test_connection_exits_0_on_a_working_connection()
    {
        var run = await RunAsync("test-connection");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString);
        Assert.That(run.Stdout, Does.Contain("connection OK"));
    }

    [Test]
    public async Task Without_a_url_the_embedded_sandbox_starts_and_says_so()
    {
        var run = await HostRun.RunAsync("query", "request", "--filter", "status eq pending", "--max", "1");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString);
        Assert.That(run.Stderr, Does.Match(@"using the embedded sandbox at http://127\.0\.0\.1:\d+/public/v1 \(seed 42\)"));
        Assert.That(run.StdoutLines, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Cancellation_gives_the_unfinished_documents_a_cancelled_failure_and_still_prints_the_summary()
    {
        using var cancellation = new CancellationTokenSource();
        var stdin = new CancelAtEndReader("{\"id\":\"PR-1\"}\n{\"id\":\"PR-2\"}\n", cancellation);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var console = new HostConsole(stdin, stdout, stderr, _ => null);

        var code = await HostProgram.RunAsync(["--url", Url, "--api-key", SandboxOptions.DefaultApiKey, "exec", "request", "APPROVE", "--results"], console, cancellation.Token);

        Assert.That(code, Is.EqualTo(ExitCodes.DocumentErrors), stderr.ToString);
        var results = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(JObject.Parse).ToList();
        Assert.That(results.Select(r => (string?)r["status"]), Is.EqualTo(new[] { "FAILURE", "FAILURE" }));
        Assert.That(results.Select(r => (string?)r["message"]), Has.All.Contain("cancelled"));
        Assert.That(stderr.ToString(), Does.Contain("0 succeeded, 0 application errors, 2 failures"));
    }

    [Test]
    public async Task Usage_billing_tour_create_usage_file_upload_submit()
    {
        var created = await RunAsync(
            "create", "usage_report", "--set", "name=Tour usage", "--set", "product.id=PRD-0042-0000-0000", "--set", "contract.id=CRD-0042-0000-0000",
            "--set", "period.from=2023-03-01", "--set", "period.to=2023-03-31", "--set", "currency=USD");
        Assert.That(created.ExitCode, Is.EqualTo(ExitCodes.Success), created.ToString);
        var reportId = (string)JObject.Parse(created.StdoutLines.Single())["id"]!;
        var file = Path.Combine(Path.GetTempPath(), "usage-" + Guid.NewGuid().ToString("N") + ".xlsx");
        try
        {
            var written = await RunAsync("usage-file", "PRD-0042-0000-0000", "--out", file, "--rows", "4");
            Assert.That(written.ExitCode, Is.EqualTo(ExitCodes.Success), written.ToString);
            Assert.That(written.Stderr, Does.Contain("wrote 4 usage rows"));
            var uploaded = await RunAsync("exec", "usage_report", "UPLOAD", "--id", reportId, "--file", file);
            Assert.That((string?)JObject.Parse(uploaded.StdoutLines.Single())["status"], Is.EqualTo("ready"), uploaded.ToString);
            var submitted = await RunAsync("exec", "usage_report", "SUBMIT", "--id", reportId);
            Assert.That((string?)JObject.Parse(submitted.StdoutLines.Single())["status"], Is.EqualTo("pending"), submitted.ToString);
        }
        finally
        {
            File.Delete(file);
        }

        var unknownProduct = await RunAsync("usage-file", "PRD-9999-9999-9999", "--out", file);
        Assert.That(unknownProduct.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(unknownProduct.Stderr, Does.Contain("PRD-9999-9999-9999"));
    }

    /// <summary>Delivers its text, then cancels the run when the input ends (as a Ctrl+C after reading would).</summary>
    private sealed class CancelAtEndReader(string text, CancellationTokenSource cancellation) : StringReader(text)
    {
        public override async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            var line = await base.ReadLineAsync(CancellationToken.None);
            if (line is null)
            {
                await cancellation.CancelAsync();
            }

            return line;
        }

        public override async ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer, CancellationToken.None);
            if (read == 0)
            {
                await cancellation.CancelAsync();
            }

            return read;
        }
    }

    private Task<HostRun> RunAsync(params string[] args) =>
        HostRun.RunAsync(["--url", Url, "--api-key", SandboxOptions.DefaultApiKey, .. args]);

    private Task<HostRun> RunWithInputAsync(string stdin, params string[] args) =>
        HostRun.RunWithInputAsync(stdin, ["--url", Url, "--api-key", SandboxOptions.DefaultApiKey, .. args]);
}
