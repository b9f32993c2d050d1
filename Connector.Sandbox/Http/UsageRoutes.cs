using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connector.Sandbox.Data;
using Connector.Sandbox.Usage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Connector.Sandbox.Http;

/// <summary>Usage files (with their life cycle and uploads), records (close, bulk close), chunks, reconciliations, aggregates.</summary>
internal static class UsageRoutes
{
    private const string FileCode = "UF_003";
    private const string RecordCode = "UR_003";
    private const string ChunkCode = "UFC_003";
    private const int MaxRowsPerDownload = 1000;

    private static readonly string[] EditableFileStates = ["draft", "ready", "invalid", "pending", "rejected"];
    private static readonly string[] RecordStates = ["valid", "invalid", "approved", "rejected"];
    private static readonly RequiredField[] RejectFields = [RequiredField.Text("rejection_note")];
    private static readonly RequiredField[] ChunkFields = [RequiredField.Text("external_id")];
    private static readonly RequiredField[] ChunkCloseFields = [RequiredField.Text("external_billing_id")];
    private static readonly RequiredField[] FileFields = [RequiredField.Text("name")];
    private static readonly RequiredField[] FileContractFields = [RequiredField.Text("contract.id")];

    public static void Map(IEndpointRouteBuilder app, SandboxApi api)
    {
        var processor = new UsageFileProcessor(api.Store);
        api.MapReads(app, "/usage/files", "usage_files", "Usage file");
        app.MapPost("/usage/files", context => CreateFileAsync(context, api));
        app.MapPut("/usage/files/{id}", context => FileAction(context, api, EditableFileStates, UpdateFile));
        app.MapPost("/usage/files/{id}/upload", context => UploadAsync(context, api, processor));
        app.MapPost("/usage/files/{id}/submit", context => FileMove(context, api, ["ready"], "pending", "submitted"));
        app.MapPost("/usage/files/{id}/accept", context => FileAction(context, api, ["pending"], (r, b) => DecideFile(r, "accepted", "acceptance_note", SandboxApi.Text(b, "acceptance_note") ?? string.Empty, api)));
        app.MapPost("/usage/files/{id}/reject", context => FileAction(context, api, ["pending"], (r, b) => DecideFile(r, "rejected", "rejection_note", SandboxApi.Text(b, "rejection_note"), api), RejectFields));
        app.MapPost("/usage/files/{id}/close", context => FileMove(context, api, ["accepted"], "closed", "closed"));
        app.MapPost("/usage/files/{id}/delete", context => FileMove(context, api, ["draft", "ready", "invalid", "rejected"], "deleted", "deleted"));
        app.MapPost("/usage/files/{id}/reprocess", context => FileAction(context, api, ["invalid", "rejected"], (r, _) => Reprocess(r, api, processor)));
        app.MapPost("/usage/files/{id}/reconciliation", context => FileReconciliationAsync(context, api));
        app.MapPut("/usage/files/{id}/approve-all", context => FileAction(context, api, ["ready", "pending"], (r, _) => ApproveAll(r, api)));

        api.MapReads(app, "/usage/records", "usage_records", "Usage record");
        app.MapPost("/usage/records/close-records", context => BulkCloseAsync(context, api));
        app.MapPut("/usage/records/{id}", context => api.TransitionAsync(context, "usage_records", "Usage record", "status", RecordStates, RecordCode, UpdateRecord));
        app.MapPost("/usage/records/{id}/close", context => api.TransitionAsync(context, "usage_records", "Usage record", "status", ["valid", "approved"], RecordCode, (r, b) =>
        {
            CloseRecord(r, b, api);
            return null;
        }));

        api.MapReads(app, "/usage/chunks", "usage_chunks", "Usage chunk");
        app.MapPut("/usage/chunks/{id}", context => ChunkAction(context, api, [], (r, b) => r["external_id"] = SandboxApi.Text(b, "external_id"), ChunkFields));
        app.MapPost("/usage/chunks/{id}/close", context => ChunkAction(context, api, ["ready"], (r, b) => CloseChunk(r, b, api), ChunkCloseFields));
        app.MapPost("/usage/chunks/{id}/regenerate", context => ChunkAction(context, api, ["draft", "ready", "failed"], (r, _) => RegenerateChunk(r, api)));
        app.MapGet("/usage/chunks/{id}/download", context => DownloadChunkAsync(context, api));

        api.MapReads(app, "/usage/reconciliations", "usage_reconciliations", "Usage reconciliation");
        app.MapPost("/usage/reconciliations", context => CreateReconciliationAsync(context, api));
        app.MapGet("/usage/reconciliations/{id}/uploadedfile", context => ReconciliationFile(context, api, "uploaded"));
        app.MapGet("/usage/reconciliations/{id}/processedfile", context => ReconciliationFile(context, api, "processed"));

        app.MapGet("/usage/aggregates", context => ListResponder.CollectionAsync(context, api.Store, "usage_aggregates"));
    }

