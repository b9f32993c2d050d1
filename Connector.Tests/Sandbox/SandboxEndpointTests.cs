using System.Net;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using NUnit.Framework;

namespace Connector.Tests.Sandbox;

/// <summary>Every operation of the connector descriptor answers as documented (status, JSON, binary or empty body).</summary>
[TestFixture]
[Category("Sandbox")]
public sealed class SandboxEndpointTests : SandboxFixtureBase
{
    private static readonly JsonObject Descriptor = LoadDescriptor();

    /// <summary>
    /// The descriptor's operations as "METHOD /path" with their expected status and body kind. LISTEN operations poll
    /// their QUERY's endpoint (same call), so they are left out here and covered by the listen suites.
    /// </summary>
    public static IEnumerable<TestCaseData> Operations() =>
        Descriptor["objectTypes"]!.AsArray().SelectMany(o => o!["operations"]!.AsArray()).Where(op => (string?)op!["type"] != "LISTEN").Select(op =>
            new TestCaseData($"{op!["method"]} {op["path"]}", (int)op["response"]!["status"]!, (string)op["response"]!["body"]!)
                .SetName($"{op["method"]} {op["path"]}"));

    /// <summary>The table below covers the 93 operations of the descriptor.</summary>
    [Test]
    public void Every_descriptor_operation_has_a_call()
    {
        var operations = Operations().Select(t => (string)t.Arguments[0]!).ToList();
        Assert.That(operations, Has.Count.EqualTo(93));
        Assert.That(operations.Where(o => !Calls.ContainsKey(o)), Is.Empty);
    }

