using System.Web;
using Connector.Core.Querying;
using Connector.Core.Results;
using Connector.Core.Testing;
using Connector.Operations.Inbound;
using Connector.Operations.Requests;
using Connector.Core.Operations;
using NUnit.Framework;

namespace Connector.Tests.Operations.Inbound;

[TestFixture]
public sealed class SearchOperationTests
{
    private static string Record(long i) => $"{{\"id\":\"AS-{i:D6}\",\"status\":\"active\",\"n\":{i}}}";

    private static ScriptedTransport Collection(long total, Func<long, long, ScriptedAnswer?>? fault = null) => new(request =>
    {
        var query = HttpUtility.ParseQueryString(request.Query ?? string.Empty);
        var limit = Math.Min(long.Parse(query["limit"] ?? "100"), 1000);
        var offset = long.Parse(query["offset"] ?? "0");
        if (fault?.Invoke(limit, offset) is { } faulted)
        {
            return faulted;
        }

        var count = Math.Max(0, Math.Min(limit, total - offset));
        return ScriptedAnswer.Page(Enumerable.Range(0, (int)count).Select(i => Record(offset + i)), offset, total);
    });

    private static async Task<(DocumentResult Result, ScriptedTransport Transport)> RunAsync(ScriptedTransport transport, QueryFilter filter, Dictionary<string, string?>? properties = null, string objectType = "asset")
    {
        var context = await OperationTestContexts.CreateAsync(objectType, "QUERY", properties);
        var catalog = await ConnectApiData.GetAsync(await OperationTestContexts.StoreAsync(), CancellationToken.None);
        var operation = new SearchOperation(context, transport.Client(), catalog.Endpoint(context.Operation));
        var collector = new ResultCollector();
        var request = OperationRequest.ForQuery(filter);
        var response = new OperationResponse(request.Documents, collector);
        await operation.ExecuteAsync(request, response, CancellationToken.None);
        Assert.That(await response.CompleteAsync(), Is.Empty, "one final result for the query");
        return (collector.ToDocumentResults(["query"]).Single(), transport);
    }

    [Test]
    public async Task Pages_through_every_record_exactly_once_in_three_requests()
    {
        var (result, transport) = await RunAsync(Collection(2500), QueryFilter.All, new() { ["pageSize"] = "1000" });
        Assert.That(result.Status, Is.EqualTo(OperationStatus.Success));
        Assert.That(transport.Sent, Has.Count.EqualTo(3));
        Assert.That(transport.Sent.Select(s => s.Query), Is.EqualTo(new[] { "limit=1000&offset=0", "limit=1000&offset=1000", "limit=1000&offset=2000" }));
        var ids = result.Json.Select(j => (string)j["id"]!).ToList();
        Assert.That(ids, Has.Count.EqualTo(2500));
        Assert.That(ids, Is.Unique);
        Assert.That(result.Message, Does.Contain("2500 records in 3 pages"));
    }