    /// <summary>An action of the usage file life cycle on the file of the route.</summary>
    private static Task FileAction(HttpContext context, SandboxApi api, string[] from, Func<JsonObject, JsonObject, string[]?> apply, RequiredField[]? required = null) =>
        api.TransitionAsync(context, "usage_files", "Usage file", "status", from, FileCode, apply, required: required);

    /// <summary>An action on the usage chunk of the route.</summary>
    private static Task ChunkAction(HttpContext context, SandboxApi api, string[] from, Action<JsonObject, JsonObject> apply, RequiredField[]? required = null) =>
        api.TransitionAsync(context, "usage_chunks", "Usage chunk", "status", from, ChunkCode, (r, b) =>
        {
            apply(r, b);
            return null;
        }, required: required);

    private static string[]? UpdateFile(JsonObject r, JsonObject b)
    {
        foreach (var key in new[] { "name", "description", "note", "external_id", "currency" })
        {
            if (b[key] is JsonValue value && r.ContainsKey(key))
            {
                r[key] = value.ToString();
            }
        }

        if (b["period"] is JsonObject period && r["period"] is JsonObject current)
        {
            Json.Merge(current, period);
        }

        return null;
    }

    /// <summary>Accepts or rejects a submitted file with the provider's note.</summary>
    private static string[]? DecideFile(JsonObject r, string status, string noteField, string? note, SandboxApi api)
    {
        r["status"] = status;
        r[noteField] = note;
        Stamp(r, status, api);
        return null;
    }

    private static string[]? Reprocess(JsonObject r, SandboxApi api, UsageFileProcessor processor)
    {
        r["status"] = "processing";
        var upload = api.Store.GetFile(UsageFileProcessor.UploadKey((string)r["id"]!));
        if (upload is not null)
        {
            processor.Process(r, upload, api.Now());
        }
        else
        {
            r["status"] = "ready";
            r["error_detail"] = null;
        }

        return null;
    }

    private static string[]? ApproveAll(JsonObject r, SandboxApi api)
    {
        var approved = 0;
        foreach (var record in FileRecords(api, (string)r["id"]!))
        {
            if ((string?)record["status"] == "valid")
            {
                record["status"] = "approved";
                api.Store["usage_records"].Replace(record);
                approved++;
            }
        }

        Json.SetExisting(r, "stats.accepted", approved);
        return null;
    }

    private static string[]? UpdateRecord(JsonObject r, JsonObject b)
    {
        if (SandboxApi.Text(b, "status") is { } status)
        {
            if (!RecordStates.Contains(status))
            {
                return ["status: must be valid, invalid, approved or rejected."];
            }

            r["status"] = status;
        }

        foreach (var key in new[] { "external_billing_id", "external_billing_note" })
        {
            if (SandboxApi.Text(b, key) is { } value)
            {
                r[key] = value;
            }
        }

        return null;
    }

    private static void CloseChunk(JsonObject r, JsonObject b, SandboxApi api)
    {
        r["status"] = "closed";
        r["external_id"] = SandboxApi.Text(b, "external_billing_id");
        Stamp(r, "closed", api);
    }

    private static void RegenerateChunk(JsonObject r, SandboxApi api)
    {
        r["status"] = "ready";
        r["outdated"] = false;
        r["error"] = Json.Obj(("detail", string.Empty));
        Stamp(r, "uploaded", api);
    }

