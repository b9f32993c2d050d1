using Connector.Core.Results;
using Connector.Core.Testing;
using Connector.Operations.Usage;
using Connector.Sandbox;
using NUnit.Framework;

namespace Connector.Tests.Operations.AgainstSandbox;

/// <summary>Outbound against the sandbox: mixed batches, bulk close statuses, the usage report life cycle with real
/// files, and no duplicated POST under injected faults.</summary>
[TestFixture]
[Category("Sandbox")]
public sealed class OutboundAgainstSandboxTests : AgainstSandboxFixture
{
    [Test]
    public async Task A_batch_mixing_good_bad_and_malformed_documents_gets_one_result_each_in_input_order()
    {
        var pending = Claims.ClaimMany("requests", "eq(status,pending)", 3);
        var approved = Claims.Claim("requests", "eq(status,approved)");
        var documents = new[]
        {
            Tester.Document($$$"""{"id":"{{{pending[0]}}}","reason":"no stock"}"""),
            Tester.Document($$$"""{"id":"{{{approved}}}","reason":"no stock"}"""),
            Tester.Document($$$"""{"id":"{{{pending[1]}}}","reason":"""),
            Tester.Document($$$"""{"id":"{{{pending[1]}}}"}"""),
            Tester.Document("""{"reason":"whose?"}"""),
            Tester.Document("""{"id":"../admin","reason":"x"}"""),
            Tester.Document($$$"""{"id":"{{{pending[2]}}}","reason":"late"}"""),
        };
        var mark = Mark();
        var results = await Tester.ExecuteAsync("request", "REJECT", documents, new Dictionary<string, string?> { ["parallelism"] = "3" });
        Assert.That(Tester.LastViolations, Is.Empty);
        Assert.That(results.Select(r => r.TrackingId), Is.EqualTo(documents.Select(d => d.TrackingId)));
        Assert.That(results.Select(r => r.FinalResultCount), Is.All.EqualTo(1));
        Assert.That(results.Select(r => (r.Status, r.StatusCode)), Is.EqualTo(new[]
        {
            (OperationStatus.Success, "200"),
            (OperationStatus.ApplicationError, "400"),
            (OperationStatus.ApplicationError, "INVALID_DOCUMENT"),
            (OperationStatus.ApplicationError, "INVALID_BODY"),
            (OperationStatus.ApplicationError, "MISSING_ID"),
            (OperationStatus.ApplicationError, "INVALID_ID"),
            (OperationStatus.Success, "200"),
        }), string.Join("\n", results));
        Assert.That((string?)results[0].SingleObject()["status"], Is.EqualTo("failed"));
        Assert.That((string?)results[6].SingleObject()["status"], Is.EqualTo("failed"));
        Assert.That(Since(mark).Select(e => e.Path).Order(), Is.EqualTo(new[] { pending[0], approved, pending[2] }.Select(id => $"/public/v1/requests/{id}/fail").Order()), "only the three sendable documents were sent");
        Assert.That((string?)Stored("requests", pending[1])["status"], Is.EqualTo("pending"), "the refused documents changed nothing");
        Assert.That((string?)Stored("requests", approved)["status"], Is.EqualTo("approved"));
    }

