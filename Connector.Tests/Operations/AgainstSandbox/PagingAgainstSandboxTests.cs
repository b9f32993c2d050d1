using Connector.Core.Querying;
using Connector.Core.Results;
using Connector.Sandbox;
using NUnit.Framework;

namespace Connector.Tests.Operations.AgainstSandbox;

/// <summary>Paging over a sandbox with 2,500 usage records.</summary>
[TestFixture]
[Category("Sandbox")]
public sealed class PagingAgainstSandboxTests : AgainstSandboxFixture
{
    private const int Total = 2500;

    protected override SandboxOptions Options => new() { RecordsPerType = 20, UsageRecordCount = Total };

    [Test]
    public async Task Matching_records_at_page_size_1000_take_exactly_three_requests_and_arrive_once_each()
    {
        var expected = Sandbox.Store.Query("usage_records", "ne(status,nonexistent)").Select(r => (string)r["id"]!).ToList();
        Assert.That(expected, Has.Count.EqualTo(Total));
        var mark = Mark();
        var result = await Tester.QueryAsync(
            "usage_record",
            QueryFilter.Where(ComparisonExpression.Of("status", "ne", "nonexistent")),
            new Dictionary<string, string?> { ["pageSize"] = "1000" });
        Assert.That(result.Status, Is.EqualTo(OperationStatus.Success), result.ToString());
        var ids = result.Json.Select(j => (string)j["id"]!).ToList();
        Assert.That(ids, Has.Count.EqualTo(Total));
        Assert.That(ids, Is.Unique);
        Assert.That(ids, Is.EqualTo(expected));
        Assert.That(Since(mark).Select(e => (e.Status, e.RawQuery)), Is.EqualTo(new[]
        {
            (200, "ne(status,nonexistent)&limit=1000&offset=0"),
            (200, "ne(status,nonexistent)&limit=1000&offset=1000"),
            (200, "ne(status,nonexistent)&limit=1000&offset=2000"),
        }));
    }

    [Test]
    public async Task Max_results_stops_paging_and_asks_only_for_what_is_missing()
    {
        var mark = Mark();
        var result = await Tester.QueryAsync("usage_record", QueryFilter.All, new Dictionary<string, string?> { ["pageSize"] = "1000", ["maxResults"] = "1500" });
        Assert.That(result.Status, Is.EqualTo(OperationStatus.Success), result.ToString());
        Assert.That(result.Json.Select(j => (string)j["id"]!).ToList(), Has.Count.EqualTo(1500).And.Unique);
        Assert.That(Since(mark).Select(e => e.RawQuery), Is.EqualTo(new[] { "limit=1000&offset=0", "limit=500&offset=1000" }));
    }
}
