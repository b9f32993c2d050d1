using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Connector.Core.Querying;
using Connector.Core.Results;
using Connector.Sandbox;
using NUnit.Framework;

namespace Connector.Tests.Operations.AgainstSandbox;

/// <summary>GET and QUERY against the sandbox: unknown ids, every search operator and sort order checked against an
/// in-memory evaluation of the store, Retry-After, retried GETs, a page that keeps failing, count-only.</summary>
[TestFixture]
[Category("Sandbox")]
public sealed class InboundAgainstSandboxTests : AgainstSandboxFixture
{
    [TestCase("asset", null, "AS-0042-9999-9999")]
    [TestCase("request", null, "PR-1234-5678-9012-001")]
    [TestCase("usage_report", null, "UF-2024-01-9999")]
    [TestCase("product_item", "products", "PRD-0042-0000-0001-9999")]
    [TestCase("tier_account_version", "tier_accounts", "99")]
    public async Task Get_of_an_unknown_id_is_an_empty_success(string objectType, string? parentCollection, string id)
    {
        var parent = parentCollection is null ? null : Claims.Claim(parentCollection);
        var mark = Mark();
        var result = await RunAsync(objectType, "GET", id, parentId: parent);
        Assert.That(result.Status, Is.EqualTo(OperationStatus.Success), result.ToString());
        Assert.That(result.Payloads, Is.Empty);
        Assert.That(Since(mark).Select(e => e.Status), Is.EqualTo(new[] { 404 }), "asked once, answered 404");
    }

    [Test]
    public async Task Get_is_retried_on_500()
    {
        var id = Claims.Claim("assets");
        Sandbox.Faults.Add(new FaultRule { Method = "GET", PathPrefix = "/public/v1/assets/" + id, Kind = FaultKind.ServerError500, Count = 2 });
        var mark = Mark();
        var json = Ok(await RunAsync("asset", "GET", id));
        Assert.That((string?)json["id"], Is.EqualTo(id));
        Assert.That(Since(mark).Select(e => e.Status), Is.EqualTo(new[] { 500, 500, 200 }));
    }

    /// <summary>Search operators, each checked against the same predicate evaluated over every record of the store.</summary>
    public static IEnumerable<TestCaseData> Operators()
    {
        TestCaseData Case(string objectType, string collection, string property, string op, params string[] args) =>
            new TestCaseData(objectType, collection, property, op, args).SetName($"Query {objectType} {property} {op} {string.Join(",", args)}");
        yield return Case("asset", "assets", "status", "eq", "active");
        yield return Case("asset", "assets", "status", "ne", "active");
        yield return Case("asset", "assets", "status", "in", "active", "suspended");
        yield return Case("asset", "assets", "status", "out", "active", "suspended");
        yield return Case("asset", "assets", "status", "like", "*ed");
        yield return Case("asset", "assets", "status", "ilike", "*TERMINAT*");
        yield return Case("request", "requests", "created", "gt", "MEDIAN");
        yield return Case("request", "requests", "created", "lt", "MEDIAN");
        yield return Case("case", "cases", "events.closed.at", "null");
        yield return Case("case", "cases", "events.closed.at", "notnull");
    }

    [TestCaseSource(nameof(Operators))]
    public async Task Query_operator_returns_exactly_the_matching_records(string objectType, string collection, string property, string op, string[] args)
    {
        var all = Sandbox.Store.Query(collection);
        if (args is ["MEDIAN"])
        {
            args = [all.Select(r => Value(r, property)!).Order(StringComparer.Ordinal).ElementAt(all.Count / 2)];
        }

        var expected = all.Where(r => Matches(Value(r, property), op, args)).Select(r => (string)r["id"]!).ToList();
        Assert.That(expected, Is.Not.Empty, "the case selects something");
        Assert.That(expected, Has.Count.LessThan(all.Count), "the case filters something out");
        var filter = QueryFilter.Where(new ComparisonExpression(property, op, args));
        var result = await Tester.QueryAsync(objectType, filter, new Dictionary<string, string?> { ["pageSize"] = "25" });
        Assert.That(result.Status, Is.EqualTo(OperationStatus.Success), result.ToString());
        var ids = result.Json.Select(j => (string)j["id"]!).ToList();
        Assert.That(ids, Is.Unique);
        Assert.That(ids, Is.EquivalentTo(expected));
    }

    [TestCase(SortDirection.Ascending)]
    [TestCase(SortDirection.Descending)]
    public async Task Query_sorts_requests_by_created(SortDirection direction)
    {
        var expected = Sandbox.Store.Query("requests").Where(r => Value(r, "status") != "pending").ToList();
        var filter = new QueryFilter(ComparisonExpression.Of("status", "ne", "pending"), [new SortSpecification("created", direction)], []);
        var result = await Tester.QueryAsync("request", filter, new Dictionary<string, string?> { ["pageSize"] = "7" });
        Assert.That(result.Status, Is.EqualTo(OperationStatus.Success), result.ToString());
        Assert.That(result.Json.Select(j => (string)j["id"]!), Is.EquivalentTo(expected.Select(r => (string)r["id"]!)));
        var created = result.Json.Select(j => DateTimeOffset.Parse((string)j["created"]!, CultureInfo.InvariantCulture)).ToList();
        Assert.That(created, direction == SortDirection.Ascending ? Is.Ordered.Ascending : Is.Ordered.Descending);
        Assert.That(created.Distinct().Count(), Is.GreaterThan(1));
    }

