using System.Globalization;
using System.Text.Json.Nodes;

namespace Connector.Sandbox.Data;

/// <summary>Usage files, records, chunks, reconciliations and aggregates.</summary>
internal sealed partial class SeedWorld
{
    private static readonly string[] UsageFileStatuses = ["draft", "ready", "invalid", "pending", "accepted", "rejected", "closed", "processing", "ready", "accepted"];
    private static readonly string[] UsageSchemas = ["tr", "pr", "qt", "cr"];
    private static readonly string[] UsageChunkStatuses = ["draft", "ready", "ready", "closed", "failed"];
    private static readonly string[] UsageReconciliationStatuses = ["processed", "processed", "uploaded", "processing", "failed"];
    private static readonly string[] NoUsageEvents = [];
    private static readonly string[] UploadedUsageEvents = ["uploaded"];
    private static readonly string[] SubmittedUsageEvents = ["uploaded", "submitted"];
    private static readonly string[] AcceptedUsageEvents = ["uploaded", "submitted", "accepted"];
    private static readonly string[] RejectedUsageEvents = ["uploaded", "submitted", "rejected"];
    private static readonly string[] ClosedUsageEvents = ["uploaded", "submitted", "accepted", "closed"];

    public string UsageChunkStatus(int i) => Pick(95, i, UsageChunkStatuses);

    /// <summary>The external id of usage chunk <paramref name="i"/>: set once it is closed, empty before.</summary>
    public string UsageChunkExternalId(int i) => UsageChunkStatus(i) is "closed" ? "EXT-CHUNK-" + i.ToString(CultureInfo.InvariantCulture) : string.Empty;

    public static string UsageFileName(int f) => "Usage report " + (f + 1).ToString(CultureInfo.InvariantCulture);

    public static string UsageFileExternalId(int f) => "EXT-UF-" + f.ToString(CultureInfo.InvariantCulture);

    /// <summary>The first instant of the month usage file <paramref name="f"/> reports: the month it was created in.</summary>
    public DateTime UsageFileMonth(int f)
    {
        var created = CreatedAt(f, UsageFiles);
        return new DateTime(created.Year, created.Month, 1, 0, 0, 0, DateTimeKind.Utc);
    }

    public string UsageReconciliationStatus(int i) => Pick(97, i, UsageReconciliationStatuses);

    public string UsageFileStatus(int f) => UsageFileStatuses[Pick(91, f, UsageFileStatuses.Length)];

    public JsonObject UsageFileRef(int f) => Json.Obj(
        ("id", UsageFileIds.Format(f)),
        ("name", UsageFileName(f)),
        ("schema", UsageSchemas[f % UsageSchemas.Length]),
        ("currency", "USD"));

