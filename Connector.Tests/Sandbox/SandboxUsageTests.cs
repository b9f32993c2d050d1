using System.Net;
using Connector.Operations.Usage;
using Connector.Sandbox;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using NUnit.Framework;

namespace Connector.Tests.Sandbox;

/// <summary>Usage spreadsheets: upload creates records, bad rows make the file invalid, bulk close answers 206, chunks download as xlsx.</summary>
[TestFixture]
[Category("Sandbox")]
public sealed class SandboxUsageTests : SandboxFixtureBase
{
    private async Task<string> DraftFileAsync()
    {
        var product = Take("products");
        var (response, json) = await Client.PostAsync("usage/files", JsonNode.Parse($$$"""{"name":"May","product":{"id":"{{{product}}}"},"contract":{"id":"CRD-1"}}"""));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((string?)json!["status"], Is.EqualTo("draft"));
        return (string)json["id"]!;
    }

    /// <summary>A valid upload creates one record per row, linked to the file and the asset, and the file is ready.</summary>
    [Test]
    public async Task Upload_creates_records_and_file_is_ready()
    {
        var file = await DraftFileAsync();
        var before = Sandbox.Store.Count("usage_records");
        using var response = await Client.PostFileAsync($"usage/files/{file}/upload", "usage_file", await UsageWorkbookAsync(5, forFile: file));
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), json.ToJsonString());
        Assert.That((string?)json["status"], Is.EqualTo("ready"));
        Assert.That((int?)json["stats"]!["uploaded"], Is.EqualTo(5));
        Assert.That(Sandbox.Store.Count("usage_records"), Is.EqualTo(before + 5));
        var (_, records) = await Client.GetAsync($"usage/records?eq(usagefile.id,{file})&ordering(resource_local_id)");
        var list = records!.AsArray();
        Assert.That(list.Select(r => (string?)r!["resource_local_id"]), Is.EqualTo(new[] { "rec-0", "rec-1", "rec-2", "rec-3", "rec-4" }));
        Assert.That(list.Select(r => (double?)r!["usage"]), Is.EqualTo(new double?[] { 1, 2, 3, 4, 5 }));
        Assert.That(list.All(r => (string?)r!["status"] == "valid" && ((string?)r["asset"]!["id"])!.StartsWith("AS-", StringComparison.Ordinal)), Is.True);

        using var again = await Client.PostFileAsync($"usage/files/{file}/upload", "usage_file", await UsageWorkbookAsync(1));
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));

        var (approveAll, approved) = await Client.JsonAsync(HttpMethod.Put, $"usage/files/{file}/approve-all");
        Assert.That(approveAll.StatusCode, Is.EqualTo(HttpStatusCode.OK), approved?.ToJsonString());
        var (_, after) = await Client.GetAsync($"usage/records?eq(usagefile.id,{file})&eq(status,approved)");
        Assert.That(after!.AsArray(), Has.Count.EqualTo(5));
    }

    /// <summary>A row naming an unknown asset makes the file invalid with the row in error_detail, and creates no record.</summary>
    [Test]
    public async Task Bad_row_makes_file_invalid()
    {
        var file = await DraftFileAsync();
        var before = Sandbox.Store.Count("usage_records");
        using var response = await Client.PostFileAsync($"usage/files/{file}/upload", "usage_file", await UsageWorkbookAsync(3, breakOneRow: true, forFile: file));
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.That((string?)json["status"], Is.EqualTo("invalid"));
        Assert.That((string?)json["error_detail"], Does.Contain("Row 3").And.Contain("AS-9999-9999-9999"));
        Assert.That(Sandbox.Store.Count("usage_records"), Is.EqualTo(before));

        var garbage = await DraftFileAsync();
        using var notXlsx = await Client.PostFileAsync($"usage/files/{garbage}/upload", "usage_file", "not a workbook"u8.ToArray());
        var invalid = JsonNode.Parse(await notXlsx.Content.ReadAsStringAsync())!;
        Assert.That((string?)invalid["status"], Is.EqualTo("invalid"));

        var missingPart = await DraftFileAsync();
        using var wrongPart = await Client.PostFileAsync($"usage/files/{missingPart}/upload", "file", await UsageWorkbookAsync(1));
        Assert.That(wrongPart.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    /// <summary>Bulk close answers 206 with one entry per record: closed, already closed (error), unknown (error).</summary>
    [Test]
    public async Task Bulk_close_reports_each_record()
    {
        var valid = Take("usage_records", "eq(status,valid)");
        var closed = Take("usage_records", "eq(status,closed)");
        var body = new JsonArray(
            new JsonObject { ["id"] = valid, ["external_billing_id"] = "INV-1", ["external_billing_note"] = "March" },
            new JsonObject { ["id"] = closed, ["external_billing_id"] = "INV-2", ["external_billing_note"] = "again" },
            new JsonObject { ["id"] = "UR-0000-0000-0000-0000", ["external_billing_id"] = "INV-3", ["external_billing_note"] = "?" });
        var (response, json) = await Client.PostAsync("usage/records/close-records", body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
        var results = json!.AsArray();
        Assert.That(results.Select(r => (string?)r!["id"]), Is.EqualTo(new[] { valid, closed, "UR-0000-0000-0000-0000" }));
        Assert.That((string?)results[0]!["status"], Is.EqualTo("closed"));
        Assert.That((string?)results[0]!["error_codes"], Is.Empty);
        Assert.That((string?)results[1]!["error_codes"], Is.Not.Empty);
        Assert.That((string?)results[2]!["error_details"], Does.Contain("not found"));
        Assert.That((string?)Record("usage_records", valid)["external_billing_id"], Is.EqualTo("INV-1"));
        var (notArray, _) = await Client.PostAsync("usage/records/close-records", new JsonObject { ["id"] = valid });
        Assert.That(notArray.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    /// <summary>A chunk downloads as a real workbook holding its file's records.</summary>
    [Test]
    public async Task Chunk_download_is_valid_xlsx()
    {
        var chunk = Take("usage_chunks");
        using var response = await Client.SendAsync(HttpMethod.Get, $"usage/chunks/{chunk}/download");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        using var document = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var sheet = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single();
        var rows = ((WorksheetPart)document.WorkbookPart.GetPartById(sheet.Id!)).Worksheet.Descendants<Row>().ToList();
        Assert.That(rows, Has.Count.GreaterThan(1));
        Assert.That(rows[0].InnerText, Does.Contain("usage_record_id"));
    }

    /// <summary>Rows naming an asset of another product make the report invalid with row errors naming both products; nothing is created.</summary>
    [Test]
    public async Task Rows_of_another_product_make_the_file_invalid()
    {
        var file = await DraftFileAsync();
        var product = (string)Record("usage_files", file)["product"]!["id"]!;
        var other = Sandbox.Store.Query("assets", $"ne(product.id,{product})&limit=1")[0];
        var before = Sandbox.Store.Count("usage_records");
        var (_, items) = await Client.GetAsync($"products/{(string)other["product"]!["id"]!}/items");
        using var buffer = new MemoryStream();
        UsageSpreadsheet.Write(buffer, [new UsageRow
        {
            RecordId = "other-product",
            ItemSearchValue = (string)items!.AsArray()[0]!["mpn"]!,
            AssetSearchValue = (string)other["id"]!,
            Quantity = 1,
            StartTimeUtc = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero),
            EndTimeUtc = new DateTimeOffset(2024, 3, 2, 0, 0, 0, TimeSpan.Zero),
        }]);
        using var response = await Client.PostFileAsync($"usage/files/{file}/upload", "usage_file", buffer.ToArray());
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.That((string?)json["status"], Is.EqualTo("invalid"), json.ToJsonString());
        Assert.That((string?)json["error_detail"], Does.Contain("Row 2").And.Contain((string)other["id"]!).And.Contain(product));
        Assert.That(Sandbox.Store.Count("usage_records"), Is.EqualTo(before));
    }

    /// <summary>An uploaded reconciliation file comes back byte for byte.</summary>
    [Test]
    public async Task Reconciliation_upload_round_trip()
    {
        var workbook = await UsageWorkbookAsync(2);
        using var created = await Client.PostFileAsync("usage/reconciliations", "recon_file", workbook, new Dictionary<string, string> { ["upload_note"] = "April run" });
        var json = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((string?)json["notes"]!["uploaded"], Is.EqualTo("April run"));
        using var uploaded = await Client.SendAsync(HttpMethod.Get, $"usage/reconciliations/{json["id"]}/uploadedfile");
        Assert.That(await uploaded.Content.ReadAsByteArrayAsync(), Is.EqualTo(workbook));
    }
}
