using Connector.Core.Querying;
using Connector.Core.Results;
using NUnit.Framework;

namespace Connector.Tests.Operations.AgainstSandbox;

/// <summary>The data-driven table: one scenario per matrix entry, keyed "objectType OPERATION".</summary>
public sealed partial class MatrixEntryTests
{
    private const string Billing = """{"external_billing_id":"INV-77","external_billing_note":"billed"}""";

    private static readonly Dictionary<string, Scenario> Scenarios = new(StringComparer.Ordinal)
    {
        // ---- fulfillment ----
        ["asset GET"] = new(t => t.GetAsync("asset", "assets")),
        ["asset QUERY"] = new(t => t.QueryAsync("asset", "assets", Eq("status", "active"), "eq(status,active)")),
        ["request GET"] = new(t => t.GetAsync("request", "requests")),
        ["request QUERY"] = new(t => t.QueryAsync("request", "requests", Eq("status", "pending"), "eq(status,pending)")),
        ["request CREATE"] = new(
            async t =>
            {
                var product = t.Product();
                var created = await t.CreateAsync("request", "requests", $$$"""{"type":"purchase","asset":{"external_id":"ext-1","product":{"id":"{{{product}}}"},"items":[]}}""");
                Assert.That((string?)created["type"], Is.EqualTo("purchase"));
                Assert.That((string?)created["asset"]!["product"]!["id"], Is.EqualTo(product));
            },
            t => t.RejectedCreateAsync("request", "requests", """{"type":"purchase","asset":{"external_id":"ext-2","product":{"id":"PRD-000-000-000"},"items":[]}}""")),
        ["request UPDATE"] = new(
            t => t.ActAsync("request", "UPDATE", "requests", "eq(status,pending)", """{"note":"updated"}""", "note", "updated"),
            t => t.WrongStateAsync("request", "UPDATE", "requests", "eq(status,approved)", """{"note":"too late"}""")),
        ["request EXECUTE:APPROVE"] = new(
            t => t.ActAsync("request", "APPROVE", "requests", "eq(status,pending)", $$"""{"template_id":"{{t.Template}}"}""", "status", "approved"),
            t => t.WrongStateAsync("request", "APPROVE", "requests", "eq(status,failed)", $$"""{"template_id":"{{t.Template}}"}""")),
        ["request EXECUTE:REJECT"] = new(
            t => t.ActAsync("request", "REJECT", "requests", "eq(status,pending)", """{"reason":"no stock"}""", "status", "failed"),
            t => t.WrongStateAsync("request", "REJECT", "requests", "eq(status,approved)", """{"reason":"no stock"}""")),
        ["request EXECUTE:INQUIRE"] = new(
            t => t.ActAsync("request", "INQUIRE", "requests", "eq(status,pending)", $$"""{"template_id":"{{t.Template}}"}""", "status", "inquiring"),
            t => t.WrongStateAsync("request", "INQUIRE", "requests", "eq(status,approved)", $$"""{"template_id":"{{t.Template}}"}""")),
        ["request EXECUTE:PENDING"] = new(
            t => t.ActAsync("request", "PENDING", "requests", "eq(status,inquiring)", null, "status", "pending"),
            t => t.WrongStateAsync("request", "PENDING", "requests", "eq(status,approved)")),
        ["request EXECUTE:ASSIGN"] = new(
            t => t.ActAsync("request", "ASSIGN", "requests", "eq(status,pending)", """{"id":"UR-000-000-001"}""", "assignee", "UR-000-000-001"),
            t => t.WrongStateAsync("request", "ASSIGN", "requests", "eq(status,failed)", """{"id":"UR-000-000-001"}""")),
        ["request EXECUTE:UNASSIGN"] = new(
            async t =>
            {
                var answer = await t.ActAsync("request", "UNASSIGN", "requests", "eq(status,pending)", null, "status", "pending");
                Assert.That((string?)answer["assignee"], Is.Null.Or.Empty, "nobody is assigned any more");
                Assert.That((string?)t.Stored("requests", (string)answer["id"]!)["assignee"], Is.Null.Or.Empty);
            },
            t => t.WrongStateAsync("request", "UNASSIGN", "requests", "eq(status,approved)")),
        ["request EXECUTE:PURCHASE"] = new(
            t => t.ActAsync("request", "PURCHASE", "requests", "eq(status,draft)", null, "status", "pending"),
            t => t.WrongStateAsync("request", "PURCHASE", "requests", "eq(status,pending)")),

        // ---- tier accounts ----
        ["tier_account GET"] = new(t => t.GetAsync("tier_account", "tier_accounts")),
        ["tier_account QUERY"] = new(t => t.QueryAsync("tier_account", "tier_accounts", Eq("type", "customer"), "eq(type,customer)")),
        ["tier_account CREATE"] = new(
            async t =>
            {
                var created = await t.CreateAsync("tier_account", "tier_accounts", """{"name":"New Co","contact_info":{"address_line1":"1 Road","city":"Lyon","postal_code":"69001","country":"FR","contact":{"first_name":"A","last_name":"B","email":"a@b.example","phone_number":{"country_code":"+33","area_code":"4","phone_number":"123","extension":""}}}}""");
                Assert.That((string?)created["name"], Is.EqualTo("New Co"));
            },
            t => t.RejectedCreateAsync("tier_account", "tier_accounts", """{"name":"","contact_info":{"address_line1":"1 Road","city":"Lyon","postal_code":"69001","country":"FR","contact":{"first_name":"A","last_name":"B","email":"a@b.example","phone_number":{"country_code":"+33","area_code":"4","phone_number":"123","extension":""}}}}""")),
        ["tier_account UPDATE"] = new(
            t => t.ActAsync("tier_account", "UPDATE", "tier_accounts", "", """{"name":"Renamed Co"}""", "name", "Renamed Co"),
            t => t.RefusedBodyAsync("tier_account", "UPDATE", t.Claims.Claim("tier_accounts"), $$$"""{"name":"{{{new string('x', 300)}}}"}""", "name")),
        ["tier_account DELETE"] = new(
            async t =>
            {
                var id = t.Claims.Claim("tier_accounts");
                var result = await t.RunAsync("tier_account", "DELETE", id);
                Assert.That(result.Status, Is.EqualTo(OperationStatus.Success), result.ToString());
                Assert.That(result.StatusCode, Is.EqualTo("204"));
                Assert.That(t.Sandbox.Store.Get("tier_accounts", id), Is.Null, "gone");
                var read = await t.RunAsync("tier_account", "GET", id);
                Assert.That((read.Status, read.Payloads.Count), Is.EqualTo((OperationStatus.Success, 0)), "reading it again is an empty success");
            },
            async t =>
            {
                var id = t.Claims.Claim("tier_accounts");
                Assert.That(t.Sandbox.Store.Get("tier_accounts", id), Is.Not.Null);
                await t.Raw.SendAsync(HttpMethod.Delete, "tier/accounts/" + id);
                await t.UnknownIdAsync("tier_account", "DELETE", id);
            }),
        ["tier_account_version GET"] = new(async t =>
        {
            var account = t.Claims.Claim("tier_accounts");
            var json = Ok(await t.RunAsync("tier_account_version", "GET", "1", parentId: account));
            Assert.That((int?)json["version"], Is.EqualTo(1));
            Assert.That((string?)json["id"], Is.EqualTo(account));
        }),
        ["tier_account_version QUERY"] = new(t =>
        {
            var account = t.Claims.Claim("tier_accounts");
            return t.ChildQueryAsync("tier_account_version", account, $"tier/accounts/{account}/versions", "version");
        }),
        ["tier_account_request GET"] = new(t => t.GetAsync("tier_account_request", "tier_account_requests")),
        ["tier_account_request QUERY"] = new(t => t.QueryAsync("tier_account_request", "tier_account_requests", Eq("status", "pending"), "eq(status,pending)")),
        ["tier_account_request CREATE"] = new(
            async t =>
            {
                var account = t.Claims.Claim("tier_accounts");
                var created = await t.CreateAsync("tier_account_request", "tier_account_requests", $$$"""{"account":{"id":"{{{account}}}"}}""");
                Assert.That((string?)created["account"]!["id"], Is.EqualTo(account));
                Assert.That((string?)created["status"], Is.EqualTo("pending"));
            },
            t => t.RejectedCreateAsync("tier_account_request", "tier_account_requests", """{"account":{"id":"TA-0000-0000-0000"}}""")),
        ["tier_account_request EXECUTE:ACCEPT"] = new(
            t => t.ActAsync("tier_account_request", "ACCEPT", "tier_account_requests", "eq(status,pending)", null, "status", "accepted"),
            t => t.WrongStateAsync("tier_account_request", "ACCEPT", "tier_account_requests", "eq(status,accepted)")),
        ["tier_account_request EXECUTE:IGNORE"] = new(
            t => t.ActAsync("tier_account_request", "IGNORE", "tier_account_requests", "eq(status,pending)", """{"reason":"duplicate"}""", "status", "ignored"),
            t => t.WrongStateAsync("tier_account_request", "IGNORE", "tier_account_requests", "eq(status,ignored)", """{"reason":"duplicate"}""")),

        // ---- tier configs ----
        ["tier_config_request GET"] = new(t => t.GetAsync("tier_config_request", "tier_config_requests")),
        ["tier_config_request QUERY"] = new(t => t.QueryAsync("tier_config_request", "tier_config_requests", Eq("status", "inquiring"), "eq(status,inquiring)")),
        ["tier_config_request CREATE"] = new(
            async t =>
            {
                var config = t.Claims.Claim("tier_configs");
                var created = await t.CreateAsync("tier_config_request", "tier_config_requests", $$$"""{"type":"update","configuration":{"id":"{{{config}}}"}}""");
                Assert.That((string?)created["configuration"]!["id"], Is.EqualTo(config));
                Assert.That((string?)created["type"], Is.EqualTo("update"));
            },
            t => t.RejectedCreateAsync("tier_config_request", "tier_config_requests", """{"type":"update","configuration":{"id":"TC-000-000-000"}}""")),
        ["tier_config_request UPDATE"] = new(
            async t =>
            {
                var id = t.Claims.Claim("tier_config_requests", "eq(status,pending)");
                var answer = Ok(await t.RunAsync("tier_config_request", "UPDATE", id, """{"notes":"checked"}"""));
                Assert.That((string?)answer["id"], Is.EqualTo(id));
                Assert.That((string?)answer["status"], Is.EqualTo("pending"));
            },
            t => t.WrongStateAsync("tier_config_request", "UPDATE", "tier_config_requests", "eq(status,approved)", """{"notes":"late"}""")),
        ["tier_config_request EXECUTE:APPROVE"] = new(
            async t =>
            {
                var id = t.Claims.Claim("tier_config_requests", "eq(status,pending)");
                var answer = Ok(await t.RunAsync("tier_config_request", "APPROVE", id, $$$"""{"template":{"id":"{{{t.Template}}}"}}"""));
                Assert.That((string?)answer["template"]!["id"], Is.EqualTo(t.Template), "the approve answer is {template, effective_date}");
                Assert.That((string?)t.Stored("tier_config_requests", id)["status"], Is.EqualTo("approved"));
            },
            t => t.WrongStateAsync("tier_config_request", "APPROVE", "tier_config_requests", "eq(status,failed)", $$$"""{"template":{"id":"{{{t.Template}}}"}}""")),
        ["tier_config_request EXECUTE:REJECT"] = new(
            t => t.RereadAsync("REJECT", "eq(status,pending)", """{"reason":"bad"}""", "failed"),
            t => t.WrongStateAsync("tier_config_request", "REJECT", "tier_config_requests", "eq(status,approved)", """{"reason":"bad"}""")),
        ["tier_config_request EXECUTE:INQUIRE"] = new(
            t => t.RereadAsync("INQUIRE", "eq(status,pending)", null, "inquiring"),
            t => t.WrongStateAsync("tier_config_request", "INQUIRE", "tier_config_requests", "eq(status,approved)")),
        ["tier_config_request EXECUTE:PENDING"] = new(
            t => t.RereadAsync("PENDING", "eq(status,inquiring)", null, "pending"),
            t => t.WrongStateAsync("tier_config_request", "PENDING", "tier_config_requests", "eq(status,approved)")),
        ["tier_config_request EXECUTE:ASSIGN"] = new(
            async t =>
            {
                var answer = await t.RereadAsync("ASSIGN", "eq(status,pending)", """{"id":"UR-000-000-002"}""", "pending");
                Assert.That((string?)answer.SelectToken("assignee.id"), Is.EqualTo("UR-000-000-002"));
            },
            t => t.WrongStateAsync("tier_config_request", "ASSIGN", "tier_config_requests", "eq(status,approved)", """{"id":"UR-000-000-002"}""")),
        ["tier_config_request EXECUTE:UNASSIGN"] = new(
            t => t.RereadAsync("UNASSIGN", "eq(status,pending)", null, "pending"),
            t => t.WrongStateAsync("tier_config_request", "UNASSIGN", "tier_config_requests", "eq(status,failed)")),
        ["tier_config GET"] = new(t => t.GetAsync("tier_config", "tier_configs")),
        ["tier_config QUERY"] = new(t => t.QueryAsync("tier_config", "tier_configs", Eq("status", "active"), "eq(status,active)")),

        // ---- subscriptions and catalog ----
        ["subscription_request GET"] = new(t => t.GetAsync("subscription_request", "subscription_requests")),
        ["subscription_request QUERY"] = new(t => t.QueryAsync("subscription_request", "subscription_requests", Eq("type", "vendor"), "eq(type,vendor)")),
        ["subscription_request CREATE"] = new(
            async t =>
            {
                var asset = t.Claims.Claim("subscription_assets");
                var created = await t.CreateAsync("subscription_request", "subscription_requests", $$$"""{"type":"vendor","asset_id":"{{{asset}}}"}""");
                Assert.That((string?)created["asset"]!["id"], Is.EqualTo(asset));
            },
            t => t.RejectedCreateAsync("subscription_request", "subscription_requests", """{"type":"vendor","asset_id":"AS-0000-0000-0000"}""")),
        ["subscription_request UPDATE"] = new(
            async t =>
            {
                var id = t.Claims.Claim("subscription_requests");
                var answer = Ok(await t.RunAsync("subscription_request", "UPDATE", id, """{"vendor":{"invoice":"INV-1"},"provider":{}}"""));
                Assert.That((string?)answer.SelectToken("vendor.invoice"), Is.EqualTo("INV-1"));
                Assert.That(t.Stored("subscription_requests", id)["attributes"]!.ToJsonString(), Does.Contain("INV-1"));
            },
            t => t.RefusedBodyAsync("subscription_request", "UPDATE", t.Claims.Claim("subscription_requests"), """{"vendor":"INV-1"}""", "vendor")),
        ["subscription_asset GET"] = new(t => t.GetAsync("subscription_asset", "subscription_assets")),
        ["subscription_asset QUERY"] = new(t => t.QueryAsync("subscription_asset", "subscription_assets", Eq("status", "active"), "eq(status,active)")),
        ["product GET"] = new(t => t.GetAsync("product", "products")),
        ["product QUERY"] = new(t => t.QueryAsync("product", "products", Eq("status", "published"), "eq(status,published)")),
        ["product_item GET"] = new(t =>
        {
            var product = t.Product();
            return t.ChildGetAsync("product_item", product, $"products/{product}/items");
        }),
        ["product_item QUERY"] = new(t =>
        {
            var product = t.Product();
            return t.ChildQueryAsync("product_item", product, $"products/{product}/items");
        }),
        ["product_parameter GET"] = new(t =>
        {
            var product = t.Product();
            return t.ChildGetAsync("product_parameter", product, $"products/{product}/parameters");
        }),
        ["product_parameter QUERY"] = new(t =>
        {
            var product = t.Product();
            return t.ChildQueryAsync("product_parameter", product, $"products/{product}/parameters");
        }),
        ["product_template GET"] = new(t =>
        {
            var product = t.Product();
            return t.ChildGetAsync("product_template", product, $"products/{product}/templates");
        }),
        ["product_template QUERY"] = new(t =>
        {
            var product = t.Product();
            return t.ChildQueryAsync("product_template", product, $"products/{product}/templates");
        }),

        // ---- usage ----
        ["usage_report GET"] = new(t => t.GetAsync("usage_report", "usage_files")),
        ["usage_report QUERY"] = new(t => t.QueryAsync("usage_report", "usage_files", Eq("status", "ready"), "eq(status,ready)")),
        ["usage_report CREATE"] = new(
            async t =>
            {
                var created = await t.CreateAsync("usage_report", "usage_files", $$$"""{"name":"April","product":{"id":"{{{t.Product()}}}"},"contract":{"id":"CRD-1"}}""");
                Assert.That((string?)created["status"], Is.EqualTo("draft"));
                Assert.That((string?)created["name"], Is.EqualTo("April"));
            },
            t => t.RejectedCreateAsync("usage_report", "usage_files", """{"name":"April","product":{"id":"PRD-000-000-000"},"contract":{"id":"CRD-1"}}""")),
        ["usage_report UPDATE"] = new(
            t => t.ActAsync("usage_report", "UPDATE", "usage_files", "eq(status,ready)", """{"description":"corrected"}""", "description", "corrected"),
            t => t.WrongStateAsync("usage_report", "UPDATE", "usage_files", "eq(status,accepted)", """{"description":"corrected"}""")),
        ["usage_report DELETE"] = new(
            t => t.ActAsync("usage_report", "DELETE", "usage_files", "eq(status,draft)", null, "status", "deleted"),
            t => t.WrongStateAsync("usage_report", "DELETE", "usage_files", "eq(status,accepted)")),
        ["usage_report EXECUTE:UPLOAD"] = new(
            async t =>
            {
                var id = t.Claims.Claim("usage_files", "eq(status,draft)");
                var before = t.Sandbox.Store.Query("usage_records", $"eq(usagefile.id,{id})").Count;
                var answer = Ok(await t.RunFileAsync("usage_report", "UPLOAD", id, await t.UsageWorkbookAsync(3, id), new() { ["fileName"] = "march.xlsx" }));
                Assert.That((string?)answer["id"], Is.EqualTo(id));
                Assert.That((string?)answer["status"], Is.EqualTo("ready"), answer.ToString());
                Assert.That(t.Sandbox.Store.Query("usage_records", $"eq(usagefile.id,{id})"), Has.Count.EqualTo(before + 3), "one usage record per row");
            },
            async t =>
            {
                var id = t.Claims.Claim("usage_files", "eq(status,ready)");
                var workbook = await t.UsageWorkbookAsync(1);
                var mark = t.Mark();
                var result = await t.RunFileAsync("usage_report", "UPLOAD", id, workbook);
                t.AssertApplicationError(result, mark, "400");
            }),
        ["usage_report EXECUTE:SUBMIT"] = new(
            t => t.ActAsync("usage_report", "SUBMIT", "usage_files", "eq(status,ready)", null, "status", "pending"),
            t => t.WrongStateAsync("usage_report", "SUBMIT", "usage_files", "eq(status,draft)")),
        ["usage_report EXECUTE:ACCEPT"] = new(
            t => t.ActAsync("usage_report", "ACCEPT", "usage_files", "eq(status,pending)", """{"acceptance_note":"ok"}""", "status", "accepted"),
            t => t.WrongStateAsync("usage_report", "ACCEPT", "usage_files", "eq(status,ready)", """{"acceptance_note":"ok"}""")),
        ["usage_report EXECUTE:REJECT"] = new(
            t => t.ActAsync("usage_report", "REJECT", "usage_files", "eq(status,pending)", """{"rejection_note":"wrong"}""", "status", "rejected"),
            t => t.WrongStateAsync("usage_report", "REJECT", "usage_files", "eq(status,accepted)", """{"rejection_note":"wrong"}""")),
        ["usage_report EXECUTE:CLOSE"] = new(
            t => t.ActAsync("usage_report", "CLOSE", "usage_files", "eq(status,accepted)", null, "status", "closed"),
            t => t.WrongStateAsync("usage_report", "CLOSE", "usage_files", "eq(status,pending)")),
        ["usage_report EXECUTE:REPROCESS"] = new(
            t => t.ActAsync("usage_report", "REPROCESS", "usage_files", "eq(status,invalid)", null, "status", "ready"),
            t => t.WrongStateAsync("usage_report", "REPROCESS", "usage_files", "eq(status,ready)")),
        ["usage_report EXECUTE:UPLOAD_RECONCILIATION"] = new(
            async t =>
            {
                var id = t.Claims.Claim("usage_files", "eq(status,accepted)");
                var answer = Ok(await t.RunFileAsync("usage_report", "UPLOAD_RECONCILIATION", id, await t.UsageWorkbookAsync(1)));
                Assert.That((string?)answer["id"], Is.EqualTo(id));
                Assert.That((string?)answer["reconciliation_file_uri"], Is.Not.Empty);
            },
            async t =>
            {
                var id = t.Claims.Claim("usage_files", "eq(status,pending)");
                var workbook = await t.UsageWorkbookAsync(1);
                var mark = t.Mark();
                var result = await t.RunFileAsync("usage_report", "UPLOAD_RECONCILIATION", id, workbook);
                t.AssertApplicationError(result, mark, "400");
            }),
        ["usage_report EXECUTE:APPROVE_ALL"] = new(
            t => t.ActAsync("usage_report", "APPROVE_ALL", "usage_files", "eq(status,pending)", null, "status", "pending"),
            t => t.WrongStateAsync("usage_report", "APPROVE_ALL", "usage_files", "eq(status,accepted)")),
        ["usage_record GET"] = new(t => t.GetAsync("usage_record", "usage_records")),
        ["usage_record QUERY"] = new(t => t.QueryAsync("usage_record", "usage_records", Eq("status", "closed"), "eq(status,closed)")),
        ["usage_record UPDATE"] = new(
            t => t.ActAsync("usage_record", "UPDATE", "usage_records", "eq(status,valid)", """{"status":"approved"}""", "status", "approved"),
            t => t.WrongStateAsync("usage_record", "UPDATE", "usage_records", "eq(status,closed)", """{"status":"approved"}""")),
        ["usage_record EXECUTE:CLOSE"] = new(
            async t =>
            {
                var answer = await t.ActAsync("usage_record", "CLOSE", "usage_records", "eq(status,valid)", Billing, "status", "closed");
                Assert.That((string?)answer["external_billing_id"], Is.EqualTo("INV-77"));
            },
            t => t.WrongStateAsync("usage_record", "CLOSE", "usage_records", "eq(status,closed)", Billing)),
        ["usage_record EXECUTE:BULK_CLOSE"] = new(
            async t =>
            {
                var ids = t.Claims.ClaimMany("usage_records", "eq(status,valid)", 2);
                var documents = ids.Select(id => t.Tester.Document($$$"""{"id":"{{{id}}}","external_billing_id":"INV-78","external_billing_note":"n"}""")).ToList();
                var results = await t.Tester.ExecuteAsync("usage_record", "BULK_CLOSE", documents);
                Assert.That(results.Select(r => r.Status), Is.All.EqualTo(OperationStatus.Success), string.Join("; ", results));
                Assert.That(results.Select(r => (string?)r.SingleObject()["id"]), Is.EqualTo(ids));
                Assert.That(ids.Select(id => (string?)t.Stored("usage_records", id)["status"]), Is.All.EqualTo("closed"));
            },
            async t =>
            {
                var id = t.Claims.Claim("usage_records", "eq(status,closed)");
                var mark = t.Mark();
                var result = await t.RunAsync("usage_record", "BULK_CLOSE", null, $$$"""{"id":"{{{id}}}","external_billing_id":"INV-79"}""");
                t.AssertApplicationError(result, mark, "UR_003", loggedStatus: 206);
            }),
        ["usage_chunk GET"] = new(t => t.GetAsync("usage_chunk", "usage_chunks")),
        ["usage_chunk QUERY"] = new(t => t.QueryAsync("usage_chunk", "usage_chunks", Eq("status", "ready"), "eq(status,ready)")),
        ["usage_chunk UPDATE"] = new(
            t => t.ActAsync("usage_chunk", "UPDATE", "usage_chunks", "", """{"external_id":"EXT-77"}""", "external_id", "EXT-77"),
            async t =>
            {
                var id = t.Claims.Claim("usage_chunks");
                var mark = t.Mark();
                var result = await t.RunAsync("usage_chunk", "UPDATE", id, """{"external_id":""}""");
                t.AssertApplicationError(result, mark, "400");
            }),
        ["usage_chunk EXECUTE:CLOSE"] = new(
            t => t.ActAsync("usage_chunk", "CLOSE", "usage_chunks", "eq(status,ready)", Billing, "status", "closed"),
            t => t.WrongStateAsync("usage_chunk", "CLOSE", "usage_chunks", "eq(status,closed)", Billing)),
        ["usage_chunk EXECUTE:REGENERATE"] = new(
            t => t.ActAsync("usage_chunk", "REGENERATE", "usage_chunks", "eq(status,failed)", null, "status", "ready"),
            t => t.WrongStateAsync("usage_chunk", "REGENERATE", "usage_chunks", "eq(status,closed)")),
        ["usage_chunk EXECUTE:DOWNLOAD"] = new(
            t =>
            {
                var id = t.Claims.Claim("usage_chunks");
                return t.DownloadAsync("usage_chunk", "DOWNLOAD", id, $"usage/chunks/{id}/download");
            },
            t => t.UnknownIdAsync("usage_chunk", "DOWNLOAD", "UCK-0000-0000-9999")),
        ["usage_reconciliation GET"] = new(t => t.GetAsync("usage_reconciliation", "usage_reconciliations")),
        ["usage_reconciliation QUERY"] = new(t =>
        {
            var file = (string)t.Stored("usage_reconciliations", t.Claims.Claim("usage_reconciliations"))["usagefile"]!["id"]!;
            return t.QueryAsync("usage_reconciliation", "usage_reconciliations", Eq("usagefile.id", file), $"eq(usagefile.id,{file})");
        }),
        ["usage_reconciliation CREATE"] = new(
            async t =>
            {
                var result = await t.RunFileAsync("usage_reconciliation", "CREATE", null, await t.UsageWorkbookAsync(2), new() { ["uploadNote"] = "March" });
                Assert.That(result.StatusCode, Is.EqualTo("201"), result.ToString());
                var created = Ok(result);
                Assert.That((string?)created["status"], Is.EqualTo("uploaded"));
                Assert.That((string?)created.SelectToken("notes.uploaded"), Is.EqualTo("March"));
                t.Claims.Remember((string)created["id"]!);
            },
            async t =>
            {
                var mark = t.Mark();
                var result = await t.RunFileAsync("usage_reconciliation", "CREATE", null, []);
                t.AssertApplicationError(result, mark, "INVALID_DOCUMENT");
            }),
        ["usage_reconciliation EXECUTE:DOWNLOAD_PROCESSED"] = new(
            t =>
            {
                var id = t.Claims.Claim("usage_reconciliations", "eq(status,processed)");
                return t.DownloadAsync("usage_reconciliation", "DOWNLOAD_PROCESSED", id, $"usage/reconciliations/{id}/processedfile");
            },
            t => t.UnknownIdAsync("usage_reconciliation", "DOWNLOAD_PROCESSED", "URC-0000-0000-9999")),
        ["usage_reconciliation EXECUTE:DOWNLOAD_UPLOADED"] = new(
            t =>
            {
                var id = t.Claims.Claim("usage_reconciliations");
                return t.DownloadAsync("usage_reconciliation", "DOWNLOAD_UPLOADED", id, $"usage/reconciliations/{id}/uploadedfile");
            },
            t => t.UnknownIdAsync("usage_reconciliation", "DOWNLOAD_UPLOADED", "URC-0000-0000-9998")),
        ["usage_aggregate QUERY"] = new(t =>
        {
            var asset = (string)t.Sandbox.Store.Query("usage_aggregates")[0]["asset"]!["id"]!;
            return t.QueryAsync("usage_aggregate", "usage_aggregates", Eq("asset.id", asset), $"eq(asset.id,{asset})");
        }),

        // ---- helpdesk ----
        ["case GET"] = new(t => t.GetAsync("case", "cases")),
        ["case QUERY"] = new(t => t.QueryAsync("case", "cases", Eq("state", "resolved"), "eq(state,resolved)")),
        ["case CREATE"] = new(
            async t =>
            {
                var created = await t.CreateAsync("case", "cases", $$$"""{"subject":"Help","description":"It broke","priority":2,"type":"technical","product":{"id":"{{{t.Product()}}}"}}""");
                Assert.That((string?)created["subject"], Is.EqualTo("Help"));
                Assert.That((string?)created["state"], Is.EqualTo("pending"));
            },
            t => t.RejectedCreateAsync("case", "cases", $$$"""{"subject":"","description":"It broke","priority":2,"type":"technical","product":{"id":"{{{t.Product()}}}"}}""")),
        ["case UPDATE"] = new(
            t => t.ActAsync("case", "UPDATE", "cases", "eq(state,pending)", """{"subject":"Help, again"}""", "subject", "Help, again"),
            t => t.WrongStateAsync("case", "UPDATE", "cases", "eq(state,closed)", """{"subject":"Too late"}""")),
        ["case EXECUTE:PENDING"] = new(
            t => t.ActAsync("case", "PENDING", "cases", "eq(state,inquiring)", null, "state", "pending"),
            t => t.WrongStateAsync("case", "PENDING", "cases", "eq(state,closed)")),
        ["case EXECUTE:INQUIRE"] = new(
            t => t.ActAsync("case", "INQUIRE", "cases", "eq(state,pending)", null, "state", "inquiring"),
            t => t.WrongStateAsync("case", "INQUIRE", "cases", "eq(state,resolved)")),
        ["case EXECUTE:RESOLVE"] = new(
            t => t.ActAsync("case", "RESOLVE", "cases", "eq(state,pending)", null, "state", "resolved"),
            t => t.WrongStateAsync("case", "RESOLVE", "cases", "eq(state,closed)")),
        ["case EXECUTE:CLOSE"] = new(
            t => t.ActAsync("case", "CLOSE", "cases", "eq(state,resolved)", """{"rating":5,"feedback":"great"}""", "state", "closed"),
            t => t.WrongStateAsync("case", "CLOSE", "cases", "eq(state,pending)", """{"rating":5,"feedback":"great"}""")),
        ["conversation GET"] = new(t => t.GetAsync("conversation", "conversations")),
        ["conversation QUERY"] = new(t =>
        {
            var instance = (string)t.Stored("conversations", t.Claims.Claim("conversations"))["instance_id"]!;
            return t.QueryAsync("conversation", "conversations", Eq("instance_id", instance), $"eq(instance_id,{instance})");
        }),
        ["conversation_message QUERY"] = new(t =>
        {
            var conversation = t.Claims.Claim("conversations");
            return t.ChildQueryAsync("conversation_message", conversation, $"conversations/{conversation}/messages");
        }),
        ["conversation_message CREATE"] = new(
            async t =>
            {
                var conversation = t.Claims.Claim("conversations");
                var result = await t.RunAsync("conversation_message", "CREATE", null, """{"text":"Any news?"}""", conversation);
                Assert.That(result.StatusCode, Is.EqualTo("201"), result.ToString());
                var created = Ok(result);
                Assert.That((string?)created["text"], Is.EqualTo("Any news?"));
                var (_, served) = await t.Raw.GetAsync($"conversations/{conversation}/messages?limit=1000");
                Assert.That(served!.AsArray().Select(m => (string?)m!["id"]), Does.Contain((string?)created["id"]));
            },
            t => t.RefusedBodyAsync("conversation_message", "CREATE", null, """{"text":["Any","news"]}""", "text", t.Claims.Claim("conversations"))),
    };

    /// <summary>A tier config request action answered 204: the connector reads the object again and returns it.</summary>
    private async Task<Newtonsoft.Json.Linq.JObject> RereadAsync(string operation, string rql, string? json, string status)
    {
        var id = Claims.Claim("tier_config_requests", rql);
        var mark = Mark();
        var result = await RunAsync("tier_config_request", operation, id, json);
        Assert.That(result.StatusCode, Is.EqualTo("204"), result.ToString());
        var answer = Ok(result);
        Assert.That((string?)answer["id"], Is.EqualTo(id));
        Assert.That((string?)answer["status"], Is.EqualTo(status));
        Assert.That((string?)Stored("tier_config_requests", id)["status"], Is.EqualTo(status));
        Assert.That(Since(mark).Select(e => $"{e.Method} {e.Status}"), Is.EqualTo(new[] { "POST 204", "GET 200" }));
        return answer;
    }
}