    private static Task DownloadChunkAsync(HttpContext context, SandboxApi api)
    {
        var id = SandboxApi.Route(context, "id");
        var chunk = api.Store["usage_chunks"].Get(id);
        if (chunk is null)
        {
            return ConnectResponses.NotFound(context, "Usage chunk", id);
        }

        var fileId = SandboxApi.Text(chunk.Node, "usagefile.id") ?? string.Empty;
        var rows = FileRecords(api, fileId).Take(MaxRowsPerDownload).Select(RecordRow);
        var bytes = XlsxWriter.Write("records", ChunkColumns, rows);
        return ConnectResponses.Bytes(context, StatusCodes.Status200OK, bytes, ConnectResponses.XlsxContentType);
    }

    private static readonly string[] ChunkColumns =
        ["record_id", "usage_record_id", "asset_id", "item_id", "item_mpn", "quantity", "amount", "start_time_utc", "end_time_utc", "status", "external_billing_id"];

    private static IReadOnlyList<object?> RecordRow(JsonObject record) =>
    [
        SandboxApi.Text(record, "resource_local_id"),
        SandboxApi.Text(record, "id"),
        SandboxApi.Text(record, "asset.id"),
        SandboxApi.Text(record, "item.id"),
        SandboxApi.Text(record, "item.mpn"),
        record["usage"] is JsonValue usage ? Rql.RqlEvaluator.NumberOf(usage) : 0.0,
        record["amount"] is JsonValue amount ? Rql.RqlEvaluator.NumberOf(amount) : null,
        SandboxApi.Text(record, "start_date"),
        SandboxApi.Text(record, "end_date"),
        SandboxApi.Text(record, "status"),
        SandboxApi.Text(record, "external_billing_id"),
    ];

    private static void Stamp(JsonObject record, string name, SandboxApi api)
    {
        if (record["events"] is JsonObject events)
        {
            events[name] = Json.Obj(("at", api.Now()), ("by", api.World.UserRef(0)));
            events["updated"] = Json.Obj(("at", api.Now()));
        }
    }

    private static Task FileMove(HttpContext context, SandboxApi api, string[] from, string to, string eventName) =>
        FileAction(context, api, from, (r, _) =>
        {
            r["status"] = to;
            Stamp(r, eventName, api);
            return null;
        });

    private static void CloseRecord(JsonObject record, JsonObject body, SandboxApi api)
    {
        record["status"] = "closed";
        record["external_billing_id"] = SandboxApi.Text(body, "external_billing_id") ?? string.Empty;
        record["external_billing_note"] = SandboxApi.Text(body, "external_billing_note") ?? string.Empty;
        record["closed_at"] = api.Now();
        record["closed_by"] = api.World.UserIds.Format(0);
    }

    /// <summary>Copies of the usage records of a file: seeded ones by index arithmetic, created ones by scanning the created range.</summary>
    private static IEnumerable<JsonObject> FileRecords(SandboxApi api, string fileId)
    {
        var records = api.Store["usage_records"];
        var f = api.World.UsageFileIds.Parse(fileId);
        if (f is not null && f.Value < api.World.UsageFiles)
        {
            for (var i = f.Value; i < records.SeededCount; i += api.World.UsageFiles)
            {
                if (records.Peek(i) is { } seeded && SandboxApi.Text(seeded, "usagefile.id") == fileId)
                {
                    yield return seeded.DeepClone().AsObject();
                }
            }
        }

        for (var i = records.SeededCount; i < records.IndexLimit; i++)
        {
            if (records.Peek(i) is { } created && SandboxApi.Text(created, "usagefile.id") == fileId)
            {
                yield return created.DeepClone().AsObject();
            }
        }
    }

    private static async Task CreateFileAsync(HttpContext context, SandboxApi api)
    {
        var body = await SandboxApi.ReadObjectAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        var errors = RequiredField.Missing(body, FileFields);
        var productId = SandboxApi.Text(body, "product.id");
        var product = productId is null ? null : api.World.ProductIds.Parse(productId);
        if (product is null || api.Store["products"].Get(product.Value) is null)
        {
            errors.Add("product.id: an existing product id is required.");
        }

        errors.AddRange(RequiredField.Missing(body, FileContractFields));
        if (errors.Count > 0)
        {
            await ConnectResponses.Validation(context, [.. errors]).ConfigureAwait(false);
            return;
        }

        var files = api.Store["usage_files"];
        var id = files.AddLikeSeeded(r => FillNewFile(r, body, product!.Value, api));
        await ConnectResponses.Json(context, StatusCodes.Status201Created, files.GetCopy(id)!).ConfigureAwait(false);
    }