    [Test]
    public async Task Bulk_close_maps_the_206_statuses_back_to_each_document()
    {
        var valid = Claims.ClaimMany("usage_records", "eq(status,valid)", 3);
        var closed = Claims.ClaimMany("usage_records", "eq(status,closed)", 2);
        var order = new[] { valid[0], closed[0], valid[1], closed[1], valid[2] };
        var documents = order.Select(id => Tester.Document($$$"""{"id":"{{{id}}}","external_billing_id":"INV-500","external_billing_note":"March"}""")).ToList();
        var mark = Mark();
        var results = await Tester.ExecuteAsync("usage_record", "BULK_CLOSE", documents);
        Assert.That(Tester.LastViolations, Is.Empty);
        Assert.That(results.Select(r => (r.Status, r.StatusCode)), Is.EqualTo(new[]
        {
            (OperationStatus.Success, "206"),
            (OperationStatus.ApplicationError, "UR_003"),
            (OperationStatus.Success, "206"),
            (OperationStatus.ApplicationError, "UR_003"),
            (OperationStatus.Success, "206"),
        }), string.Join("\n", results));
        Assert.That(results.Select(r => (string?)r.SingleObject()["id"]), Is.EqualTo(order));
        Assert.That(results[1].Message, Does.Contain(closed[0]));
        var sent = Since(mark);
        Assert.That(sent.Select(e => (e.Method, e.Path, e.Status)), Is.EqualTo(new[] { ("POST", "/public/v1/usage/records/close-records", 206) }), "one bulk call");
        Assert.That(valid.Select(id => (string?)Stored("usage_records", id)["external_billing_id"]), Is.All.EqualTo("INV-500"));
        Assert.That(closed.Select(id => (string?)Stored("usage_records", id)["external_billing_id"]), Is.All.Not.EqualTo("INV-500"));
    }

    [Test]
    public async Task A_usage_report_goes_through_its_life_cycle_with_a_real_spreadsheet()
    {
        var asset = Stored("assets", Claims.Claim("assets", "eq(status,active)"));
        var productId = (string)asset["product"]!["id"]!;
        var (_, items) = await Raw.GetAsync($"products/{productId}/items");
        var mpn = (string)items!.AsArray()[0]!["mpn"]!;
        var start = new DateTimeOffset(2024, 4, 1, 0, 0, 0, TimeSpan.Zero);
        using var workbook = new MemoryStream();
        UsageSpreadsheet.Write(workbook, Enumerable.Range(0, 5).Select(i => new UsageRow
        {
            RecordId = "april-" + i,
            ItemSearchValue = mpn,
            AssetSearchValue = (string)asset["id"]!,
            Quantity = 10 + i,
            StartTimeUtc = start.AddDays(i),
            EndTimeUtc = start.AddDays(i + 1),
        }));

        var created = Ok(await RunAsync("usage_report", "CREATE", null, $$$"""{"name":"April usage","product":{"id":"{{{productId}}}"},"contract":{"id":"CRD-1"}}"""));
        var id = (string)created["id"]!;
        Claims.Remember(id);
        Assert.That((string?)created["status"], Is.EqualTo("draft"));

        var uploaded = Ok(await RunFileAsync("usage_report", "UPLOAD", id, workbook.ToArray(), new() { ["fileName"] = "april.xlsx" }));
        Assert.That((string?)uploaded["id"], Is.EqualTo(id));

        string? status = null;
        for (var attempt = 0; attempt < 20 && status is not ("ready" or "invalid"); attempt++)
        {
            status = (string?)Ok(await RunAsync("usage_report", "GET", id))["status"];
            if (status is "uploading" or "processing")
            {
                await Task.Delay(50);
            }
        }

        Assert.That(status, Is.EqualTo("ready"), "the upload was processed");
        var records = Sandbox.Store.Query("usage_records", $"eq(usagefile.id,{id})");
        Assert.That(records, Has.Count.EqualTo(5), "one usage record per row of the spreadsheet");

        Assert.That((string?)Ok(await RunAsync("usage_report", "SUBMIT", id))["status"], Is.EqualTo("pending"));
        Assert.That((string?)Ok(await RunAsync("usage_report", "ACCEPT", id, """{"acceptance_note":"fine"}"""))["status"], Is.EqualTo("accepted"));
        Assert.That((string?)Ok(await RunAsync("usage_report", "CLOSE", id))["status"], Is.EqualTo("closed"));
        Assert.That((string?)Stored("usage_files", id)["status"], Is.EqualTo("closed"));
    }

