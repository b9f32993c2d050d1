using Connector.Core.Querying;
using Connector.Core.Results;
using Connector.Core.Testing;
using Connector.Operations.Usage;
using Connector.Sandbox;
using NUnit.Framework;
using Newtonsoft.Json.Linq;

namespace Connector.Tests.Operations.AgainstSandbox;

/// <summary>
/// Every matrix entry end to end against the sandbox: one SUCCESS with its real payload checked and, for every outbound
/// entry, one APPLICATION_ERROR (wrong state: 400 from the sandbox; or an input problem caught before sending).
/// </summary>
[TestFixture]
[Category("Sandbox")]
public sealed partial class MatrixEntryTests : AgainstSandboxFixture
{
    /// <summary>Every matrix entry.</summary>
    public static IEnumerable<TestCaseData> Entries() =>
        MatrixEntry.All.Select(e => new TestCaseData(e).SetName("Success " + e));

    /// <summary>Every outbound matrix entry (CREATE, UPDATE, DELETE, EXECUTE).</summary>
    public static IEnumerable<TestCaseData> OutboundEntries() =>
        MatrixEntry.All.Where(IsOutbound).Select(e => new TestCaseData(e).SetName("ApplicationError " + e));

    [Test]
    public void The_table_covers_every_matrix_entry()
    {
        Assert.That(MatrixEntry.All, Has.Count.GreaterThanOrEqualTo(93));
        var keys = MatrixEntry.All.Select(e => e.ToString()).ToList();
        Assert.That(keys.Where(k => !Scenarios.ContainsKey(k)), Is.Empty, "matrix entries without a success scenario");
        Assert.That(MatrixEntry.All.Where(IsOutbound).Where(e => Scenarios[e.ToString()].Error is null).Select(e => e.ToString()), Is.Empty, "outbound entries without an application error scenario");
        Assert.That(Scenarios.Keys.Where(k => !keys.Contains(k)), Is.Empty, "scenarios of entries the matrix no longer has");
    }

    [TestCaseSource(nameof(Entries))]
    public async Task Entry_succeeds_with_its_payload(MatrixEntry entry) =>
        await Scenarios[entry.ToString()].Success(this);

    [TestCaseSource(nameof(OutboundEntries))]
    public async Task Entry_reports_an_application_error(MatrixEntry entry) =>
        await Scenarios[entry.ToString()].Error!(this);

    private static bool IsOutbound(MatrixEntry entry) => entry.Operation is not ("GET" or "QUERY");

    /// <summary>What to do for one entry.</summary>
    private sealed record Scenario(Func<MatrixEntryTests, Task> Success, Func<MatrixEntryTests, Task>? Error = null);

    // ---- inbound helpers -------------------------------------------------------------------------------------------

    /// <summary>GET of a claimed record: SUCCESS with the object asked for.</summary>
    private async Task GetAsync(string objectType, string collection, string rql = "")
    {
        var id = Claims.Claim(collection, rql);
        var json = Ok(await RunAsync(objectType, "GET", id));
        Assert.That((string?)json["id"], Is.EqualTo(id));
    }

    /// <summary>QUERY with a filter: exactly the records the sandbox's own evaluation of the same RQL returns.</summary>
    private async Task QueryAsync(string objectType, string collection, FilterExpression filter, string rql)
    {
        var expected = Sandbox.Store.Query(collection, rql).Select(r => (string)r["id"]!).ToList();
        Assert.That(expected, Is.Not.Empty, "the filter selects something");
        var result = await Tester.QueryAsync(objectType, QueryFilter.Where(filter));
        Assert.That(result.Status, Is.EqualTo(OperationStatus.Success), result.ToString());
        await AssertConformsAsync(objectType, "QUERY", result, Mark());
        Assert.That(result.Json.Select(j => (string)j["id"]!), Is.EquivalentTo(expected));
    }

    /// <summary>QUERY of a child collection under a parent: the same records the API serves for that parent.</summary>
    private async Task ChildQueryAsync(string objectType, string parentId, string listPath, string idField = "id")
    {
        var (_, served) = await Raw.GetAsync(listPath + "?limit=1000");
        var expected = served!.AsArray().Select(n => n![idField]!.ToJsonString()).ToList();
        Assert.That(expected, Is.Not.Empty);
        var result = await Tester.QueryAsync(objectType, QueryFilter.All, new Dictionary<string, string?> { ["parentId"] = parentId });
        Assert.That(result.Status, Is.EqualTo(OperationStatus.Success), result.ToString());
        await AssertConformsAsync(objectType, "QUERY", result, Mark());
        Assert.That(result.Json.Select(j => j[idField]!.ToString(Newtonsoft.Json.Formatting.None)), Is.EqualTo(expected));
    }

    /// <summary>GET of a child object under its parent.</summary>
    private async Task ChildGetAsync(string objectType, string parentId, string listPath)
    {
        var (_, served) = await Raw.GetAsync(listPath);
        var id = (string)served!.AsArray()[0]!["id"]!;
        var json = Ok(await RunAsync(objectType, "GET", id, parentId: parentId));
        Assert.That((string?)json["id"], Is.EqualTo(id));
    }

    private string Product() => Claims.Claim("products");

    private static ComparisonExpression Eq(string property, string value) => ComparisonExpression.Of(property, "eq", value);

    // ---- outbound helpers ------------------------------------------------------------------------------------------