    [Test]
    public async Task Query_honours_Retry_After_on_the_second_page()
    {
        var total = Sandbox.Store.Count("assets");
        Sandbox.Faults.Add(new FaultRule { Method = "GET", PathPrefix = "/public/v1/assets", Kind = FaultKind.TooManyRequests, Nth = 2, RetryAfter = "1" });
        var mark = Mark();
        var result = await Tester.QueryAsync("asset", QueryFilter.All, new Dictionary<string, string?> { ["pageSize"] = "25" });
        Assert.That(result.Status, Is.EqualTo(OperationStatus.Success), result.ToString());
        var ids = result.Json.Select(j => (string)j["id"]!).ToList();
        Assert.That(ids, Has.Count.EqualTo(total));
        Assert.That(ids, Is.Unique);
        var log = Since(mark);
        Assert.That(log.Select(e => (e.Status, e.RawQuery)), Is.EqualTo(new[]
        {
            (200, "limit=25&offset=0"), (429, "limit=25&offset=25"), (200, "limit=25&offset=25"), (200, "limit=25&offset=50"),
        }));
        Assert.That(log[2].Timestamp - log[1].Timestamp, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9)), "waited the Retry-After second");
    }

    [Test]
    public async Task A_page_that_fails_after_the_retries_ends_in_FAILURE_with_the_count_emitted()
    {
        Sandbox.Faults.Add(new FaultRule { Method = "GET", PathPrefix = "/public/v1/assets", Kind = FaultKind.ServerError500, Nth = 2, Count = 0 });
        var mark = Mark();
        var result = await Tester.QueryAsync("asset", QueryFilter.All, new Dictionary<string, string?> { ["pageSize"] = "20" });
        Assert.That(Tester.LastViolations, Is.Empty);
        Assert.That(result.Status, Is.EqualTo(OperationStatus.Failure), result.ToString());
        Assert.That(result.StatusCode, Is.EqualTo("500"));
        Assert.That(result.Payloads, Has.Count.EqualTo(20), "the first page was emitted");
        Assert.That(result.Message, Does.Contain("20 records were emitted"));
        var log = Since(mark);
        Assert.That(log[0].Status, Is.EqualTo(200));
        Assert.That(log.Skip(1).Select(e => (e.Status, e.RawQuery)), Is.All.EqualTo((500, "limit=20&offset=20")));
        Assert.That(log, Has.Count.EqualTo(1 + 1 + 4), "the second page was tried once and retried maxRetries (4) times");
    }

    [Test]
    public async Task Count_only_asks_limit_0_and_returns_the_total()
    {
        var expected = Sandbox.Store.Query("requests", "eq(status,pending)").Count;
        var mark = Mark();
        var result = await Tester.QueryAsync("request", QueryFilter.Where(ComparisonExpression.Of("status", "eq", "pending")), new Dictionary<string, string?> { ["countOnly"] = "true" });
        Assert.That(result.Status, Is.EqualTo(OperationStatus.Success), result.ToString());
        Assert.That((long)result.Json.Single()["count"]!, Is.EqualTo(expected));
        Assert.That(Since(mark).Select(e => e.RawQuery), Is.EqualTo(new[] { "eq(status,pending)&limit=0&offset=0" }));
    }

    private static string? Value(JsonObject record, string path)
    {
        JsonNode? node = record;
        foreach (var part in path.Split('.'))
        {
            node = (node as JsonObject)?[part];
        }

        return node is JsonValue value ? value.ToString() : null;
    }

    private static bool Matches(string? value, string op, string[] args) => op switch
    {
        "eq" => value == args[0],
        "ne" => value != args[0],
        "in" => value is not null && args.Contains(value),
        "out" => value is null || !args.Contains(value),
        "like" => value is not null && Like(args[0], RegexOptions.None).IsMatch(value),
        "ilike" => value is not null && Like(args[0], RegexOptions.IgnoreCase).IsMatch(value),
        "gt" => value is not null && Time(value) > Time(args[0]),
        "lt" => value is not null && Time(value) < Time(args[0]),
        "null" => value is null,
        "notnull" => value is not null,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    private static Regex Like(string pattern, RegexOptions options) =>
        new("^" + string.Join(".*", pattern.Split('*').Select(Regex.Escape)) + "$", options | RegexOptions.CultureInvariant);

    private static DateTimeOffset Time(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture);
}