    /// <summary>Calls one operation and checks status and body kind.</summary>
    [TestCaseSource(nameof(Operations))]
    public async Task Operation_answers_as_documented(string operation, int status, string body)
    {
        using var response = await Calls[operation](this);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        Assert.That((int)response.StatusCode, Is.EqualTo(status), text);
        switch (body)
        {
            case "json":
                Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
                Assert.That(() => JsonNode.Parse(text), Throws.Nothing);
                break;
            case "binary":
                Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
                using (var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false))
                {
                    Assert.That(document.WorkbookPart?.Workbook.Sheets?.ChildElements, Is.Not.Empty);
                }

                break;
            case "empty":
                Assert.That(bytes, Is.Empty);
                break;
        }
    }

    /// <summary>A wrong or missing key, or a key without the ApiKey prefix, gets the Connect 401.</summary>
    [TestCase("SU-000-000-000:wrong")]
    [TestCase(null)]
    public async Task Wrong_key_is_401_AUTH_001(string? key)
    {
        using var client = new SandboxClient(Sandbox, key);
        var (response, json) = await client.GetAsync("assets");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Content.Headers.ContentType?.ToString(), Is.EqualTo("application/json"));
        Assert.That(json!.ToJsonString(), Is.EqualTo("""{"error_code":"AUTH_001","errors":["API request is unauthorized."]}"""));
    }

    /// <summary>The bare key (without "ApiKey ") is refused like the real API does.</summary>
    [Test]
    public async Task Bare_key_without_prefix_is_401()
    {
        using var http = new HttpClient { BaseAddress = new Uri(Sandbox.BaseUrl + "/") };
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", Connector.Sandbox.SandboxOptions.DefaultApiKey);
        using var response = await http.GetAsync("assets");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    /// <summary>An unknown id is a 404 with a Connect error body.</summary>
    [TestCase("assets/AS-0042-9999-9999")]
    [TestCase("requests/PR-1234-5678-9012-001")]
    [TestCase("usage/files/nonsense")]
    [TestCase("products/PRD-0042-0000-0001/items/PRD-0042-0000-0001-0042")]
    public async Task Unknown_id_is_404_with_error_body(string path)
    {
        var (response, json) = await Client.GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.Content.Headers.ContentType?.ToString(), Is.EqualTo("application/json"));
        Assert.That((string?)json!["error_code"], Is.Not.Empty);
        Assert.That(json["errors"]!.AsArray(), Is.Not.Empty);
    }

    /// <summary>Responses are plain UTF-8 JSON: a '+' of a date is not escaped.</summary>
    [Test]
    public async Task Dates_are_iso_utc_and_not_escaped()
    {
        using var response = await Client.SendAsync(HttpMethod.Get, "requests?limit=1");
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(text, Does.Contain("+00:00").And.Not.Contain("\\u002B"));
    }

    private static JsonObject LoadDescriptor()
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "descriptor", "connect.descriptor.json");
        return JsonNode.Parse(File.ReadAllText(path))!.AsObject();
    }

    private static JsonObject Body(string json) => JsonNode.Parse(json)!.AsObject();

    private Task<HttpResponseMessage> Get(string path) => Client.SendAsync(HttpMethod.Get, path);

    private Task<HttpResponseMessage> Send(HttpMethod method, string path, string? json = null) =>
        Client.SendAsync(method, path, json is null ? null : JsonNode.Parse(json));

    private string ProductId => (string)Record("products", Take("products"))["id"]!;

    private async Task<string> CreatedDraftUsageFileAsync()
    {
        var product = Take("products");
        var (response, json) = await Client.PostAsync("usage/files", Body($$$"""{"name":"March usage","product":{"id":"{{{product}}}"},"contract":{"id":"CRD-1"}}"""));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        return (string)json!["id"]!;
    }

    private static readonly Dictionary<string, Func<SandboxEndpointTests, Task<HttpResponseMessage>>> Calls = new()
    {
        ["GET /assets/{id}"] = t => t.Get("assets/" + t.Take("assets")),
        ["GET /assets"] = t => t.Get("assets"),
        ["GET /requests/{id}"] = t => t.Get("requests/" + t.Take("requests")),
        ["GET /requests"] = t => t.Get("requests"),
        ["POST /requests"] = t => t.Send(HttpMethod.Post, "requests", $$$"""{"type":"purchase","asset":{"external_id":"ext-1","product":{"id":"{{{t.ProductId}}}"},"items":[]}}"""),
        ["PUT /requests/{id}"] = t => t.Send(HttpMethod.Put, "requests/" + t.Take("requests", "eq(status,pending)"), """{"note":"updated"}"""),
        ["POST /requests/{id}/approve"] = t => t.Send(HttpMethod.Post, $"requests/{t.Take("requests", "eq(status,pending)")}/approve", $$"""{"template_id":"{{t.Template}}"}"""),
        ["POST /requests/{id}/fail"] = t => t.Send(HttpMethod.Post, $"requests/{t.Take("requests", "eq(status,pending)")}/fail", """{"reason":"no stock"}"""),
        ["POST /requests/{id}/inquire"] = t => t.Send(HttpMethod.Post, $"requests/{t.Take("requests", "eq(status,pending)")}/inquire", $$"""{"template_id":"{{t.Template}}"}"""),
        ["POST /requests/{id}/pend"] = t => t.Send(HttpMethod.Post, $"requests/{t.Take("requests", "eq(status,inquiring)")}/pend"),
        ["POST /requests/{id}/assign"] = t => t.Send(HttpMethod.Post, $"requests/{t.Take("requests", "eq(status,pending)")}/assign", """{"id":"UR-000-000-001"}"""),
        ["POST /requests/{id}/unassign"] = t => t.Send(HttpMethod.Post, $"requests/{t.Take("requests", "eq(status,pending)")}/unassign"),
        ["POST /requests/{id}/purchase"] = t => t.Send(HttpMethod.Post, $"requests/{t.Take("requests", "eq(status,draft)")}/purchase"),

        ["GET /tier/accounts/{id}"] = t => t.Get("tier/accounts/" + t.Take("tier_accounts")),
        ["GET /tier/accounts"] = t => t.Get("tier/accounts"),
        ["POST /tier/accounts"] = t => t.Send(HttpMethod.Post, "tier/accounts", """{"name":"New Co","contact_info":{"address_line1":"1 Road","city":"Lyon","postal_code":"69001","country":"FR","contact":{"first_name":"A","last_name":"B","email":"a@b.example","phone_number":{"country_code":"+33","area_code":"4","phone_number":"123","extension":""}}}}"""),
        ["PUT /tier/accounts/{id}"] = t => t.Send(HttpMethod.Put, "tier/accounts/" + t.Take("tier_accounts"), """{"name":"Renamed Co"}"""),
        ["DELETE /tier/accounts/{id}"] = t => t.Send(HttpMethod.Delete, "tier/accounts/" + t.Take("tier_accounts")),
        ["GET /tier/accounts/{account_id}/versions/{version}"] = t => t.Get($"tier/accounts/{t.Take("tier_accounts")}/versions/1"),
        ["GET /tier/accounts/{account_id}/versions"] = t => t.Get($"tier/accounts/{t.Take("tier_accounts")}/versions"),
        ["GET /tier/account-requests/{id}"] = t => t.Get("tier/account-requests/" + t.Take("tier_account_requests")),
        ["GET /tier/account-requests"] = t => t.Get("tier/account-requests"),
        ["POST /tier/account-requests"] = t => t.Send(HttpMethod.Post, "tier/account-requests", $$$"""{"account":{"id":"{{{t.Take("tier_accounts")}}}"}}"""),
        ["POST /tier/account-requests/{id}/accept"] = t => t.Send(HttpMethod.Post, $"tier/account-requests/{t.Take("tier_account_requests", "eq(status,pending)")}/accept"),
        ["POST /tier/account-requests/{id}/ignore"] = t => t.Send(HttpMethod.Post, $"tier/account-requests/{t.Take("tier_account_requests", "eq(status,pending)")}/ignore", """{"reason":"duplicate"}"""),

        ["GET /tier/config-requests/{id}"] = t => t.Get("tier/config-requests/" + t.Take("tier_config_requests")),
        ["GET /tier/config-requests"] = t => t.Get("tier/config-requests"),
        ["POST /tier/config-requests"] = t => t.Send(HttpMethod.Post, "tier/config-requests", $$$"""{"type":"update","configuration":{"id":"{{{t.Take("tier_configs")}}}"}}"""),
        ["PUT /tier/config-requests/{id}"] = t => t.Send(HttpMethod.Put, "tier/config-requests/" + t.Take("tier_config_requests", "eq(status,pending)"), """{"notes":"checked"}"""),
        ["POST /tier/config-requests/{id}/approve"] = t => t.Send(HttpMethod.Post, $"tier/config-requests/{t.Take("tier_config_requests", "eq(status,pending)")}/approve", $$$"""{"template":{"id":"{{{t.Template}}}"}}"""),
        ["POST /tier/config-requests/{id}/fail"] = t => t.Send(HttpMethod.Post, $"tier/config-requests/{t.Take("tier_config_requests", "eq(status,pending)")}/fail", """{"reason":"bad"}"""),
        ["POST /tier/config-requests/{id}/inquire"] = t => t.Send(HttpMethod.Post, $"tier/config-requests/{t.Take("tier_config_requests", "eq(status,pending)")}/inquire"),
        ["POST /tier/config-requests/{id}/pend"] = t => t.Send(HttpMethod.Post, $"tier/config-requests/{t.Take("tier_config_requests", "eq(status,inquiring)")}/pend"),
        ["POST /tier/config-requests/{id}/assign"] = t => t.Send(HttpMethod.Post, $"tier/config-requests/{t.Take("tier_config_requests", "eq(status,pending)")}/assign", """{"email":"agent@example.com"}"""),
        ["POST /tier/config-requests/{id}/unassign"] = t => t.Send(HttpMethod.Post, $"tier/config-requests/{t.Take("tier_config_requests", "eq(status,pending)")}/unassign"),
        ["GET /tier/configs/{id}"] = t => t.Get("tier/configs/" + t.Take("tier_configs")),
        ["GET /tier/configs"] = t => t.Get("tier/configs"),

        ["GET /subscriptions/requests/{id}"] = t => t.Get("subscriptions/requests/" + t.Take("subscription_requests")),
        ["GET /subscriptions/requests"] = t => t.Get("subscriptions/requests"),
        ["POST /subscriptions/requests"] = t => t.Send(HttpMethod.Post, "subscriptions/requests", $$$"""{"type":"vendor","asset":{"id":"{{{t.Take("subscription_assets")}}}"}}"""),
        ["PUT /subscriptions/requests/{id}/attributes"] = t => t.Send(HttpMethod.Put, $"subscriptions/requests/{t.Take("subscription_requests")}/attributes", """{"vendor":{"invoice":"INV-1"},"provider":{}}"""),
        ["GET /subscriptions/assets/{id}"] = t => t.Get("subscriptions/assets/" + t.Take("subscription_assets")),
        ["GET /subscriptions/assets"] = t => t.Get("subscriptions/assets"),
        ["GET /products/{id}"] = t => t.Get("products/" + t.Take("products")),
        ["GET /products"] = t => t.Get("products"),

        ["GET /usage/files/{id}"] = t => t.Get("usage/files/" + t.Take("usage_files")),
        ["GET /usage/files"] = t => t.Get("usage/files"),
        ["POST /usage/files"] = t => t.Send(HttpMethod.Post, "usage/files", $$$"""{"name":"April","product":{"id":"{{{t.ProductId}}}"},"contract":{"id":"CRD-1"}}"""),
        ["PUT /usage/files/{id}"] = t => t.Send(HttpMethod.Put, "usage/files/" + t.Take("usage_files", "eq(status,ready)"), """{"description":"corrected"}"""),
        ["POST /usage/files/{id}/delete"] = async t => await t.Send(HttpMethod.Post, $"usage/files/{await t.CreatedDraftUsageFileAsync()}/delete"),
        ["POST /usage/files/{id}/upload"] = async t => await t.Client.PostFileAsync($"usage/files/{await t.CreatedDraftUsageFileAsync()}/upload", "usage_file", await t.UsageWorkbookAsync(3)),
        ["POST /usage/files/{id}/submit"] = t => t.Send(HttpMethod.Post, $"usage/files/{t.Take("usage_files", "eq(status,ready)")}/submit"),
        ["POST /usage/files/{id}/accept"] = t => t.Send(HttpMethod.Post, $"usage/files/{t.Take("usage_files", "eq(status,pending)")}/accept", """{"acceptance_note":"ok"}"""),
        ["POST /usage/files/{id}/reject"] = t => t.Send(HttpMethod.Post, $"usage/files/{t.Take("usage_files", "eq(status,pending)")}/reject", """{"rejection_note":"wrong"}"""),
        ["POST /usage/files/{id}/close"] = t => t.Send(HttpMethod.Post, $"usage/files/{t.Take("usage_files", "eq(status,accepted)")}/close"),
        ["POST /usage/files/{id}/reprocess"] = t => t.Send(HttpMethod.Post, $"usage/files/{t.Take("usage_files", "eq(status,invalid)")}/reprocess"),
        ["POST /usage/files/{id}/reconciliation"] = async t => await t.Client.PostFileAsync($"usage/files/{t.Take("usage_files", "eq(status,accepted)")}/reconciliation", "recon_file", await t.UsageWorkbookAsync(1)),
        ["PUT /usage/files/{id}/approve-all"] = t => t.Send(HttpMethod.Put, $"usage/files/{t.Take("usage_files", "eq(status,pending)")}/approve-all"),

        ["GET /usage/records/{id}"] = t => t.Get("usage/records/" + t.Take("usage_records")),
        ["GET /usage/records"] = t => t.Get("usage/records"),
        ["PUT /usage/records/{id}"] = t => t.Send(HttpMethod.Put, "usage/records/" + t.Take("usage_records", "eq(status,valid)"), """{"status":"approved"}"""),
        ["POST /usage/records/{id}/close"] = t => t.Send(HttpMethod.Post, $"usage/records/{t.Take("usage_records", "eq(status,valid)")}/close", """{"external_billing_id":"INV-9","external_billing_note":"billed"}"""),
        ["POST /usage/records/close-records"] = t => t.Send(HttpMethod.Post, "usage/records/close-records", $$$"""[{"id":"{{{t.Take("usage_records", "eq(status,valid)")}}}","external_billing_id":"INV-10","external_billing_note":"n"}]"""),
        ["GET /usage/chunks/{id}"] = t => t.Get("usage/chunks/" + t.Take("usage_chunks")),
        ["GET /usage/chunks"] = t => t.Get("usage/chunks"),
        ["PUT /usage/chunks/{id}"] = t => t.Send(HttpMethod.Put, "usage/chunks/" + t.Take("usage_chunks"), """{"external_id":"EXT-77"}"""),
        ["POST /usage/chunks/{id}/close"] = t => t.Send(HttpMethod.Post, $"usage/chunks/{t.Take("usage_chunks", "eq(status,ready)")}/close", """{"external_billing_id":"INV-11","external_billing_note":"n"}"""),
        ["POST /usage/chunks/{id}/regenerate"] = t => t.Send(HttpMethod.Post, $"usage/chunks/{t.Take("usage_chunks", "in(status,(failed,draft))")}/regenerate"),
        ["GET /usage/chunks/{id}/download"] = t => t.Get($"usage/chunks/{t.Take("usage_chunks")}/download"),
        ["GET /usage/reconciliations/{id}"] = t => t.Get("usage/reconciliations/" + t.Take("usage_reconciliations")),
        ["GET /usage/reconciliations"] = t => t.Get("usage/reconciliations"),
        ["POST /usage/reconciliations"] = async t => await t.Client.PostFileAsync("usage/reconciliations", "recon_file", await t.UsageWorkbookAsync(1), new Dictionary<string, string> { ["upload_note"] = "March" }),
        ["GET /usage/reconciliations/{id}/processedfile"] = t => t.Get($"usage/reconciliations/{t.Take("usage_reconciliations")}/processedfile"),
        ["GET /usage/reconciliations/{id}/uploadedfile"] = t => t.Get($"usage/reconciliations/{t.Take("usage_reconciliations")}/uploadedfile"),
        ["GET /usage/aggregates"] = t => t.Get("usage/aggregates"),

        ["GET /helpdesk/cases/{id}"] = t => t.Get("helpdesk/cases/" + t.Take("cases")),
        ["GET /helpdesk/cases"] = t => t.Get("helpdesk/cases"),
        ["POST /helpdesk/cases"] = t => t.Send(HttpMethod.Post, "helpdesk/cases", $$$"""{"subject":"Help","description":"It broke","priority":2,"type":"technical","product":{"id":"{{{t.ProductId}}}"}}"""),
        ["PUT /helpdesk/cases/{id}"] = t => t.Send(HttpMethod.Put, "helpdesk/cases/" + t.Take("cases", "eq(state,pending)"), """{"subject":"Help, again"}"""),
        ["POST /helpdesk/cases/{id}/pend"] = t => t.Send(HttpMethod.Post, $"helpdesk/cases/{t.Take("cases", "eq(state,inquiring)")}/pend"),
        ["POST /helpdesk/cases/{id}/inquire"] = t => t.Send(HttpMethod.Post, $"helpdesk/cases/{t.Take("cases", "eq(state,pending)")}/inquire"),
        ["POST /helpdesk/cases/{id}/resolve"] = t => t.Send(HttpMethod.Post, $"helpdesk/cases/{t.Take("cases", "eq(state,pending)")}/resolve"),
        ["POST /helpdesk/cases/{id}/close"] = t => t.Send(HttpMethod.Post, $"helpdesk/cases/{t.Take("cases", "eq(state,resolved)")}/close", """{"rating":5,"feedback":"great"}"""),
        ["GET /conversations/{id}"] = t => t.Get("conversations/" + t.Take("conversations")),
        ["GET /conversations"] = t => t.Get("conversations?instance_id=" + (string)t.Record("conversations", t.Take("conversations"))["instance_id"]!),
        ["GET /conversations/{conversation_id}/messages"] = t => t.Get($"conversations/{t.Take("conversations")}/messages"),
        ["POST /conversations/{conversation_id}/messages"] = t => t.Send(HttpMethod.Post, $"conversations/{t.Take("conversations")}/messages", """{"text":"Any news?"}"""),
        ["GET /products/{product_id}/items/{id}"] = t => t.ChildAsync("items"),
        ["GET /products/{product_id}/items"] = t => t.Get($"products/{t.ProductId}/items"),
        ["GET /products/{product_id}/parameters/{id}"] = t => t.ChildAsync("parameters"),
        ["GET /products/{product_id}/parameters"] = t => t.Get($"products/{t.ProductId}/parameters"),
        ["GET /products/{product_id}/templates/{id}"] = t => t.ChildAsync("templates"),
        ["GET /products/{product_id}/templates"] = t => t.Get($"products/{t.ProductId}/templates"),
    };

    private async Task<HttpResponseMessage> ChildAsync(string segment)
    {
        var product = ProductId;
        var (_, list) = await Client.GetAsync($"products/{product}/{segment}");
        return await Get($"products/{product}/{segment}/{(string)list!.AsArray()[0]!["id"]!}");
    }
}