    /// <summary>Runs an action on a claimed record and checks the field <paramref name="field"/> of the answer and of the store.</summary>
    private async Task<JObject> ActAsync(string objectType, string operation, string collection, string rql, string? json, string field, string expected)
    {
        var id = Claims.Claim(collection, rql);
        var answer = Ok(await RunAsync(objectType, operation, id, json));
        Assert.That((string?)answer["id"], Is.EqualTo(id));
        var value = answer.SelectToken(field);
        Assert.That((string?)(value is JObject state && state["current"] is { } current ? current : value), Is.EqualTo(expected), answer.ToString()); // a state's object form {current, next, all} is read by its current value
        Assert.That(Stored(collection, id)[field.Split('.')[0]]?.ToJsonString(), Does.Contain(expected));
        return answer;
    }

    /// <summary>The same action on a record in a state it does not allow: 400 from the sandbox, one request.</summary>
    private async Task WrongStateAsync(string objectType, string operation, string collection, string rql, string? json = null)
    {
        var id = Claims.Claim(collection, rql);
        var before = Stored(collection, id).ToJsonString();
        var mark = Mark();
        var result = await RunAsync(objectType, operation, id, json);
        AssertApplicationError(result, mark, "400");
        Assert.That(Stored(collection, id).ToJsonString(), Is.EqualTo(before), "the record did not change");
    }

    /// <summary>A document the input profile refuses: APPLICATION_ERROR INVALID_BODY naming the field, nothing sent.</summary>
    private async Task RefusedBodyAsync(string objectType, string operation, string? objectId, string json, string field, string? parentId = null)
    {
        var mark = Mark();
        var result = await RunAsync(objectType, operation, objectId, json, parentId);
        AssertApplicationError(result, mark, "INVALID_BODY");
        Assert.That(result.Message, Does.Contain(field));
    }

    /// <summary>A CREATE the sandbox validates and refuses: 400, nothing created.</summary>
    private async Task RejectedCreateAsync(string objectType, string collection, string json, string? parentId = null)
    {
        var count = Sandbox.Store.Count(collection);
        var mark = Mark();
        var result = await RunAsync(objectType, "CREATE", null, json, parentId);
        AssertApplicationError(result, mark, "400");
        Assert.That(Sandbox.Store.Count(collection), Is.EqualTo(count), "nothing was created");
    }

    /// <summary>A CREATE: 201, a new id the store now holds.</summary>
    private async Task<JObject> CreateAsync(string objectType, string collection, string json, string? parentId = null)
    {
        var result = await RunAsync(objectType, "CREATE", null, json, parentId);
        Assert.That(result.StatusCode, Is.EqualTo("201"), result.ToString());
        var created = Ok(result);
        var id = (string)created["id"]!;
        Claims.Remember(id);
        Assert.That(Sandbox.Store.Get(collection, id), Is.Not.Null, "the sandbox holds the new object");
        return created;
    }

    /// <summary>An action on an id that does not exist: 404, an application error.</summary>
    private async Task UnknownIdAsync(string objectType, string operation, string id, string? json = null)
    {
        var mark = Mark();
        var result = await RunAsync(objectType, operation, id, json);
        AssertApplicationError(result, mark, "404");
    }

    /// <summary>A download: SUCCESS whose bytes are exactly what the sandbox serves at the same URL.</summary>
    private async Task DownloadAsync(string objectType, string operation, string id, string relative)
    {
        var result = await RunAsync(objectType, operation, id);
        Assert.That(result.Status, Is.EqualTo(OperationStatus.Success), result.ToString());
        Assert.That(result.Payloads, Has.Count.EqualTo(1));
        using var served = await Raw.SendAsync(HttpMethod.Get, relative);
        var bytes = await served.Content.ReadAsByteArrayAsync();
        Assert.That(bytes, Is.Not.Empty);
        Assert.That(result.Payloads[0].Bytes, Is.EqualTo(bytes), "byte-identical to the served file");
        Assert.That(result.Payloads[0].Bytes.Take(2), Is.EqualTo("PK"u8.ToArray()), "an xlsx (zip) file");
    }

    /// <summary>A valid usage workbook for an active asset of the sandbox (an asset of <paramref name="forFile"/>'s product when given).</summary>
    internal async Task<byte[]> UsageWorkbookAsync(int rows, string? forFile = null)
    {
        var asset = Stored("assets", forFile is null
            ? Claims.Claim("assets", "eq(status,active)")
            : (string)Sandbox.Store.Query("assets", $"eq(product.id,{(string)Stored("usage_files", forFile)["product"]!["id"]!})&limit=1")[0]["id"]!);
        var (_, items) = await Raw.GetAsync($"products/{(string)asset["product"]!["id"]!}/items");
        var mpn = (string)items!.AsArray()[0]!["mpn"]!;
        var start = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);
        using var buffer = new MemoryStream();
        UsageSpreadsheet.Write(buffer, Enumerable.Range(0, rows).Select(i => new UsageRow
        {
            RecordId = "rec-" + i,
            ItemSearchValue = mpn,
            AssetSearchValue = (string)asset["id"]!,
            Quantity = i + 1,
            Amount = 2.5m,
            StartTimeUtc = start.AddDays(i),
            EndTimeUtc = start.AddDays(i + 1),
        }));
        return buffer.ToArray();
    }
}
