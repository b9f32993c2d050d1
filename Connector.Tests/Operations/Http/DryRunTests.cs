using Connector.Core.Descriptors;
using Connector.Core.Querying;
using Connector.Core.Results;
using Connector.Core.Testing;
using Connector.Operations;
using Connector.Operations.Http;
using Connector.Sandbox;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Connector.Tests.Operations.Http;

/// <summary>
/// The <c>dryRun</c> connection setting against a real sandbox: nothing reaches the server, each document gets one
/// SUCCESS <c>DRY_RUN</c> result describing the request it would have sent, without the API key.
/// </summary>
[TestFixture]
[Category("Sandbox")]
public sealed class DryRunTests
{
    private ConnectSandbox sandbox = null!;
    private ConnectConnector connector = null!;
    private ConnectorTester tester = null!;
    private string baseUrl = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        sandbox = await ConnectSandbox.StartAsync(new SandboxOptions { RecordsPerType = 10 });
        connector = new ConnectConnector(await DescriptorLoader.LoadAsync(TestPaths.Descriptor, CancellationToken.None));
        baseUrl = sandbox.BaseUrl.ToString().TrimEnd('/');
        tester = new ConnectorTester(connector, new Dictionary<string, string?>
        {
            ["url"] = baseUrl,
            ["apiKey"] = SandboxOptions.DefaultApiKey,
            ["dryRun"] = "true",
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        connector.Dispose();
        await sandbox.DisposeAsync();
    }

    [Test]
    public async Task A_query_yields_its_first_page_request_and_sends_nothing()
    {
        var mark = sandbox.RequestLog.Count;
        var filter = new QueryFilter(ComparisonExpression.Of("status", "eq", "pending"), [new SortSpecification("created", SortDirection.Descending)], []);
        var result = await tester.QueryAsync("request", filter, new Dictionary<string, string?> { ["pageSize"] = "5" });
        Assert.That(result.Status, Is.EqualTo(OperationStatus.Success), result.ToString());
        Assert.That(result.StatusCode, Is.EqualTo("DRY_RUN"));
        var payload = Single(result);
        Assert.That((string?)payload["method"], Is.EqualTo("GET"));
        Assert.That((string?)payload["url"], Is.EqualTo(baseUrl + "/requests?eq(status,pending)&ordering(-created)&limit=5&offset=0"));
        Assert.That(payload["body"]!.Type, Is.EqualTo(JTokenType.Null));
        Assert.That(sandbox.RequestLog.Count, Is.EqualTo(mark), "no request reached the server");
        Assert.That(tester.LastViolations, Is.Empty);
    }

    [Test]
    public async Task A_count_only_query_yields_its_count_request()
    {
        var result = await tester.QueryAsync("asset", QueryFilter.All, new Dictionary<string, string?> { ["countOnly"] = "true" });
        Assert.That(result.StatusCode, Is.EqualTo("DRY_RUN"));
        Assert.That((string?)Single(result)["url"], Is.EqualTo(baseUrl + "/assets?limit=0&offset=0"));
    }

    [Test]
    public async Task Each_document_of_an_action_gets_its_own_request_with_the_body_and_never_the_key()
    {
        var mark = sandbox.RequestLog.Count;
        var results = await tester.ExecuteAsync("request", "APPROVE",
        [
            tester.Document("""{"id":"PR-1111-1111-1111-001","template_id":"TL-1"}"""),
            tester.Document("""{"id":"PR-2222-2222-2222-001","template_id":"TL-2"}"""),
        ]);
        Assert.That(results.Select(r => (r.Status, r.StatusCode)), Is.All.EqualTo((OperationStatus.Success, "DRY_RUN")));
        Assert.That(results.Select(r => (string?)Single(r)["url"]), Is.EqualTo(new[]
        {
            baseUrl + "/requests/PR-1111-1111-1111-001/approve",
            baseUrl + "/requests/PR-2222-2222-2222-001/approve",
        }));
        Assert.That(results.Select(r => (string?)Single(r)["method"]), Is.All.EqualTo("POST"));
        Assert.That((string?)Single(results[1])["body"]!["template_id"], Is.EqualTo("TL-2"));
        Assert.That(results.Select(r => Single(r).ToString()), Has.None.Contains("sandbox-secret"));
        Assert.That(results.Select(r => r.Message), Has.None.Contains("sandbox-secret"));
        Assert.That(sandbox.RequestLog.Count, Is.EqualTo(mark), "no request reached the server");
    }

    [Test]
    public async Task A_get_and_a_delete_describe_their_requests()
    {
        var get = await tester.ExecuteAsync("asset", "GET", [tester.Document("""{"id":"AS-1"}""")]);
        Assert.That((get[0].StatusCode, (string?)Single(get[0])["url"]), Is.EqualTo(("DRY_RUN", baseUrl + "/assets/AS-1")));
        var update = await tester.ExecuteAsync("request", "UPDATE", [tester.Document("""{"id":"PR-1","note":"n"}""")]);
        Assert.That(update[0].StatusCode, Is.EqualTo("DRY_RUN"), update[0].ToString());
        Assert.That((string?)Single(update[0])["method"], Is.EqualTo("PUT"));
    }

    [Test]
    public async Task A_batch_action_gives_each_document_of_the_batch_the_batch_request()
    {
        var results = await tester.ExecuteAsync("usage_record", "BULK_CLOSE",
        [
            tester.Document("""{"id":"UR-1"}"""),
            tester.Document("""{"id":"UR-2"}"""),
        ]);
        Assert.That(results.Select(r => r.StatusCode), Is.All.EqualTo("DRY_RUN"), string.Join("; ", results));
        Assert.That((string?)Single(results[0])["url"], Is.EqualTo(baseUrl + "/usage/records/close-records"));
    }

    [Test]
    public async Task A_file_upload_describes_its_form_not_its_bytes()
    {
        var results = await tester.ExecuteAsync(
            "usage_report",
            "UPLOAD",
            [tester.BinaryDocument([1, 2, 3], new Dictionary<string, string?> { ["objectId"] = "UF-1" })],
            new Dictionary<string, string?> { ["fileName"] = "march.xlsx" });
        Assert.That(results[0].StatusCode, Is.EqualTo("DRY_RUN"), results[0].ToString());
        var body = Single(results[0])["body"]!;
        Assert.That((string?)body["file"]!["part"], Is.EqualTo("usage_file"));
        Assert.That((string?)body["file"]!["fileName"], Is.EqualTo("march.xlsx"));
    }

    [Test]
    public void A_json_body_is_described_as_json_and_text_as_text()
    {
        var json = DryRunInterceptedException.DescribeBody(ConnectRequestBody.Json("""{"a":[1,2]}"""u8.ToArray()));
        Assert.That(json!["a"]!.Values<int>(), Is.EqualTo(new[] { 1, 2 }));
        var text = DryRunInterceptedException.DescribeBody(ConnectRequestBody.Json("not json"u8.ToArray()));
        Assert.That((string?)text, Is.EqualTo("not json"));
        Assert.That(DryRunInterceptedException.DescribeBody(null), Is.Null);
    }

    [Test]
    public async Task Without_the_setting_requests_are_sent()
    {
        var live = new ConnectorTester(connector, new Dictionary<string, string?> { ["url"] = baseUrl, ["apiKey"] = SandboxOptions.DefaultApiKey });
        var mark = sandbox.RequestLog.Count;
        var result = await live.QueryAsync("asset", QueryFilter.All, new Dictionary<string, string?> { ["maxResults"] = "1" });
        Assert.That(result.StatusCode, Is.EqualTo("200"));
        Assert.That(sandbox.RequestLog.Count, Is.GreaterThan(mark));
    }

    private static JObject Single(DocumentResult result) => result.SingleObject();
}