    [Test]
    public async Task An_uploaded_reconciliation_file_downloads_byte_identical()
    {
        var file = await UploadedWorkbookAsync();
        var created = Ok(await RunFileAsync("usage_reconciliation", "CREATE", null, file, new() { ["uploadNote"] = "April" }));
        var id = (string)created["id"]!;
        var downloaded = await RunAsync("usage_reconciliation", "DOWNLOAD_UPLOADED", id);
        Assert.That(downloaded.Status, Is.EqualTo(OperationStatus.Success), downloaded.ToString());
        Assert.That(downloaded.Payloads.Single().Bytes, Is.EqualTo(file), "the file uploaded comes back unchanged");
        using var served = await Raw.SendAsync(HttpMethod.Get, $"usage/reconciliations/{id}/uploadedfile");
        Assert.That(downloaded.Payloads.Single().Bytes, Is.EqualTo(await served.Content.ReadAsByteArrayAsync()));
        Assert.That(downloaded.Payloads.Single().ContentType, Does.StartWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
    }

    [TestCase(FaultKind.ServerError500, "500")]
    [TestCase(FaultKind.ResetMidBody, "TRANSPORT")]
    public async Task An_ambiguous_failure_of_a_POST_action_is_not_retried_and_says_the_outcome_is_unknown(FaultKind kind, string code)
    {
        var id = Claims.Claim("requests", "eq(status,pending)");
        var path = $"/public/v1/requests/{id}/approve";
        Sandbox.Faults.Add(new FaultRule { Method = "POST", PathPrefix = path, Kind = kind, Count = 0 });
        var mark = Mark();
        var result = await RunAsync("request", "APPROVE", id, $$"""{"template_id":"{{Template}}"}""");
        Assert.That(result.Status, Is.EqualTo(OperationStatus.Failure), result.ToString());
        Assert.That(result.StatusCode, Is.EqualTo(code));
        Assert.That(result.Message, Does.Contain("outcome is unknown"));
        Assert.That(Since(mark).Count(e => e.Method == "POST" && e.Path == path), Is.EqualTo(1), "sent once, never duplicated");
    }

    [TestCase(FaultKind.TooManyRequests, 429)]
    [TestCase(FaultKind.ServiceUnavailable503, 503)]
    public async Task A_POST_refused_with_429_or_503_is_retried_and_succeeds_once(FaultKind kind, int status)
    {
        var id = Claims.Claim("requests", "eq(status,pending)");
        var path = $"/public/v1/requests/{id}/approve";
        Sandbox.Faults.Add(new FaultRule { Method = "POST", PathPrefix = path, Kind = kind, RetryAfter = "1" });
        var mark = Mark();
        var result = await RunAsync("request", "APPROVE", id, $$"""{"template_id":"{{Template}}"}""");
        Assert.That((string?)Ok(result)["status"], Is.EqualTo("approved"));
        Assert.That(Since(mark).Where(e => e.Path == path).Select(e => e.Status), Is.EqualTo(new[] { status, 200 }), "refused before processing, then carried out once");
    }

    private async Task<byte[]> UploadedWorkbookAsync()
    {
        var asset = Stored("assets", Claims.Claim("assets", "eq(status,active)"));
        var (_, items) = await Raw.GetAsync($"products/{(string)asset["product"]!["id"]!}/items");
        using var buffer = new MemoryStream();
        UsageSpreadsheet.Write(buffer, [new UsageRow
        {
            RecordId = "recon-1",
            ItemSearchValue = (string)items!.AsArray()[0]!["mpn"]!,
            AssetSearchValue = (string)asset["id"]!,
            Quantity = 3,
            StartTimeUtc = new DateTimeOffset(2024, 4, 1, 0, 0, 0, TimeSpan.Zero),
            EndTimeUtc = new DateTimeOffset(2024, 4, 2, 0, 0, 0, TimeSpan.Zero),
        }]);
        return buffer.ToArray();
    }
}
