using System.Globalization;
using System.Text.Json.Nodes;
using Connector.Sandbox.Data;

namespace Connector.Sandbox.Usage;

/// <summary>
/// Validates an uploaded usage spreadsheet and turns its rows into usage records linked to the file and to the assets
/// they name; moves the file to ready, or to invalid with the row errors in error_detail (then no record is created).
/// </summary>
internal sealed class UsageFileProcessor(SandboxStore store)
{
    private const int MaxErrorsReported = 20;
    private static readonly string[] DateFormats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd"];

    private SeedWorld World => store.World;

    public static string UploadKey(string fileId) => "usage:" + fileId;

    private static readonly string[] RequiredColumns =
        ["record_id", "item_search_criteria", "item_search_value", "quantity", "start_time_utc", "end_time_utc", "asset_search_criteria", "asset_search_value"];

    /// <summary>Processes <paramref name="content"/> for <paramref name="file"/> (changed in place).</summary>
    public void Process(JsonObject file, byte[] content, string now)
    {
        var (header, rows, problem) = ReadSheet(content);
        if (problem is not null)
        {
            Invalid(file, problem, now);
            return;
        }

        // Rows must name assets (and so items) of the report's own product, as Connect checks.
        var fileProduct = World.ProductIds.Parse((string?)file["product"]?["id"]);
        var errors = new List<string>();
        var records = new List<JsonObject>();
        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        for (var r = 1; r < rows.Count; r++)
        {
            if (rows[r].All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            var row = new SheetRow(header, rows[r]);
            var rowErrors = new List<string>();
            if (CheckRow(row, fileProduct, seenIds, rowErrors) is { } valid)
            {
                records.Add(NewRecord(file, row, valid));
            }
            else
            {
                errors.AddRange(rowErrors.Select(e => $"Row {r + 1}: {e}"));
            }
        }

        if (errors.Count > 0)
        {
            var shown = errors.Take(MaxErrorsReported).ToList();
            if (errors.Count > shown.Count)
            {
                shown.Add($"... and {errors.Count - shown.Count} more errors.");
            }

            Invalid(file, string.Join(" ", shown), now);
            return;
        }

        Ready(file, records, now);
    }

    /// <summary>The header (trimmed, lower case) and rows of the records sheet, or why the sheet cannot be processed.</summary>
    private static (List<string> Header, List<List<string>> Rows, string? Problem) ReadSheet(byte[] content)
    {
        List<List<string>> rows;
        try
        {
            rows = XlsxReader.Read(content, "records");
        }
        catch (InvalidDataException ex)
        {
            return ([], [], ex.Message);
        }

        if (rows.Count == 0)
        {
            return ([], [], "The records sheet is empty.");
        }

        var header = rows[0].Select(h => h.Trim().ToLowerInvariant()).ToList();
        var missing = RequiredColumns.Where(c => !header.Contains(c)).ToList();
        return (header, rows, missing.Count > 0 ? "Missing columns: " + string.Join(", ", missing) + "." : null);
    }

    /// <summary>The checked values of one row, or null after adding its errors to <paramref name="rowErrors"/>.</summary>
    private ValidRow? CheckRow(SheetRow row, int? fileProduct, HashSet<string> seenIds, List<string> rowErrors)
    {
        var recordId = row["record_id"];
        if (recordId.Length == 0)
        {
            rowErrors.Add("record_id: This field is required.");
        }
        else if (!seenIds.Add(recordId))
        {
            rowErrors.Add($"record_id: duplicate value {recordId}.");
        }

        if (!decimal.TryParse(row["quantity"], NumberStyles.Float, CultureInfo.InvariantCulture, out var quantity) || quantity < 0)
        {
            rowErrors.Add("quantity: a non-negative number is required.");
        }

        var amount = CheckAmount(row["amount"], rowErrors);
        var (start, end) = CheckPeriod(row, rowErrors);
        var asset = CheckAsset(row, fileProduct, rowErrors);
        JsonObject? item = null;
        if (asset is not null)
        {
            item = FindItem(asset.Value.Product, row["item_search_criteria"], row["item_search_value"]);
            if (item is null)
            {
                rowErrors.Add($"item_search_value: item {row["item_search_value"]} not found in product {World.ProductIds.Format(asset.Value.Product)}.");
            }
        }

        return rowErrors.Count > 0 ? null : new ValidRow(recordId, quantity, amount, start!.Value, end!.Value, asset!.Value, item!);
    }

    private static decimal? CheckAmount(string text, List<string> rowErrors)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
        {
            return amount;
        }

        rowErrors.Add("amount: a number is required.");
        return null;
    }

