using System.Net;
using Connector.Designer.Api;
using Connector.Designer.Security;
using Connector.Sandbox;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Connector.Tests.Designer;

/// <summary>The designer's JSON API over a sandbox: token and Host checks, browse, query preview and runs.</summary>
[TestFixture]
[Category("Designer")]
public sealed class DesignerApiTests : DesignerFixture
{
    [Test]
    public async Task Every_api_call_needs_the_token()
    {
        using var anonymous = new HttpClient { BaseAddress = Server.Address };
        using var none = await anonymous.GetAsync("api/types");
        Assert.That(none.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        using var wrong = new HttpRequestMessage(HttpMethod.Post, "api/run") { Content = new StringContent("{}") };
        wrong.Headers.Add(RequestGuard.TokenHeader, Server.Token[..^1] + (Server.Token[^1] == 'A' ? 'B' : 'A'));
        using var wrongAnswer = await anonymous.SendAsync(wrong);
        Assert.That(wrongAnswer.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        using var sneaky = await anonymous.GetAsync(new Uri(Server.Address.GetLeftPart(UriPartial.Authority) + "//api/types"));
        Assert.That(sneaky.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "a path that only looks different still needs the token");
        using var page = await anonymous.GetAsync("/");
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the page itself holds no data");
    }

    [TestCase("evil.example")]
    [TestCase("evil.example:{port}")]
    [TestCase("127.0.0.1:1")]
    [TestCase("localhost.evil.example:{port}")]
    public async Task A_foreign_Host_header_is_refused_even_with_the_token(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/types");
        request.Headers.Host = host.Replace("{port}", Server.Address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        using var response = await Api.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Localhost_with_the_port_is_accepted()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/info");
        request.Headers.Host = "localhost:" + Server.Address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var response = await Api.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task The_page_and_its_assets_are_served_from_the_assembly_with_a_strict_policy()
    {
        Assert.That(AssetEndpoints.Names(), Is.SupersetOf(new[] { "index.html", "app.js", "app.css" }));
        using var anonymous = new HttpClient { BaseAddress = Server.Address };
        using var script = await anonymous.GetAsync("assets/app.js");
        Assert.That(script.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(script.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/javascript"));
        Assert.That(script.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("default-src 'self'"));
        Assert.That(script.Headers.GetValues("Referrer-Policy").Single(), Is.EqualTo("no-referrer"));
        var html = await (await anonymous.GetAsync("/")).Content.ReadAsStringAsync();
        Assert.That(html, Does.Not.Match("(src|href)=\"(https?:)?//"), "nothing is fetched from elsewhere");
        using var missing = await anonymous.GetAsync("assets/nothing.js");
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Info_describes_the_connection_without_its_key()
    {
        var info = await GetJsonAsync("api/info");
        Assert.That((bool?)info["canPreview"], Is.True);
        Assert.That(info["operators"]!.Select(o => (string?)o["id"]), Does.Contain("eq").And.Contain("in"));
        Assert.That(info.ToString(), Does.Not.Contain(SandboxOptions.DefaultApiKey).And.Not.Contain("sandbox-secret"));
    }

    [Test]
    public async Task Types_and_a_description_list_operations_filters_and_sorts()
    {
        var types = (JArray)await GetJsonAsync("api/types");
        Assert.That(types.Select(t => (string?)t["id"]), Does.Contain("request").And.Contain("asset"));
        var request = await GetJsonAsync("api/types/request");
        var operations = request["operations"]!.ToDictionary(o => (string)o["name"]!, o => o);
        Assert.That((string?)operations["APPROVE"]["endpoint"], Is.EqualTo("POST /requests/{id}/approve"));
        Assert.That((bool?)operations["APPROVE"]["targetsObject"], Is.True);
        Assert.That(operations["QUERY"]["fields"]!.Select(f => (string?)f["id"]), Does.Contain("maxResults"));
        var status = request["filterable"]!.Single(f => (string?)f["name"] == "status");
        Assert.That(status["operators"]!.Select(o => (string?)o), Does.Contain("eq"));
        Assert.That(status["enum"]!.Select(o => (string?)o), Does.Contain("pending"), "value choices come from the profile");
        var hub = request["filterable"]!.Single(f => (string?)f["name"] == "asset.connection.hub.id");
        Assert.That((string?)hub["type"], Is.EqualTo("string"), "a filter's value is typed by the field's documented type, not by every type real data may send");
        Assert.That((string?)request["command"], Is.EqualTo("connector describe request"));
    }

    [Test]
    public async Task A_message_s_tree_shows_its_conversation_object_and_stops_where_the_conversation_embeds_the_message_again()
    {
        var catalog = await Connector.Tests.Browse.BrowseFixture.CatalogAsync();
        var entry = catalog.Entries.Single(e => e.ObjectType.Id == "conversation_message" && e.Operation.Type == Connector.Core.Operations.OperationType.Query);

        var tree = ProfileTree.Build(entry.OutputSchemaJson!);

        Assert.That(ProfileTree.Find(tree, "conversation.id"), Is.Not.Null, "owner-id-also-reference: the conversation as an object");
        var messages = ProfileTree.Find(tree, "conversation.messages");
        Assert.That(messages, Is.Not.Null);
        Assert.That(tree.ToString(Newtonsoft.Json.Formatting.None).Length, Is.LessThan(1_000_000), "the cycle message -> conversation -> messages -> message is cut, not unrolled");
    }

    [Test]
    public void A_node_s_description_drops_the_sentence_listing_the_values_it_lists_and_keeps_the_rest()
    {
        var tree = ProfileTree.Build(JObject.Parse("""
            {"properties": {
              "a": {"type": "string", "x-enum": ["x", "y"], "description": "The a. Documented values: x, y."},
              "b": {"type": "string", "x-enum": ["x"], "description": "Documented values: x, z."},
              "c": {"type": "string", "x-enum": ["x"], "description": "Documented values: x."},
              "d": {"type": "integer", "x-enum": [1, 2], "description": "Priority. Documented values: 1, 2. Set by the vendor."}}}
            """));

        Assert.That((string?)ProfileTree.Find(tree, "a")!["description"], Is.EqualTo("The a."));
        Assert.That((string?)ProfileTree.Find(tree, "b")!["description"], Is.EqualTo("Documented values: x, z."), "not the node's values: kept");
        Assert.That(ProfileTree.Find(tree, "c")!["description"], Is.Null);
        Assert.That((string?)ProfileTree.Find(tree, "d")!["description"], Is.EqualTo("Priority. Set by the vendor."));
        Assert.That(ProfileTree.Find(tree, "d")!["enum"]!.Select(v => (string?)v), Is.EqualTo(new[] { "1", "2" }));
    }

    [Test]
    public async Task An_unknown_type_is_a_400_naming_it()
    {
        using var response = await Api.GetAsync("api/types/nonsense");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("nonsense"));
    }

    [Test]
    public async Task Profiles_come_as_schema_and_field_tree()
    {
        var profiles = await GetJsonAsync("api/types/asset/operations/GET/profiles");
        Assert.That((string?)profiles["input"]!["contentType"], Is.EqualTo("NONE"));
        var output = profiles["output"]!;
        Assert.That((string?)output["schema"]!["title"], Does.Contain("Asset"));
        var tree = (JArray)output["tree"]!;
        Assert.That(ProfileTree.Find(tree, "tiers.customer.contact_info.contact.email"), Is.Not.Null, "nested objects are in the tree");
        Assert.That(ProfileTree.Find(tree, "tiers.customer.id"), Is.Not.Null, "a field only a referenced branch documents is in the tree");
        Assert.That(ProfileTree.Find(tree, "tiers.configs"), Is.Not.Null, "so is a field documented elsewhere in the document");
        var status = ProfileTree.Find(tree, "status")!;
        Assert.That((bool?)status["readOnly"], Is.True);
        Assert.That((string?)status["description"], Is.Null, "its description was only the list of its documented values, which the node lists");
        var id = ProfileTree.Find(tree, "id")!;
        Assert.That((string?)id["type"], Is.EqualTo("string"), "the documented type");
        Assert.That((string?)id["accepts"], Is.EqualTo("string | number | boolean | object | array"), "then what real data may also send, as the profile lists it");
        Assert.That(ProfileTree.Find(tree, "tiers")!["accepts"], Is.Not.Null.And.Property("Type").EqualTo(JTokenType.String));
        Assert.That((string?)ProfileTree.Find(tree, "tiers")!["type"], Is.EqualTo("object"));
        Assert.That(status["enum"]!.Select(v => (string?)v), Does.Contain("active"));
        Assert.That((string?)output["command"], Is.EqualTo("connector schema asset GET --role output"));
        var approve = await GetJsonAsync("api/types/request/operations/APPROVE/profiles");
        Assert.That(ProfileTree.Find((JArray)approve["input"]!["tree"]!, "asset.billing.next_date"), Is.Not.Null);
    }

    [Test]
    public async Task A_query_preview_shows_the_exact_request_and_sends_nothing()
    {
        var mark = Sandbox.RequestLog.Count;
        var (status, body) = await PostAsync("api/query/preview", JObject.Parse("""
            {"type":"request","where":{"and":[{"field":"status","op":"eq","value":"pending"},{"field":"type","op":"in","values":["purchase","change"]}]},"sort":["-created"],"select":["id"],"max":50}
            """));
        Assert.That(status, Is.EqualTo(200), body);
        var preview = JObject.Parse(body);
        Assert.That((string?)preview["code"], Is.EqualTo("DRY_RUN"));
        Assert.That((string?)preview["request"]!["method"], Is.EqualTo("GET"));
        Assert.That((string?)preview["request"]!["url"], Does.StartWith(Sandbox.BaseUrl.ToString().TrimEnd('/') + "/requests?").And.Contain("eq(status,pending)").And.Contain("ordering(-created)"));
        Assert.That((string?)preview["command"], Is.EqualTo("connector query request --filter 'status eq pending' --filter 'type in purchase,change' --sort -created --select id --max 50"));
        Assert.That(body, Does.Not.Contain("sandbox-secret"));
        Assert.That(Sandbox.RequestLog.Count, Is.EqualTo(mark), "a preview reaches no server");
    }

    [Test]
    public async Task A_nested_tree_previews_as_where_json()
    {
        var (status, body) = await PostAsync("api/query/preview", JObject.Parse("""
            {"type":"request","where":{"or":[{"field":"status","op":"eq","value":"pending"},{"and":[{"field":"status","op":"eq","value":"failed"},{"field":"type","op":"eq","value":"purchase"}]}]},"max":5}
            """));
        Assert.That(status, Is.EqualTo(200), body);
        var preview = JObject.Parse(body);
        Assert.That((string?)preview["request"]!["url"], Does.Contain("or(eq(status,pending),and(eq(status,failed),eq(type,purchase)))"));
        Assert.That((string?)preview["command"], Does.Contain("--where '{\"or\":"));
    }

    [Test]
    public async Task A_bad_filter_is_a_400_naming_the_problem()
    {
        var (status, body) = await PostAsync("api/query/preview", JObject.Parse("""{"type":"request","where":{"and":[{"field":"status","op":"bogus","value":"x"}]},"max":5}"""));
        Assert.That(status, Is.EqualTo(400));
        Assert.That(body, Does.Contain("bogus"));
        (status, body) = await PostAsync("api/query/preview", JObject.Parse("""{"type":"request","max":100000}"""));
        Assert.That(status, Is.EqualTo(400));
        Assert.That(body, Does.Contain("max"));
    }

    [Test]
    public async Task A_query_run_streams_the_count_then_each_record_then_the_result()
    {
        var (status, body) = await PostAsync("api/query/run", JObject.Parse("""{"type":"request","where":{"and":[{"field":"status","op":"eq","value":"pending"}]},"max":5}"""));
        Assert.That(status, Is.EqualTo(200), body);
        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(JObject.Parse).ToList();
        var pending = PendingRequestIds();
        Assert.That((int?)lines[0]["count"], Is.EqualTo(pending.Count));
        Assert.That(lines.Skip(1).Take(lines.Count - 2).Select(l => (string?)l["record"]!["id"]), Is.EqualTo(pending.Take(5)));
        Assert.That((string?)lines[^1]["result"]!["status"], Is.EqualTo("SUCCESS"));
    }

    [Test]
    public async Task Running_an_action_gives_one_result_per_document_and_a_dry_run_sends_nothing()
    {
        var ids = PendingRequestIds().Skip(10).Take(2).ToList();
        var documents = new JArray(ids.Select(id => new JObject { ["id"] = id, ["template_id"] = "TL-0042-0000-0000-01" }));
        var mark = Sandbox.RequestLog.Count;
        var (status, body) = await PostAsync("api/run", new JObject { ["type"] = "request", ["operation"] = "APPROVE", ["documents"] = documents, ["dryRun"] = true });
        Assert.That(status, Is.EqualTo(200), body);
        var dry = (JArray)JObject.Parse(body)["results"]!;
        Assert.That(dry.Select(r => (string?)r["code"]), Is.All.EqualTo("DRY_RUN"));
        Assert.That((string?)dry[1]["payloads"]![0]!["url"], Does.EndWith($"/requests/{ids[1]}/approve"));
        Assert.That(Sandbox.RequestLog.Count, Is.EqualTo(mark));

        (status, body) = await PostAsync("api/run", new JObject { ["type"] = "request", ["operation"] = "approve", ["documents"] = documents });
        Assert.That(status, Is.EqualTo(200), body);
        var answer = JObject.Parse(body);
        var results = (JArray)answer["results"]!;
        Assert.That(results.Select(r => (string?)r["status"]), Is.EqualTo(new[] { "SUCCESS", "SUCCESS" }), body);
        Assert.That(results.Select(r => (string?)r["payloads"]![0]!["status"]), Is.All.EqualTo("approved"));
        Assert.That(ids.Select(id => (string?)Sandbox.Store.Get("requests", id)!["status"]), Is.All.EqualTo("approved"));
        Assert.That((string?)answer["command"], Does.StartWith("printf '%s\\n' ").And.EndWith("| connector exec request APPROVE"));
        Assert.That(body, Does.Not.Contain("sandbox-secret"));
    }

    [Test]
    public async Task Widening_from_the_sandbox_case_records_names_the_fields_the_documented_profile_lacks()
    {
        var records = await QueryRecordsAsync("case", 40);
        var (status, body) = await PostNdjsonAsync("api/types/case/operations/QUERY/learn", string.Join('\n', records.Select(r => r.ToString(Newtonsoft.Json.Formatting.None))));
        Assert.That(status, Is.EqualTo(200), body);
        var learned = JObject.Parse(body);
        Assert.That((int?)learned["sampleCount"], Is.EqualTo(records.Count));
        Assert.That((string?)learned["operation"], Is.EqualTo("QUERY"));
        var additions = learned["additions"]!.Select(a => (string?)a).ToList();
        Assert.That(additions, Does.Contain("state.current: new field").And.Contain("state.next: new field"), "the sandbox's cases carry state as {current, next, all}, which no case schema documents");
        var tree = (JArray)learned["tree"]!;
        Assert.That((string?)ProfileTree.Find(tree, "state.current")!["observed"], Is.EqualTo("new"));
        Assert.That(ProfileTree.Find(tree, "subject")!["observed"], Is.Null, "documented fields are not marked");
        Assert.That((bool?)learned["schema"]!["properties"]!["state"]!["properties"]!["current"]!["x-observed"], Is.True);
    }

    [Test]
    public async Task Widening_marks_new_fields_and_widened_types_in_the_tree()
    {
        var ndjson = """
            {"id":"AS-1","items":[],"x_custom":{"level":2}}

            {"id":"AS-2","items":true,"x_custom":{"level":"high"}}
            """;
        var (status, body) = await PostNdjsonAsync("api/types/asset/operations/GET/learn", ndjson);
        Assert.That(status, Is.EqualTo(200), body);
        var learned = JObject.Parse(body);
        Assert.That((int?)learned["sampleCount"], Is.EqualTo(2), "blank lines are skipped");
        Assert.That(learned["additions"]!.Select(a => (string?)a), Is.EqualTo(new[] { "items: also boolean", "x_custom.level: new field", "x_custom: new field" }));
        var tree = (JArray)learned["tree"]!;
        Assert.That((string?)ProfileTree.Find(tree, "x_custom")!["observed"], Is.EqualTo("new"));
        Assert.That((string?)ProfileTree.Find(tree, "x_custom.level")!["accepts"], Is.EqualTo("string | integer"));
        var widened = ProfileTree.Find(tree, "items")!;
        Assert.That((string?)widened["observed"], Is.EqualTo("widened"));
        Assert.That((string?)widened["type"], Is.EqualTo("array"), "still the documented type");
        Assert.That((string?)widened["accepts"], Does.Contain("array").And.Contain("boolean"));
        Assert.That(ProfileTree.Find(tree, "items.mpn"), Is.Not.Null, "the documented fields under it stay");
        Assert.That(ProfileTree.Find(tree, "items.mpn")!["observed"], Is.Null);
    }

    [Test]
    public async Task Widening_with_nothing_new_has_no_additions()
    {
        var records = await QueryRecordsAsync("asset", 3);
        foreach (var record in records)
        {
            // What real assets carry beyond the document: top-level created/updated, their billing schedule (which the
            // document gives only the subscriptions API's asset), item parameters, their hub's instance and account.
            record.Remove("created");
            record.Remove("updated");
            record.Remove("billing");
            var hub = (JObject)record["connection"]!["hub"]!;
            hub.Remove("instance_id");
            hub.Remove("account_id");
            foreach (var item in record["items"]!.OfType<JObject>())
            {
                item.Remove("params");
            }

            // A checkbox's structured value is keyed by its product's own choice values, which no schema can name.
            foreach (var param in record["params"]!.OfType<JObject>().Where(p => (string?)p["type"] == "checkbox"))
            {
                param.Remove("structured_value");
            }
        }

        var (status, body) = await PostNdjsonAsync("api/types/asset/operations/QUERY/learn", string.Join('\n', records.Select(r => r.ToString(Newtonsoft.Json.Formatting.None))));
        Assert.That(status, Is.EqualTo(200), body);
        var learned = JObject.Parse(body);
        Assert.That((int?)learned["sampleCount"], Is.EqualTo(3));
        Assert.That((JArray)learned["additions"]!, Is.Empty, body);
        Assert.That(learned.SelectTokens("$.tree..observed"), Is.Empty);
    }

    [Test]
    public async Task Widening_refuses_what_it_cannot_learn_from_naming_it()
    {
        var (status, body) = await PostNdjsonAsync("api/types/asset/operations/GET/learn", "{\"id\":\"AS-1\"}\n[1,2]\n");
        Assert.That(status, Is.EqualTo(400), body);
        Assert.That(body, Does.Contain("line 2").And.Contain("not a JSON object"));
        (status, body) = await PostNdjsonAsync("api/types/asset/operations/GET/learn", "\n");
        Assert.That(status, Is.EqualTo(400), body);
        Assert.That(body, Does.Contain("no records"));
        (status, body) = await PostNdjsonAsync("api/types/usage_chunk/operations/DOWNLOAD/learn", "{}");
        Assert.That(status, Is.EqualTo(400), body);
        Assert.That(body, Does.Contain("no JSON output profile"));
        using var anonymous = new HttpClient { BaseAddress = Server.Address };
        using var content = new StringContent("{}");
        using var refused = await anonymous.PostAsync("api/types/asset/operations/GET/learn", content);
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Running_documents_checks_what_it_is_given()
    {
        var (status, body) = await PostAsync("api/run", JObject.Parse("""{"type":"request","operation":"APPROVE","documents":[]}"""));
        Assert.That(status, Is.EqualTo(400), body);
        Assert.That(body, Does.Contain("documents"));
        (status, body) = await PostAsync("api/run", JObject.Parse("""{"type":"request","operation":"QUERY","documents":[{}]}"""));
        Assert.That(status, Is.EqualTo(400), body);
        (status, body) = await PostAsync("api/run", JObject.Parse("""{"type":"request","operation":"NOPE","documents":[{}]}"""));
        Assert.That(status, Is.EqualTo(400), body);
        Assert.That(body, Does.Contain("NOPE"));
    }
}