    /// <summary>Fills a new draft usage file from the create body: nothing uploaded or counted yet.</summary>
    private static void FillNewFile(JsonObject r, JsonObject body, int product, SandboxApi api)
    {
        r["name"] = SandboxApi.Text(body, "name");
        r["status"] = "draft";
        r["description"] = SandboxApi.Text(body, "description") ?? string.Empty;
        r["external_id"] = SandboxApi.Text(body, "external_id") ?? string.Empty;
        r["currency"] = SandboxApi.Text(body, "currency") ?? "USD";
        r["error_detail"] = null;
        r["acceptance_note"] = null;
        r["rejection_note"] = null;
        r["sub_status"] = null;
        r["usage_file_uri"] = string.Empty;
        r["processed_file_uri"] = string.Empty;
        r["reconciliation_file_uri"] = string.Empty;
        SeedWorld.Over(r, "product", api.World.ProductRef(product % api.World.Products));
        Json.SetExisting(r, "product.id", SandboxApi.Text(body, "product.id"));
        Json.SetExisting(r, "contract.id", SandboxApi.Text(body, "contract.id"));
        if (body["period"] is JsonObject period && r["period"] is JsonObject current)
        {
            Json.Merge(current, period);
        }

        SeedWorld.Over(r, "stats", Json.Obj(("uploaded", 0), ("validated", 0), ("pending", 0), ("accepted", 0), ("closed", 0), ("billed", 0)));
        SeedWorld.Over(r, "records", Json.Obj(("valid", 0), ("invalid", 0), ("closed", 0)));
        r["events"] = Json.Obj(("created", Json.Obj(("at", api.Now()))));
    }