    private static (DateTime? Start, DateTime? End) CheckPeriod(SheetRow row, List<string> rowErrors)
    {
        var start = ParseDate(row["start_time_utc"]);
        var end = ParseDate(row["end_time_utc"]);
        if (start is null)
        {
            rowErrors.Add("start_time_utc: a date-time is required.");
        }

        if (end is null)
        {
            rowErrors.Add("end_time_utc: a date-time is required.");
        }

        if (start is not null && end is not null && end < start)
        {
            rowErrors.Add("end_time_utc: must not be before start_time_utc.");
        }

        return (start, end);
    }

    /// <summary>The asset a row names, when it exists and belongs to the report's product.</summary>
    private FoundAsset? CheckAsset(SheetRow row, int? fileProduct, List<string> rowErrors)
    {
        var asset = FindAsset(row["asset_search_criteria"], row["asset_search_value"]);
        if (asset is null)
        {
            rowErrors.Add($"asset_search_value: asset {row["asset_search_value"]} not found by {row["asset_search_criteria"]}.");
            return null;
        }

        if (fileProduct is not null && asset.Value.Product != fileProduct)
        {
            rowErrors.Add($"asset_search_value: asset {asset.Value.Id} belongs to product {World.ProductIds.Format(asset.Value.Product)}, not to this report's product {World.ProductIds.Format(fileProduct.Value)}.");
            return null;
        }

        return asset;
    }

    /// <summary>The usage record of a valid row of <paramref name="file"/> (its id is given when stored).</summary>
    private JsonObject NewRecord(JsonObject file, SheetRow row, ValidRow valid)
    {
        var record = World.NewRecord("usage_records");
        var (assetId, externalId, externalUid, product) = valid.Asset;
        record["start_date"] = SeedWorld.Iso(valid.Start);
        record["end_date"] = SeedWorld.Iso(valid.End);
        record["product_id"] = World.ProductIds.Format(product);
        record["external_billing_id"] = string.Empty;
        record["external_billing_note"] = string.Empty;
        record["item"] = valid.Item;
        record["asset"] = Json.Obj(("id", assetId), ("external_id", externalId), ("external_uid", externalUid));
        record["category"] = SeedWorld.UsageCategory();
        record["tier"] = int.TryParse(row["tier"], NumberStyles.None, CultureInfo.InvariantCulture, out var tier) ? tier : null;
        record["amount"] = valid.Amount is null ? null : (double)valid.Amount.Value;
        record["multiplier"] = 1;
        record["usage"] = (double)valid.Quantity;
        record["status"] = "valid";
        record["closed_at"] = null;
        record["closed_by"] = null;
        record["params"] = new JsonArray();
        record["item_id"] = (string?)valid.Item["id"];
        record["asset_id"] = assetId;
        record["usagefile"] = Json.Obj(("id", (string?)file["id"]), ("name", (string?)file["name"]), ("schema", (string?)file["schema"] ?? "qt"), ("currency", (string?)file["currency"] ?? "USD"));
        record["resource_local_id"] = valid.RecordId;
        record["asset_external_id"] = externalId;
        record["asset_external_uid"] = externalUid;
        return record;
    }

    /// <summary>Stores the records of a valid upload and moves the file to ready with its counts.</summary>
    private void Ready(JsonObject file, List<JsonObject> records, string now)
    {
        var fileId = (string)file["id"]!;
        var collection = store["usage_records"];
        foreach (var record in records)
        {
            collection.Add(id =>
            {
                record["id"] = id;
                return record;
            });
        }

        file["status"] = "ready";
        file["error_detail"] = null;
        file["sub_status"] = "processed";
        file["usage_file_uri"] = "/files/" + fileId + "/usage.xlsx";
        file["processed_file_uri"] = "/files/" + fileId + "/processed.xlsx";
        SeedWorld.Over(file, "stats", Json.Obj(("uploaded", records.Count), ("validated", records.Count), ("pending", 0), ("accepted", 0), ("closed", 0), ("billed", 0)));
        SeedWorld.Over(file, "records", Json.Obj(("valid", records.Count), ("invalid", 0), ("closed", 0)));
        Stamp(file, "uploaded", now);
    }