    public JsonObject UsageFile(int f)
    {
        var r = NewRecord("usage_files");
        var p = f % Products;
        var m = f % Marketplaces;
        var status = UsageFileStatus(f);
        var created = CreatedAt(f, UsageFiles);
        var month = UsageFileMonth(f);
        var records = UsageRecords / Math.Max(1, UsageFiles) + (f < UsageRecords % Math.Max(1, UsageFiles) ? 1 : 0);
        r["id"] = UsageFileIds.Format(f);
        r["name"] = UsageFileName(f);
        r["external_id"] = UsageFileExternalId(f);
        r["status"] = status;
        Over(r, "vendor", VendorRef(p % Partners));
        Over(r, "provider", ProviderRef(m % Partners));
        r["environment"] = "production";
        Over(r, "marketplace", MarketplaceRef(m));
        Over(r, "contract", Json.Obj(("id", ContractIds.Format(m)), ("name", "Distribution contract " + (m + 1).ToString(CultureInfo.InvariantCulture))));
        Over(r, "product", ProductRef(p));
        r["error_detail"] = status == "invalid" ? "Row 2: asset_search_value: asset not found." : null;
        r["description"] = "Monthly usage of " + ProductName(p);
        r["acceptance_note"] = status is "accepted" or "closed" ? "Looks good." : null;
        r["rejection_note"] = status == "rejected" ? "Quantities do not match." : null;
        r["schema"] = UsageSchemas[f % UsageSchemas.Length];
        r["currency"] = "USD";
        Over(r, "period", Json.Obj(("from", month.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("to", month.AddMonths(1).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));
        var counted = status is "draft" ? 0 : records;
        Over(r, "stats", Json.Obj(("uploaded", counted), ("validated", counted), ("pending", status == "pending" ? counted : 0), ("accepted", status is "accepted" or "closed" ? counted : 0), ("closed", status == "closed" ? counted : 0), ("billed", 0)));
        r["events"] = UsageEvents(status, created, f);
        r["sub_status"] = status == "processing" ? "processing" : null;
        r["usage_file_uri"] = status == "draft" ? string.Empty : "/files/" + r["id"]!.GetValue<string>() + "/usage.xlsx";
        r["processed_file_uri"] = status is "draft" or "processing" ? string.Empty : "/files/" + r["id"]!.GetValue<string>() + "/processed.xlsx";
        r["reconciliation_file_uri"] = string.Empty;
        Over(r, "records", Json.Obj(("valid", counted), ("invalid", status == "invalid" ? 1 : 0), ("closed", status == "closed" ? counted : 0)));
        r["start_datetime_utc"] = Iso(month);
        r["end_datetime_utc"] = Iso(month.AddMonths(1).AddSeconds(-1));
        return r;
    }

    /// <summary>The events object of a usage file in <paramref name="status"/> (only the events that happened, an hour apart).</summary>
    public JsonObject UsageEvents(string status, DateTime created, int f)
    {
        var events = Json.Obj(("created", Json.Obj(("at", Iso(created)))));
        var by = UserRef(f % 5);
        var step = 0;
        foreach (var name in UsageEventsAfterCreation(status))
        {
            events[name] = Json.Obj(("at", Iso(created.AddHours(++step))), ("by", by.DeepClone()));
        }

        // The last change, as on every other object the sandbox serves: listeners poll on it.
        events["updated"] = Json.Obj(("at", UsageEventsUpdatedAt(status, created)));
        return events;
    }

    /// <summary>When the last event of a usage file in <paramref name="status"/> created at <paramref name="created"/> happened.</summary>
    public static string UsageEventsUpdatedAt(string status, DateTime created) => Iso(created.AddHours(UsageEventsAfterCreation(status).Count));

    /// <summary>The events a usage file in <paramref name="status"/> went through after its creation, in order.</summary>
    private static IReadOnlyList<string> UsageEventsAfterCreation(string status) => status switch
    {
        "draft" or "deleted" => NoUsageEvents,
        "pending" => SubmittedUsageEvents,
        "accepted" => AcceptedUsageEvents,
        "rejected" => RejectedUsageEvents,
        "closed" => ClosedUsageEvents,
        _ => UploadedUsageEvents,
    };

    /// <summary>The asset usage record <paramref name="i"/> reports on: one of its file's product (when that product has assets).</summary>
    public int UsageRecordAsset(int i)
    {
        var p = i % UsageFiles % Products;
        if (p >= Assets)
        {
            return i % Assets;
        }

        var assetsOfProduct = ((Assets - 1 - p) / Products) + 1;
        return p + (Products * (int)((long)(i / UsageFiles) * 31 % assetsOfProduct));
    }

    /// <summary>The item (of the asset's product) usage record <paramref name="i"/> reports on: 1 or 2.</summary>
    public static int UsageRecordItem(int i) => 2 - (i % 2);

    /// <summary>The status of usage record <paramref name="i"/>, following its file's status.</summary>
    public static string UsageRecordStatus(int i, string fileStatus) => fileStatus switch
    {
        "closed" => "closed",
        "accepted" => i % 5 == 0 ? "closed" : "approved",
        "rejected" => "rejected",
        "invalid" => i % 3 == 0 ? "invalid" : "valid",
        _ => "valid",
    };

    /// <summary>When usage record <paramref name="i"/>'s hour starts: within its file's month.</summary>
    public DateTime UsageRecordStart(int i)
    {
        return UsageFileMonth(i % UsageFiles).AddHours(i % 600);
    }

    /// <summary>
    /// A usage record's category: an object <c>{id, name}</c>, as a real usage record carries it (the document says a
    /// string); usage files here have no category column, so every record is in one category.
    /// </summary>
    internal static JsonObject UsageCategory() => Json.Obj(("id", "compute"), ("name", "compute"));

    public JsonObject UsageRecord(int i)
    {
        var r = NewRecord("usage_records");
        var f = i % UsageFiles;
        var a = UsageRecordAsset(i);
        var p = AssetProduct(a);
        var k = UsageRecordItem(i);
        var status = UsageRecordStatus(i, UsageFileStatus(f));
        var created = CreatedAt(f, UsageFiles);
        var start = UsageRecordStart(i);
        r["id"] = UsageRecordIds.Format(i);
        r["start_date"] = Iso(start);
        r["end_date"] = Iso(start.AddHours(1));
        r["product_id"] = ProductIds.Format(p);
        r["external_billing_id"] = status == "closed" ? "INV-" + (i / 10).ToString(CultureInfo.InvariantCulture) : string.Empty;
        r["external_billing_note"] = status == "closed" ? "Billed" : string.Empty;
        var itemRef = Json.Obj(
            ("id", ItemId(p, k)), ("local_id", ItemMpn(p, k)), ("name", ProductName(p) + (k == 2 ? " Premium" : " Standard")),
            ("unit", k == 2 ? "gb" : "licenses"), ("mpn", ItemMpn(p, k)), ("precision", k == 2 ? "decimal(2)" : "integer"), ("type", k == 2 ? "ppu" : "reservation"));
        r["item"] = itemRef;
        r["asset"] = Json.Obj(("id", AssetIds.Format(a)), ("external_id", (100000 + a).ToString(CultureInfo.InvariantCulture)), ("external_uid", Uuid(20, a)));
        r["category"] = UsageCategory();
        r["tier"] = null;
        r["amount"] = Math.Round((i % 1000) * 0.25, 2);
        r["multiplier"] = 1;
        r["usage"] = (double)(1 + (i % 97));
        r["status"] = status;
        r["closed_at"] = status == "closed" ? Iso(created.AddDays(20)) : null;
        r["closed_by"] = status == "closed" ? UserIds.Format(i % 5) : null;
        r["params"] = new JsonArray(Json.Obj(("parameter_name", "region"), ("parameter_value", Pick(93, i, ["eu-west", "us-east", "ap-south"]))));
        r["item_id"] = ItemId(p, k);
        r["asset_id"] = AssetIds.Format(a);
        r["usagefile"] = UsageFileRef(f);
        r["resource_local_id"] = "res-" + i.ToString(CultureInfo.InvariantCulture);
        r["asset_external_id"] = (100000 + a).ToString(CultureInfo.InvariantCulture);
        r["asset_external_uid"] = Uuid(20, a);
        return r;
    }

    public JsonObject UsageChunk(int i)
    {
        var r = NewRecord("usage_chunks");
        var f = i % UsageFiles;
        var m = f % Marketplaces;
        var status = UsageChunkStatus(i);
        var created = CreatedAt(i, UsageChunks);
        r["id"] = UsageChunkIds.Format(i);
        r["status"] = status;
        r["outdated"] = false;
        r["usagefile"] = UsageFileRef(f);
        Over(r, "binding", Json.Obj(("hub", HubRef(m % Hubs)), ("external_id", "BND-" + i.ToString(CultureInfo.InvariantCulture))));
        Over(r, "marketplace", MarketplaceRef(m));
        r["error"] = Json.Obj(("detail", status == "failed" ? "The hub rejected the chunk." : string.Empty));
        r["events"] = UsageEvents(status == "closed" ? "closed" : "pending", created, i);
        var records = Math.Max(1, UsageRecords / Math.Max(1, UsageChunks));
        Over(r, "stats", Json.Obj(("uploaded", records), ("validated", records), ("pending", 0), ("accepted", records), ("closed", status == "closed" ? records : 0), ("billed", 0)));
        Over(r, "provider", ProviderRef(m % Partners));
        r["external_id"] = UsageChunkExternalId(i);
        return r;
    }

    public JsonObject UsageReconciliation(int i)
    {
        var r = NewRecord("usage_reconciliations");
        var f = i % UsageFiles;
        var chunk = i % UsageChunks;
        var m = f % Marketplaces;
        var created = CreatedAt(i, UsageReconciliations);
        var status = UsageReconciliationStatus(i);
        r["id"] = UsageReconciliationIds.Format(i);
        r["status"] = status;
        r["usagefile"] = UsageFileRef(f);
        r["partusagefile"] = Json.Obj(("id", UsageChunkIds.Format(chunk)), ("provider", ProviderRef(m % Partners)));
        Over(r, "binding", Json.Obj(("hub", HubRef(m % Hubs)), ("external_id", "BND-" + chunk.ToString(CultureInfo.InvariantCulture))));
        r["error"] = Json.Obj(("detail", status == "failed" ? "Row 3: unknown record id." : string.Empty));
        r["notes"] = Json.Obj(("uploaded", "Reconciliation of " + UsageChunkIds.Format(chunk)), ("processing", status == "processed" ? "All records reconciled." : string.Empty));
        r["events"] = UsageEvents("pending", created, i);
        return r;
    }

    public JsonObject UsageAggregate(int i)
    {
        var r = NewRecord("usage_aggregates");
        var a = i % Assets;
        var p = AssetProduct(a);
        r["item"] = Json.Obj(
            ("id", ItemId(p, 2)), ("local_id", ItemMpn(p, 2)), ("name", ProductName(p) + " Premium"), ("unit", "gb"),
            ("mpn", ItemMpn(p, 2)), ("precision", "decimal(2)"), ("type", "ppu"));
        r["asset"] = Json.Obj(("id", AssetIds.Format(a)), ("external_id", (100000 + a).ToString(CultureInfo.InvariantCulture)), ("external_uid", Uuid(20, a)));
        r["amount"] = Math.Round((i % 400) * 1.5, 2);
        r["currency"] = "USD";
        r["consumed"] = 10 + (i % 90);
        r["accepted"] = 10 + (i % 90) - (i % 7);
        Over(r, "events", Json.Obj(("last_reported", Json.Obj(("at", Iso(CreatedAt(i, UsageAggregates))), ("by", UserRef(i % 5))))));
        return r;
    }
}