    private static async Task<byte[]?> ReadPartAsync(HttpContext context, string part)
    {
        if (!context.Request.HasFormContentType)
        {
            await ConnectResponses.Validation(context, part + ": a multipart/form-data body with this file part is required.").ConfigureAwait(false);
            return null;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var file = form.Files.GetFile(part);
        if (file is null || file.Length == 0)
        {
            await ConnectResponses.Validation(context, part + ": This field is required.").ConfigureAwait(false);
            return null;
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        return buffer.ToArray();
    }

    /// <summary>
    /// The usage file of the route and the file part <paramref name="part"/> uploaded to it; nulls after answering 404
    /// for an unknown file, 400 when it is not in one of <paramref name="states"/> or the part is missing.
    /// </summary>
    private static async Task<(JsonObject? File, byte[]? Content)> FileUploadAsync(HttpContext context, SandboxApi api, string[] states, string part)
    {
        var id = SandboxApi.Route(context, "id");
        var file = api.Store["usage_files"].GetCopy(id);
        if (file is null)
        {
            await ConnectResponses.NotFound(context, "Usage file", id).ConfigureAwait(false);
            return (null, null);
        }

        if (!states.Contains((string?)file["status"]))
        {
            await ConnectResponses.Error(context, StatusCodes.Status400BadRequest, FileCode, $"Usage file {id} is {(string?)file["status"]}; this action needs status {string.Join(" or ", states)}.").ConfigureAwait(false);
            return (null, null);
        }

        return (file, await ReadPartAsync(context, part).ConfigureAwait(false));
    }

    private static async Task UploadAsync(HttpContext context, SandboxApi api, UsageFileProcessor processor)
    {
        var (file, content) = await FileUploadAsync(context, api, ["draft"], "usage_file").ConfigureAwait(false);
        if (file is null || content is null)
        {
            return;
        }

        var id = (string)file["id"]!;
        var files = api.Store["usage_files"];

        api.Store.PutFile(UsageFileProcessor.UploadKey(id), content);
        file["status"] = "processing";
        processor.Process(file, content, api.Now());
        files.Replace(file);
        await ConnectResponses.Json(context, StatusCodes.Status200OK, file).ConfigureAwait(false);
    }

    private static async Task FileReconciliationAsync(HttpContext context, SandboxApi api)
    {
        var (file, content) = await FileUploadAsync(context, api, ["accepted", "closed"], "recon_file").ConfigureAwait(false);
        if (file is null || content is null)
        {
            return;
        }

        var id = (string)file["id"]!;
        var files = api.Store["usage_files"];

        api.Store.PutFile("reconciliation:" + id, content);
        file["reconciliation_file_uri"] = "/files/" + id + "/reconciliation.xlsx";
        files.Replace(file);
        await ConnectResponses.Json(context, StatusCodes.Status200OK, file).ConfigureAwait(false);
    }

    private static async Task BulkCloseAsync(HttpContext context, SandboxApi api)
    {
        var (ok, body) = await SandboxApi.ReadJsonAsync(context).ConfigureAwait(false);
        if (!ok)
        {
            return;
        }

        if (body is not JsonArray items)
        {
            await ConnectResponses.Validation(context, "body: a JSON array of {id, external_billing_id, external_billing_note} is required.").ConfigureAwait(false);
            return;
        }

        var records = api.Store["usage_records"];
        var results = new JsonArray();
        foreach (var item in items)
        {
            var id = SandboxApi.Text(item, "id");
            var record = id is null ? null : records.GetCopy(id);
            if (record is null)
            {
                results.Add(Json.Obj(("id", id), ("status", "invalid"), ("error_codes", "NTF_001"), ("error_details", $"Usage record {id} not found.")));
                continue;
            }

            var status = (string?)record["status"];
            if (status is not ("valid" or "approved"))
            {
                results.Add(Json.Obj(("id", id), ("status", status), ("error_codes", RecordCode), ("error_details", $"Usage record {id} is {status}; closing needs status valid or approved.")));
                continue;
            }

            CloseRecord(record, item as JsonObject ?? [], api);
            records.Replace(record);
            results.Add(Json.Obj(("id", id), ("status", "closed"), ("error_codes", string.Empty), ("error_details", string.Empty)));
        }

        await ConnectResponses.Json(context, StatusCodes.Status206PartialContent, results).ConfigureAwait(false);
    }

    private static async Task CreateReconciliationAsync(HttpContext context, SandboxApi api)
    {
        var content = await ReadPartAsync(context, "recon_file").ConfigureAwait(false);
        if (content is null)
        {
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var note = form["upload_note"].ToString();
        var reconciliations = api.Store["usage_reconciliations"];
        var id = reconciliations.AddLikeSeeded(r =>
        {
            r["status"] = "uploaded";
            r["error"] = Json.Obj(("detail", string.Empty));
            r["notes"] = Json.Obj(("uploaded", note), ("processing", string.Empty));
            r["events"] = Json.Obj(("created", Json.Obj(("at", api.Now()))), ("uploaded", Json.Obj(("at", api.Now()), ("by", api.World.UserRef(0)))));
        });
        api.Store.PutFile("reconciliation-upload:" + id, content);
        await ConnectResponses.Json(context, StatusCodes.Status201Created, reconciliations.GetCopy(id)!).ConfigureAwait(false);
    }

    private static Task ReconciliationFile(HttpContext context, SandboxApi api, string which)
    {
        var id = SandboxApi.Route(context, "id");
        var reconciliation = api.Store["usage_reconciliations"].Get(id);
        if (reconciliation is null)
        {
            return ConnectResponses.NotFound(context, "Usage reconciliation", id);
        }

        var bytes = api.Store.GetFile("reconciliation-upload:" + id);
        if (bytes is null)
        {
            // Seeded reconciliations (and the processed result of uploaded ones): the records of the chunk's usage file.
            var fileId = SandboxApi.Text(reconciliation.Node, "usagefile.id") ?? string.Empty;
            var rows = FileRecords(api, fileId).Take(MaxRowsPerDownload).Select(r => (IReadOnlyList<object?>)[
                SandboxApi.Text(r, "id"), SandboxApi.Text(r, "status"), which == "processed" ? "reconciled" : string.Empty,
                string.Create(CultureInfo.InvariantCulture, $"{JsonSerializer.Serialize(r["usage"])}")]);
            bytes = XlsxWriter.Write("reconciliation", ["usage_record_id", "status", "result", "usage"], rows);
        }

        return ConnectResponses.Bytes(context, StatusCodes.Status200OK, bytes, ConnectResponses.XlsxContentType);
    }
}