    private void Invalid(JsonObject file, string detail, string now)
    {
        file["status"] = "invalid";
        file["error_detail"] = detail;
        file["sub_status"] = "processed";
        SeedWorld.Over(file, "records", Json.Obj(("valid", 0), ("invalid", 1), ("closed", 0)));
        Stamp(file, "uploaded", now);
    }

    private void Stamp(JsonObject file, string name, string now)
    {
        if (file["events"] is JsonObject events)
        {
            events[name] = Json.Obj(("at", now), ("by", World.UserRef(0)));
            events["updated"] = Json.Obj(("at", now));
        }
    }

    private static DateTime? ParseDate(string text)
    {
        if (DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed;
        }

        // Excel serial date.
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 1 and < 2958465
            ? DateTime.SpecifyKind(DateTime.FromOADate(serial), DateTimeKind.Utc)
            : null;
    }

    private FoundAsset? FindAsset(string criteria, string value)
    {
        var assets = store["assets"];
        JsonObject? asset = null;
        switch (criteria.ToLowerInvariant())
        {
            case "id":
            case "asset.id":
                asset = assets.Get(value)?.Node;
                break;
            case "external_id":
            case "asset.external_id":
                if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number - 100000 is var index and >= 0 && index < assets.SeededCount
                    && assets.Peek(index) is { } seeded && (string?)seeded["external_id"] == value)
                {
                    asset = seeded;
                }

                for (var i = assets.SeededCount; asset is null && i < assets.IndexLimit; i++)
                {
                    if (assets.Peek(i) is { } created && (string?)created["external_id"] == value)
                    {
                        asset = created;
                    }
                }

                break;
        }

        if (asset is null)
        {
            return null;
        }

        var product = World.ProductIds.Parse((string?)asset["product"]?["id"]) ?? 0;
        return new FoundAsset((string)asset["id"]!, (string?)asset["external_id"] ?? string.Empty, (string?)asset["external_uid"] ?? string.Empty, product);
    }

    private JsonObject? FindItem(int product, string criteria, string value)
    {
        var p = product % World.Products;
        for (var k = 0; k < SeedWorld.ItemsPerProduct; k++)
        {
            var matches = criteria.ToLowerInvariant() switch
            {
                "item.mpn" or "mpn" or "item.local_id" or "local_id" => SeedWorld.ItemMpn(p, k) == value,
                "item.id" or "id" => World.ItemId(product, k) == value,
                _ => false,
            };
            if (matches)
            {
                var item = World.ProductItem(p, k);
                return Json.Obj(
                    ("id", World.ItemId(product, k)), ("local_id", SeedWorld.ItemMpn(p, k)), ("name", (string?)item["name"]),
                    ("unit", (string?)item["unit"]?["unit"]), ("mpn", SeedWorld.ItemMpn(p, k)), ("precision", (string?)item["precision"]), ("type", (string?)item["type"]));
            }
        }

        return null;
    }

    /// <summary>An asset a row names.</summary>
    private readonly record struct FoundAsset(string Id, string ExternalId, string ExternalUid, int Product);

    /// <summary>The checked values of a row without errors.</summary>
    private sealed record ValidRow(string RecordId, decimal Quantity, decimal? Amount, DateTime Start, DateTime End, FoundAsset Asset, JsonObject Item);

    /// <summary>One row of the records sheet, its cells read by column name (trimmed; empty when absent).</summary>
    private readonly struct SheetRow(List<string> header, List<string> cells)
    {
        public string this[string column]
        {
            get
            {
                var index = header.IndexOf(column);
                return index >= 0 && index < cells.Count ? cells[index].Trim() : string.Empty;
            }
        }
    }
}