    [Test]
    public async Task Records_kept_by_the_sink_past_later_pages_keep_their_own_bytes()
    {
        // Records are lent from the page's read buffer, which the next page reuses: a payload must hold its own copy.
        var context = await OperationTestContexts.CreateAsync("asset", "QUERY", new() { ["pageSize"] = "1000" });
        var catalog = await ConnectApiData.GetAsync(await OperationTestContexts.StoreAsync(), CancellationToken.None);
        var operation = new SearchOperation(context, Collection(2500).Client(), catalog.Endpoint(context.Operation));
        var keeper = new PayloadKeeper();
        var request = OperationRequest.ForQuery(QueryFilter.All);
        await operation.ExecuteAsync(request, new OperationResponse(request.Documents, keeper), CancellationToken.None);

        var texts = new List<string>();
        foreach (var payload in keeper.Payloads)
        {
            using var buffer = new MemoryStream();
            await payload.CopyToAsync(buffer);
            texts.Add(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            await payload.DisposeAsync();
        }

        Assert.That(texts, Is.EqualTo(Enumerable.Range(0, 2500).Select(i => Record(i))));
    }

    /// <summary>Keeps every payload as it came, unread, until the test reads it after the run.</summary>
    private sealed class PayloadKeeper : IOperationResultSink
    {
        public List<Payload> Payloads { get; } = [];

        public ValueTask OnResultAsync(OperationResult result, CancellationToken cancellationToken)
        {
            if (result.IsPartial)
            {
                Payloads.AddRange(result.Payloads);
            }

            return ValueTask.CompletedTask;
        }
    }

    [Test]
    public async Task Sends_the_filter_as_RQL_with_sorting()
    {
        var filter = new QueryFilter(ComparisonExpression.Of("status", "eq", "active"), [new SortSpecification("created", SortDirection.Descending)], []);
        var (_, transport) = await RunAsync(Collection(5), filter);
        Assert.That(transport.Sent.Single().Query, Is.EqualTo("eq(status,active)&ordering(-created)&limit=100&offset=0"));
    }

    [Test]
    public async Task Stops_at_the_maximum_results()
    {
        var (result, transport) = await RunAsync(Collection(500), QueryFilter.All, new() { ["pageSize"] = "100", ["maxResults"] = "250" });
        Assert.That(result.Payloads, Has.Count.EqualTo(250));
        Assert.That(transport.Sent.Last().Query, Is.EqualTo("limit=50&offset=200"));
    }

    [Test]
    public async Task Count_only_asks_limit_zero_and_returns_the_total()
    {
        var (result, transport) = await RunAsync(Collection(1234), QueryFilter.All, new() { ["countOnly"] = "true" });
        Assert.That(transport.Sent.Single().Query, Is.EqualTo("limit=0&offset=0"));
        Assert.That((long)result.SingleObject()["count"]!, Is.EqualTo(1234));
    }

    [Test]
    public async Task Without_Content_Range_a_short_page_ends_the_search()
    {
        var transport = Collection(250, (limit, offset) =>
        {
            var count = (int)Math.Max(0, Math.Min(limit, 250 - offset));
            return ScriptedAnswer.Json(200, "[" + string.Join(",", Enumerable.Range(0, count).Select(i => Record(offset + i))) + "]");
        });
        var (result, _) = await RunAsync(transport, QueryFilter.All);
        Assert.That(result.Payloads, Has.Count.EqualTo(250));
        Assert.That(result.Json.Select(j => (string)j["id"]!), Is.Unique);
    }

    [Test]
    public async Task A_server_repeating_the_same_page_and_range_ends_the_search_before_emitting_duplicates()
    {
        var transport = Collection(1000, (limit, offset) => ScriptedAnswer.Page(Enumerable.Range(0, 100).Select(i => Record(i)), 0, 1000));
        var (result, _) = await RunAsync(transport, QueryFilter.All);

        Assert.That(result.Status, Is.EqualTo(OperationStatus.Failure), result.ToString());
        Assert.That(result.StatusCode, Is.EqualTo("INCONSISTENT_PAGING"));
        Assert.That(result.Message, Does.Contain("the page asked at offset 100 came back as records 0-99").And.Contain("100 records were emitted before the failure"));
        Assert.That(result.Json.Select(j => (string)j["id"]!), Is.Unique);
        Assert.That(transport.Sent, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task A_server_repeating_the_same_page_without_content_range_ends_the_search()
    {
        var transport = Collection(1000, (limit, offset) => ScriptedAnswer.Json(200, "[" + string.Join(",", Enumerable.Range(0, 100).Select(i => Record(i))) + "]"));
        var (result, _) = await RunAsync(transport, QueryFilter.All);

        Assert.That(result.StatusCode, Is.EqualTo("INCONSISTENT_PAGING"), result.ToString());
        Assert.That(result.Message, Does.Contain("repeats its pages").And.Contain("100 records were emitted"));
        Assert.That(result.Json.Select(j => (string)j["id"]!), Is.Unique);
        Assert.That(transport.Sent, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task A_total_that_changes_mid_search_ends_it()
    {
        var transport = Collection(1000, (limit, offset) => offset == 200
            ? ScriptedAnswer.Page(Enumerable.Range(200, 100).Select(i => Record(i)), 200, 999)
            : null);
        var (result, _) = await RunAsync(transport, QueryFilter.All);

        Assert.That(result.StatusCode, Is.EqualTo("INCONSISTENT_PAGING"), result.ToString());
        Assert.That(result.Message, Does.Contain("total changed from 1000 to 999").And.Contain("200 records were emitted"));
    }

    [Test]
    public async Task More_pages_than_the_total_allows_ends_the_search()
    {
        // The first page is full (100 of 1000); then the server answers one record a page, consistently, for ever.
        var transport = Collection(1000, (limit, offset) => offset == 0 ? null : ScriptedAnswer.Page([Record(offset)], offset, 1000));
        var (result, _) = await RunAsync(transport, QueryFilter.All);

        Assert.That(result.StatusCode, Is.EqualTo("INCONSISTENT_PAGING"), result.ToString());
        Assert.That(result.Message, Does.Contain("page 12 was asked for but a total of 1000 records in pages of 100 needs at most 11"));
        Assert.That(transport.Sent, Has.Count.EqualTo(12));
    }

    [TestCase("items 100-199/1000", 50, "announces 100 records but the page at offset 100 held 50")]
    [TestCase("items 100-100/1000", 0, "the page at offset 100 was empty but its Content-Range counts 1000 records")]
    public async Task A_content_range_that_contradicts_the_page_ends_the_search(string header, int records, string expected)
    {
        var transport = Collection(1000, (limit, offset) => offset == 100
            ? new ScriptedAnswer(200, "[" + string.Join(",", Enumerable.Range(100, records).Select(i => Record(i))) + "]", new Dictionary<string, string> { ["Content-Range"] = header })
            : null);
        var (result, _) = await RunAsync(transport, QueryFilter.All);

        Assert.That(result.StatusCode, Is.EqualTo("INCONSISTENT_PAGING"), result.ToString());
        Assert.That(result.Message, Does.Contain(expected));
    }

    [Test]
    public async Task A_truncated_page_ends_in_failure_saying_how_many_records_were_emitted()
    {
        var transport = Collection(300, (limit, offset) => offset == 200 ? ScriptedAnswer.Json(200, "[" + Record(200) + ",{\"id\":\"AS-0") : null);
        var (result, _) = await RunAsync(transport, QueryFilter.All);
        Assert.That(result.Status, Is.EqualTo(OperationStatus.Failure));
        Assert.That(result.Message, Does.Contain("201 records were emitted before the failure"));
        Assert.That(result.Payloads, Has.Count.EqualTo(201));
    }

    [Test]
    public async Task A_page_whose_body_breaks_is_read_again_without_repeating_records()
    {
        var broken = 0;
        var transport = Collection(250, (limit, offset) =>
        {
            if (offset != 100 || Interlocked.Increment(ref broken) > 1)
            {
                return null;
            }

            // The first answer for the second page stops after 40 records, in the middle of the 41st.
            return ScriptedAnswer.Json(200, "[" + string.Join(",", Enumerable.Range(100, 40).Select(i => Record(i))) + ",{\"id\":\"AS-0");
        });
        var (result, sent) = await RunAsync(transport, QueryFilter.All);
        Assert.That(result.Status, Is.EqualTo(OperationStatus.Success), result.Message);
        var ids = result.Json.Select(j => (string)j["id"]!).ToList();
        Assert.That(ids, Has.Count.EqualTo(250));
        Assert.That(ids, Is.Unique);
        Assert.That(sent.Sent.Select(s => s.Query), Is.EqualTo(new[] { "limit=100&offset=0", "limit=100&offset=100", "limit=100&offset=100", "limit=100&offset=200" }));
    }

    [Test]
    public async Task An_unknown_filter_field_is_refused_before_any_request()
    {
        var (result, transport) = await RunAsync(Collection(10), QueryFilter.Where(ComparisonExpression.Of("stauts", "eq", "active")));
        Assert.That(result.Status, Is.EqualTo(OperationStatus.ApplicationError));
        Assert.That(result.Message, Does.Contain("'stauts'").And.Contain("status"));
        Assert.That(transport.Sent, Is.Empty);
    }

    [Test]
    public async Task A_client_error_on_the_first_page_is_an_application_error()
    {
        var transport = new ScriptedTransport(_ => ScriptedAnswer.Json(400, "{\"error_code\":\"VAL_001\",\"errors\":[\"bad rql\"]}"));
        var (result, _) = await RunAsync(transport, QueryFilter.All);
        Assert.That(result.Status, Is.EqualTo(OperationStatus.ApplicationError));
        Assert.That(result.StatusCode, Is.EqualTo("400"));
        Assert.That(result.Message, Does.Contain("VAL_001").And.Contain("bad rql"));
    }

    [Test]
    public async Task A_child_type_needs_its_parent_id()
    {
        var (result, transport) = await RunAsync(Collection(3), QueryFilter.All, null, "tier_account_version");
        Assert.That(result.Status, Is.EqualTo(OperationStatus.ApplicationError));
        Assert.That(result.Message, Does.Contain("parentId"));
        Assert.That(transport.Sent, Is.Empty);
        var (ok, sent) = await RunAsync(Collection(3), QueryFilter.All, new() { ["parentId"] = "TA-1" }, "tier_account_version");
        Assert.That(ok.Status, Is.EqualTo(OperationStatus.Success));
        Assert.That(sent.Sent.Single().Path, Is.EqualTo("/tier/accounts/TA-1/versions"));
    }

    [TestCase(null, 500L)]
    [TestCase("250", 250L)]
    public async Task Reports_the_expected_record_count_once_before_the_first_record(string? maxResults, long expected)
    {
        var context = await OperationTestContexts.CreateAsync("asset", "QUERY", new() { ["pageSize"] = "100", ["maxResults"] = maxResults });
        var catalog = await ConnectApiData.GetAsync(await OperationTestContexts.StoreAsync(), CancellationToken.None);
        var operation = new SearchOperation(context, Collection(500).Client(), catalog.Endpoint(context.Operation));
        var sink = new EventRecordingSink();
        var request = OperationRequest.ForQuery(QueryFilter.All);
        var response = new OperationResponse(request.Documents, sink);

        await operation.ExecuteAsync(request, response, CancellationToken.None);

        Assert.That(sink.Events[0], Is.EqualTo("expected " + expected));
        Assert.That(sink.Events.Count(e => e.StartsWith("expected", StringComparison.Ordinal)), Is.EqualTo(1));
        Assert.That(sink.Events.Count(e => e == "record"), Is.EqualTo(expected));
    }

    /// <summary>Records what reached the sink, in order.</summary>
    private sealed class EventRecordingSink : IOperationResultSink
    {
        public List<string> Events { get; } = [];

        public async ValueTask OnResultAsync(OperationResult result, CancellationToken cancellationToken)
        {
            Events.Add(result.IsPartial ? "record" : "final " + result.Status);
            foreach (var payload in result.Payloads)
            {
                await payload.DisposeAsync();
            }
        }

        public ValueTask OnExpectedRecordsAsync(string trackingId, long records, CancellationToken cancellationToken)
        {
            Events.Add("expected " + records);
            return ValueTask.CompletedTask;
        }
    }
}
