using System.Net;
using System.Text.Json.Nodes;
using NUnit.Framework;

namespace Connector.Tests.Sandbox;

/// <summary>The sandbox serves what real Connect does: conversations of every request and case, asset dates at the top level, consistent usage data.</summary>
[TestFixture]
[Category("Sandbox")]
public sealed class SandboxRealShapeTests : SandboxFixtureBase
{
    /// <summary>Every seeded request and case has exactly one conversation, found by <c>instance_id</c>.</summary>
    [TestCase("requests")]
    [TestCase("cases")]
    public void Every_seeded_request_and_case_has_its_conversation(string collection)
    {
        var instances = Sandbox.Store.Query("conversations").Select(c => (string)c["instance_id"]!).ToList();
        foreach (var record in Sandbox.Store.Query(collection))
        {
            Assert.That(instances.Count(i => i == (string)record["id"]!), Is.EqualTo(1), (string?)record["id"]);
        }
    }

    /// <summary>A created request and a created case get their conversation, and a message can be posted to it.</summary>
    [Test]
    public async Task Created_requests_and_cases_get_a_conversation_to_post_to()
    {
        var asset = Take("assets", "eq(status,active)");
        var (createdRequest, request) = await Client.PostAsync("requests", JsonNode.Parse($$$"""{"type":"change","asset":{"id":"{{{asset}}}"}}"""));
        Assert.That(createdRequest.StatusCode, Is.EqualTo(HttpStatusCode.Created), request?.ToJsonString());
        var product = (string)Record("assets", asset)["product"]!["id"]!;
        var (createdCase, helpdeskCase) = await Client.PostAsync("helpdesk/cases", JsonNode.Parse($$$"""{"subject":"Help","description":"Please","product":{"id":"{{{product}}}"}}"""));
        Assert.That(createdCase.StatusCode, Is.EqualTo(HttpStatusCode.Created), helpdeskCase?.ToJsonString());
        foreach (var instance in new[] { (string)request!["id"]!, (string)helpdeskCase!["id"]! })
        {
            var (_, conversations) = await Client.GetAsync("conversations?instance_id=" + instance);
            Assert.That(conversations!.AsArray(), Has.Count.EqualTo(1), instance);
            var conversation = (string)conversations.AsArray()[0]!["id"]!;
            var (posted, message) = await Client.PostAsync($"conversations/{conversation}/messages", JsonNode.Parse("""{"text":"Any news?"}"""));
            Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Created), message?.ToJsonString());
            var (_, messages) = await Client.GetAsync($"conversations/{conversation}/messages");
            Assert.That(messages!.AsArray().Select(m => (string?)m!["text"]), Has.Member("Any news?"));
        }
    }

    /// <summary>Assets carry <c>created</c>/<c>updated</c> at the top level, so the documented <c>created</c> filter and ordering work.</summary>
    [Test]
    public async Task Assets_filter_and_order_by_created()
    {
        var (_, all) = await Client.GetAsync("assets?limit=1000");
        var created = all!.AsArray().Select(a => (string)a!["created"]!).ToList();
        Assert.That(all.AsArray().Select(a => (string?)a!["updated"]), Is.All.Not.Null);
        var middle = created.Order(StringComparer.Ordinal).ElementAt(created.Count / 2);
        var (_, later) = await Client.GetAsync($"assets?gt(created,{middle})&ordering(-created)&limit=1000");
        var laterCreated = later!.AsArray().Select(a => (string)a!["created"]!).ToList();
        Assert.That(laterCreated, Is.EqualTo(created.Where(c => string.CompareOrdinal(c, middle) > 0).OrderDescending(StringComparer.Ordinal)));
        Assert.That(laterCreated, Is.Not.Empty.And.Count.LessThan(created.Count));
    }

    /// <summary>
    /// A billing request's <c>attributes</c> is one object <c>{vendor, provider}</c>, as in every real billing request (the
    /// document says an array of them): seeded so, changed in place by PUT .../attributes (which answers it), and a created
    /// request takes either form of the body as that object, with none of the seeded record it is made like.
    /// </summary>
    [Test]
    public async Task Billing_request_attributes_are_one_object_as_connect_sends_them()
    {
        Assert.That(Sandbox.Store.Query("subscription_requests").Select(r => r["attributes"]), Is.All.InstanceOf<JsonObject>());
        var id = Take("subscription_requests");
        var seeded = (string?)Record("subscription_requests", id)["attributes"]!["vendor"]!["external_id"];

        var (put, answer) = await Client.JsonAsync(HttpMethod.Put, $"subscriptions/requests/{id}/attributes", JsonNode.Parse("""{"vendor":{"invoice":"INV-1"}}"""));

        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), answer?.ToJsonString());
        var expected = $$$"""{"vendor":{"external_id":"{{{seeded}}}","invoice":"INV-1"},"provider":{}}""";
        Assert.That(answer!.ToJsonString(), Is.EqualTo(expected));
        Assert.That(Record("subscription_requests", id)["attributes"]!.ToJsonString(), Is.EqualTo(expected));

        var asset = Take("subscription_assets");
        foreach (var attributes in new[] { """{"vendor":{"po":"PO-7"}}""", """[{"vendor":{"po":"PO-7"},"provider":{}}]""" })
        {
            var (created, request) = await Client.PostAsync("subscriptions/requests", JsonNode.Parse($$$"""{"type":"vendor","asset":{"id":"{{{asset}}}"},"attributes":{{{attributes}}}}"""));
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), request?.ToJsonString());
            Assert.That(request!["attributes"]!.ToJsonString(), Is.EqualTo("""{"vendor":{"po":"PO-7"},"provider":{}}"""), attributes);
        }
    }

    /// <summary>
    /// Where every captured payload of the corpus disagrees with the document, the sandbox sends what Connect does: a
    /// tier configuration's <c>tier_level</c> is a number (the document: a string whose enum lists numbers), also inside a
    /// tier config request's configuration; a product's <c>extensions</c> a list (the document: one object); a usage
    /// record's <c>category</c> an object <c>{id, name}</c> (the document: a string); a product item's <c>ui_visibility</c> a
    /// boolean (the document: a string); a product parameter's constraints say whether it is read-only, as all 8 captured ones do. Filters and orderings on the number
    /// compare it as a number.
    /// </summary>
    [Test]
    public async Task Values_arrive_in_the_types_connect_sends()
    {
        Assert.That(Sandbox.Store.Query("tier_configs").Select(r => r["tier_level"]!.GetValueKind()), Is.All.EqualTo(System.Text.Json.JsonValueKind.Number));
        Assert.That(Sandbox.Store.Query("tier_config_requests").Select(r => r["configuration"]!["tier_level"]!.GetValueKind()), Is.All.EqualTo(System.Text.Json.JsonValueKind.Number));
        Assert.That(Sandbox.Store.Query("products").Select(r => r["extensions"]), Is.All.InstanceOf<JsonArray>());
        Assert.That(Sandbox.Store.Query("usage_records").Select(r => r["category"]!["id"]), Is.All.Not.Null);
        Assert.That(Enumerable.Range(0, 3).Select(k => Sandbox.Store.World.ProductItem(0, k)["ui_visibility"]!.GetValueKind()), Is.All.EqualTo(System.Text.Json.JsonValueKind.True));
        Assert.That(Enumerable.Range(0, 4).Select(k => Sandbox.Store.World.ProductParameter(0, k)["constraints"]!["readonly"]!.GetValueKind()), Is.All.EqualTo(System.Text.Json.JsonValueKind.False));

        var levels = Sandbox.Store.Query("tier_configs").Select(r => (int)r["tier_level"]!).ToList();
        var (_, second) = await Client.GetAsync("tier/configs?eq(tier_level,2.0)&limit=1000");
        Assert.That(second!.AsArray().Select(r => (int)r!["tier_level"]!).ToList(), Has.Count.EqualTo(levels.Count(l => l == 2)).And.All.EqualTo(2), "2.0 is the number 2");
        var (_, ordered) = await Client.GetAsync("tier/configs?ge(tier_level,1)&ordering(-tier_level)&limit=1000");
        Assert.That(ordered!.AsArray().Select(r => (int)r!["tier_level"]!), Is.EqualTo(levels.OrderDescending()));
    }

    /// <summary>
    /// Parameters carry what real ones do: an asset's and a request asset's every parameter its name (the document's
    /// asset parameter has none, its request parameter only a placeholder) and its product parameter's hint and placeholder
    /// in its constraints, and a request asset's its phase and constraints (the document's request parameter has neither),
    /// alike for the same parameter; a request's asset
    /// carries the asset's whole connection (status and created_at, which 22 of the 39 captured requests have, included).
    /// </summary>
    [Test]
    public async Task Asset_parameters_carry_their_names_and_request_ones_their_phase_and_constraints()
    {
        var first = Sandbox.Store.Query("assets")[0];
        var names = first["params"]!.AsArray().Select(p => (string?)p!["name"]).ToList();
        Assert.That(names, Is.Unique.And.Not.Contains(null).And.Not.Contains("Params"));
        var (_, definitions) = await Client.GetAsync($"products/{first["product"]!["id"]}/parameters");
        foreach (var param in first["params"]!.AsArray())
        {
            // The product parameter's prompts, inside the value's constraints (11 and 10 of the captured assets and requests).
            var definition = definitions!.AsArray().Single(d => (string?)d!["id"] == (string?)param!["id"])!;
            Assert.That((string?)param!["constraints"]!["hint"], Is.EqualTo((string?)definition["hint"]).And.Not.Empty.And.Not.EqualTo("Hint"));
            Assert.That((string?)param["constraints"]!["placeholder"], Is.EqualTo((string?)definition["placeholder"]).And.Not.Empty.And.Not.EqualTo("Placeholder"));

            // And a `meta` object (10 of the captured requests' sources, 2 of the assets'), which a tier configuration's lack.
            Assert.That(param["constraints"]!["meta"], Is.InstanceOf<JsonObject>());
        }

        Assert.That(Sandbox.Store.Query("tier_configs").SelectMany(c => c["params"]!.AsArray()).Select(p => p!["constraints"]?["meta"]), Is.All.Null);

        foreach (var request in Sandbox.Store.Query("requests").Take(10))
        {
            var asset = Record("assets", (string)request["asset"]!["id"]!);
            Assert.That(request["asset"]!["connection"]!.ToJsonString(), Is.EqualTo(asset["connection"]!.ToJsonString()), "the asset's whole connection, status and created_at included");
            var assetParams = asset["params"]!.AsArray().ToDictionary(p => (string)p!["id"]!);
            foreach (var param in request["asset"]!["params"]!.AsArray())
            {
                var of = assetParams[(string)param!["id"]!]!;
                Assert.That((string?)param["name"], Is.EqualTo((string?)of["name"]), (string?)request["id"]);
                Assert.That((string?)param["phase"], Is.EqualTo((string?)of["phase"]).And.Not.Null);
                Assert.That(param["constraints"]?.ToJsonString(), Is.EqualTo(of["constraints"]?.ToJsonString()).And.Not.Null);
            }
        }
    }

    /// <summary>
    /// A request carries its asset's distribution contract at the top level, as 34 of the 39 captured requests do, seeded
    /// and created alike, so the documented filter <c>contract.id</c> finds them.
    /// </summary>
    [Test]
    public async Task Requests_carry_their_asset_s_contract()
    {
        foreach (var request in Sandbox.Store.Query("requests"))
        {
            var contract = Record("assets", (string)request["asset"]!["id"]!)["contract"]!;
            Assert.That(request["contract"]!.ToJsonString(), Is.EqualTo(contract.ToJsonString()), (string?)request["id"]);
        }

        var first = Sandbox.Store.Query("requests")[0];
        var contractId = (string)first["contract"]!["id"]!;
        var (_, found) = await Client.GetAsync($"requests?eq(contract.id,{contractId})&limit=1000");
        Assert.That(found!.AsArray().Select(r => (string?)r!["id"]), Is.EquivalentTo(Sandbox.Store.Query("requests").Where(r => (string?)r["contract"]!["id"] == contractId).Select(r => (string?)r["id"])));

        var asset = Take("assets", "eq(status,active)");
        var (_, created) = await Client.PostAsync("requests", JsonNode.Parse($$$"""{"type":"change","asset":{"id":"{{{asset}}}"}}"""));
        Assert.That(created!["contract"]!.ToJsonString(), Is.EqualTo(Record("assets", asset)["contract"]!.ToJsonString()));
    }

    /// <summary>
    /// A request names the template it was last answered with, <c>{id, name, message}</c> (its product template's name and
    /// body), as the captured answered requests do: seeded approved ones their fulfillment template, inquiring ones their
    /// inquiry template, others none; APPROVE and INQUIRE with a template set it. Requests carry <c>external_attributes</c>
    /// (an object, empty), seeded and created alike.
    /// </summary>
    [Test]
    public async Task Requests_name_the_template_they_were_answered_with()
    {
        var templates = new Dictionary<string, JsonNode>();
        async Task<JsonNode> TemplateAsync(string id)
        {
            if (!templates.TryGetValue(id, out var found))
            {
                var product = id[3..^3];
                var (_, list) = await Client.GetAsync($"products/PRD-{product}/templates");
                found = templates[id] = list!.AsArray().Single(t => (string?)t!["id"] == id)!;
            }

            return found;
        }

        async Task AssertNamesAsync(JsonNode request, string? type)
        {
            var named = request["template"];
            if (type is null)
            {
                Assert.That(named, Is.Null, (string?)request["id"]);
                return;
            }

            var template = await TemplateAsync((string)named!["id"]!);
            Assert.That((string?)template["type"], Is.EqualTo(type), (string?)request["id"]);
            Assert.That((string?)named["name"], Is.EqualTo((string?)template["name"]));
            Assert.That((string?)named["message"], Is.EqualTo((string?)template["body"]).And.Not.Empty);
        }

        // As seeded (other tests of the fixture approve requests with a template of another product).
        for (var i = 0; i < Sandbox.Store["requests"].SeededCount; i++)
        {
            var request = Sandbox.Store.World.Request(i);
            await AssertNamesAsync(request, (string?)request["status"] switch { "approved" => "fulfillment", "inquiring" => "inquire", _ => null });
            if (request["template"] is { } named)
            {
                Assert.That((string?)named["id"], Does.StartWith("TL-" + ((string)request["asset"]!["product"]!["id"]!)[4..] + "-"), "a template of the request's product");
            }

            Assert.That(request["external_attributes"], Is.InstanceOf<JsonObject>(), (string?)request["id"]);
        }

        var pending = Sandbox.Store.Query("requests", "eq(status,pending)").Select(r => (string)r["id"]!).Take(2).ToList();
        var productOf = (string)Record("requests", pending[0])["asset"]!["product"]!["id"]!;
        var inquiry = "TL-" + productOf[4..] + "-02";
        var (inquired, inquiredAnswer) = await Client.PostAsync($"requests/{pending[0]}/inquire", JsonNode.Parse($$$"""{"template_id":"{{{inquiry}}}"}"""));
        Assert.That(inquired.IsSuccessStatusCode, Is.True, inquiredAnswer?.ToJsonString());
        await AssertNamesAsync(inquiredAnswer!, "inquire");
        var (approved, approvedAnswer) = await Client.PostAsync($"requests/{pending[1]}/approve", JsonNode.Parse($$$"""{"template_id":"{{{Template}}}"}"""));
        Assert.That(approved.IsSuccessStatusCode, Is.True, approvedAnswer?.ToJsonString());
        Assert.That((string?)approvedAnswer!["template"]!["id"], Is.EqualTo(Template));
        Assert.That((string?)approvedAnswer["template"]!["message"], Is.EqualTo((string?)(await TemplateAsync(Template))["body"]));

        var asset = Take("assets", "eq(status,active)");
        var (_, created) = await Client.PostAsync("requests", JsonNode.Parse($$$"""{"type":"change","asset":{"id":"{{{asset}}}"}}"""));
        Assert.That(created!["template"], Is.Null);
        Assert.That(created["external_attributes"], Is.InstanceOf<JsonObject>());
    }

    /// <summary>
    /// Products have phone, address and checkbox parameters, and their values arrive as the captured ones do: a phone's and
    /// an address's written as one line beside a <c>structured_value</c> (<c>{area_code, country_code, phone_number,
    /// extension}</c>, <c>{address_line1, address_line2, city, state, postal_code, country}</c>), a checkbox's empty beside
    /// its choice values ticked or not; on assets and on their requests alike.
    /// </summary>
    [Test]
    public async Task Phone_address_and_checkbox_parameters_carry_structured_values()
    {
        var asset = Sandbox.Store.Query("assets")[0];
        var (_, definitions) = await Client.GetAsync($"products/{asset["product"]!["id"]}/parameters");
        Assert.That(definitions!.AsArray().Select(d => (string?)d!["type"]), Is.SupersetOf(new[] { "phone", "address", "checkbox" }));
        var byType = asset["params"]!.AsArray().Where(p => (string?)p!["type"] is "phone" or "address" or "checkbox").ToDictionary(p => (string)p!["type"]!, p => p!);
        var ticked = byType["checkbox"]["structured_value"]!.AsObject();
        var offered = definitions.AsArray().Single(d => (string?)d!["type"] == "checkbox")!["constraints"]!["choices"]!.AsArray().Select(c => (string?)c!["value"]);
        Assert.That(ticked.Select(f => f.Key), Is.EquivalentTo(offered), "a value for every choice the product parameter offers");
        Assert.That(ticked.Select(f => f.Value!.GetValueKind()), Has.All.AnyOf(System.Text.Json.JsonValueKind.True, System.Text.Json.JsonValueKind.False));
        Assert.That((string?)byType["checkbox"]["value"], Is.Empty);
        Assert.That(byType["checkbox"]["constraints"]!["choices"]!.ToJsonString(), Is.EqualTo(definitions.AsArray().Single(d => (string?)d!["type"] == "checkbox")!["constraints"]!["choices"]!.ToJsonString()));
        var phone = byType["phone"]["structured_value"]!;
        Assert.That(phone.AsObject().Select(f => f.Key), Is.EquivalentTo(new[] { "area_code", "country_code", "phone_number", "extension" }));
        Assert.That((string?)byType["phone"]["value"], Is.EqualTo((string)phone["country_code"]! + (string)phone["area_code"]! + (string)phone["phone_number"]!));
        var address = byType["address"]["structured_value"]!;
        Assert.That(address.AsObject().Select(f => f.Key), Is.EquivalentTo(new[] { "address_line1", "address_line2", "city", "state", "postal_code", "country" }));
        Assert.That((string?)byType["address"]["value"], Does.StartWith((string)address["address_line1"]!).And.EndWith((string)address["country"]!));
        Assert.That(asset["params"]!.AsArray().Where(p => (string?)p!["type"] is not ("phone" or "address" or "checkbox")).Select(p => p!["structured_value"]), Is.All.Null);

        var request = Sandbox.Store.Query("requests")[0];
        var assetParams = Record("assets", (string)request["asset"]!["id"]!)["params"]!.AsArray().ToDictionary(p => (string)p!["id"]!);
        foreach (var param in request["asset"]!["params"]!.AsArray())
        {
            var of = assetParams[(string)param!["id"]!]!;
            Assert.That(param["structured_value"]!.ToJsonString(), Is.EqualTo(of["structured_value"]?.ToJsonString() ?? "{}"), (string?)param["id"]);
        }
    }

    /// <summary>
    /// Assets carry their billing schedule on <c>/assets</c>, as 3 of the 8 captured asset sources do (2 of them /assets
    /// listings): the same as the subscriptions API's copy of the asset, the anniversary the day the asset was created; the
    /// copy's statistics count the seeded billing requests of the asset.
    /// </summary>
    [Test]
    public async Task Assets_carry_their_billing_schedule()
    {
        var billedAny = false;
        foreach (var asset in Sandbox.Store.Query("assets").Take(12))
        {
            var billing = asset["billing"]!;
            Assert.That((string?)billing["period"]!["uom"], Is.AnyOf("monthly", "yearly"), (string?)asset["id"]);
            Assert.That(billing["period"]!["delta"]!.ToJsonString(), Is.EqualTo("1.0"), "a decimal, as real ones send it");
            var created = DateTimeOffset.Parse((string)asset["created"]!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.That((int)billing["anniversary"]!["day"]!, Is.EqualTo(created.Day));
            Assert.That(DateTimeOffset.Parse((string)billing["next_date"]!, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(created));
            var (_, subscription) = await Client.GetAsync("subscriptions/assets/" + (string)asset["id"]!);
            foreach (var path in new[] { "period", "next_date", "anniversary" })
            {
                Assert.That(subscription!["billing"]![path]!.ToJsonString(), Is.EqualTo(billing[path]!.ToJsonString()), path);
            }

            // Its billing statistics name the last billing request of each type that bills it, as the captured one does.
            foreach (var type in new[] { "vendor", "provider" })
            {
                var stats = subscription!["billing"]!["stats"]![type]!;
                var billed = Enumerable.Range(0, Sandbox.Store["subscription_requests"].SeededCount).Select(Sandbox.Store.World.SubscriptionRequest)
                    .Where(r => (string?)r["asset"]!["id"] == (string?)asset["id"] && (string?)r["type"] == type).Select(r => (string)r["id"]!).ToList();
                Assert.That((int)stats["count"]!, Is.EqualTo(billed.Count), $"{asset["id"]} {type}");
                Assert.That((string?)stats["last_request"]?["id"], Is.EqualTo(billed.Count == 0 ? null : billed.Max(StringComparer.Ordinal)));
                billedAny |= billed.Count > 0;
            }
        }

        Assert.That(billedAny, Is.True, "some of the assets are billed");
    }

    /// <summary>
    /// An asset's tier chain often ends at its first reseller: <c>tier2</c> is then an empty object, as in the assets of 17
    /// of the 24 captured request sources that name tiers; requests carry the asset's chain, and <c>tiers.tier2.id</c> filters both forms.
    /// </summary>
    [Test]
    public async Task Asset_tier_chains_come_with_and_without_a_second_tier()
    {
        var assets = Sandbox.Store.Query("assets");
        var second = assets.Select(a => a["tiers"]!["tier2"]!.AsObject()).ToList();
        Assert.That(second.Select(t => t.Count), Has.Some.EqualTo(0).And.Some.GreaterThan(0));
        Assert.That(second.Where(t => t.Count > 0).Select(t => (string?)t["id"]), Is.All.StartsWith("TA-"));
        foreach (var request in Sandbox.Store.Query("requests").Take(20))
        {
            Assert.That(request["asset"]!["tiers"]!.ToJsonString(), Is.EqualTo(Record("assets", (string)request["asset"]!["id"]!)["tiers"]!.ToJsonString()));
        }

        var (_, without) = await Client.GetAsync("assets?eq(tiers.tier2.id,null())&limit=1000");
        Assert.That(without!.AsArray().Select(a => (string?)a!["id"]), Is.EquivalentTo(assets.Where(a => a["tiers"]!["tier2"]!.AsObject().Count == 0).Select(a => (string?)a["id"])));
        var tier2 = (string)second.First(t => t.Count > 0)["id"]!;
        var (_, with) = await Client.GetAsync($"assets?eq(tiers.tier2.id,{tier2})&limit=1000");
        Assert.That(with!.AsArray().Select(a => (string?)a!["id"]), Is.EquivalentTo(assets.Where(a => (string?)a["tiers"]!["tier2"]!["id"] == tier2).Select(a => (string?)a["id"])).And.Not.Empty);
    }

    /// <summary>
    /// No record of any collection carries the placeholders the document's shapes are filled with where the seed set
    /// nothing (a user no user list knows, filler ids, "Description"-style texts, a product configuration value
    /// <c>param_a</c>): real records name real users and objects. Embedded products carry what every captured one does
    /// (id, icon, name, status; not the shape's category and description), and a published product item no
    /// <c>saleended</c> event.
    /// </summary>
    [Test]
    public void Records_carry_no_shape_placeholders()
    {
        string[] placeholders = ["UR-000-000-000", "PRDM-000-000-000-00001", "SRVC-0000-0000", "CAT-00000", "BRV-0000-0000-0000", "param_a", "Description", "Params"];
        var found = new List<string>();
        foreach (var collection in Sandbox.Store.Collections.Order(StringComparer.Ordinal))
        {
            foreach (var record in Sandbox.Store.Query(collection).Take(30))
            {
                Placeholders(record, collection + ":" + (string?)record["id"], placeholders, found);
            }
        }

        var childRecords = new List<JsonObject>();
        for (var k = 0; k < 3; k++)
        {
            childRecords.Add(Sandbox.Store.World.ProductItem(0, k));
            childRecords.Add(Sandbox.Store.World.ProductParameter(0, k));
            childRecords.Add(Sandbox.Store.World.ProductTemplate(0, k));
        }

        foreach (var child in childRecords)
        {
            Placeholders(child, "product child " + (string?)child["id"], placeholders, found);
        }

        Assert.That(found, Is.Empty);
        Assert.That(Enumerable.Range(0, 3).Select(k => Sandbox.Store.World.ProductItem(0, k)["events"]!.AsObject().ContainsKey("saleended")), Is.All.False);
        var embedded = Sandbox.Store.Query("assets").Take(5).Select(a => a["product"]!)
            .Concat(Sandbox.Store.Query("tier_configs").Take(5).Select(c => c["product"]!))
            .Concat(Sandbox.Store.Query("tier_account_requests").Take(5).Select(r => r["product"]!));
        Assert.That(embedded.Select(p => string.Join(",", p.AsObject().Select(f => f.Key).Order(StringComparer.Ordinal))), Is.All.EqualTo("icon,id,name,status"));
    }

    /// <summary>
    /// Adds to <paramref name="found"/> every string under <paramref name="node"/> that is one of <paramref name="placeholders"/>
    /// or what the shape filler writes where nothing else is set: a field's own name as a title ("End Of Sale Notes" in
    /// <c>end_of_sale_notes</c>), an id made of its holder's name ("PARAMETER-000"), a link or icon named after its holder
    /// (the filler's date is left out: a seeded date may fall on it).
    /// </summary>
    private static void Placeholders(JsonNode? node, string where, string[] placeholders, List<string> found, string key = "", string holder = "")
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (childKey, value) in obj)
                {
                    Placeholders(value, where, placeholders, found, childKey, key);
                }

                break;
            case JsonArray array:
                foreach (var value in array)
                {
                    Placeholders(value, where, placeholders, found, key, holder);
                }

                break;
            case JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String:
                var text = (string)value!;
                if (placeholders.Contains(text) || (key.Length > 3 && text == Title(key)) || (holder.Length > 0 && (text == holder.ToUpperInvariant() + "-000"
                    || text == "https://example.com/" + holder || text == "/media/" + holder + "/icon.png" || (key is "name" or "title" && text == Title(holder)))))
                {
                    found.Add(where + " " + value.GetPath() + " = " + text);
                }

                break;
        }
    }

    /// <summary>A snake_case field name as the shape filler titles it ("end_of_sale_notes" is "End Of Sale Notes").</summary>
    private static string Title(string key) =>
        string.Join(' ', key.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    /// <summary>
    /// Tier accounts, and the accounts of tier account requests, carry the marketplace of their hub, as three of the five
    /// captured tier accounts and all six captured requests' accounts do (no tier account schema of the document has it).
    /// </summary>
    [Test]
    public void Tier_accounts_carry_a_marketplace_of_their_hub()
    {
        var accounts = Sandbox.Store.Query("tier_accounts").Concat(Sandbox.Store.Query("tier_account_requests").Select(r => r["account"]!.AsObject())).ToList();
        Assert.That(accounts, Is.Not.Empty);
        foreach (var account in accounts)
        {
            var marketplace = (string)account["marketplace"]!["id"]!;
            var hubs = Sandbox.Store.Query("assets", $"eq(marketplace.id,{marketplace})").Select(a => (string?)a["connection"]!["hub"]!["id"]).Distinct().ToList();
            Assert.That(hubs, Is.Empty.Or.EqualTo(new[] { (string?)account["hub"]!["id"] }), $"{account["id"]}: the assets of {marketplace} are served by its hub");
        }
    }

    /// <summary>Usage records report on assets and items of their usage file's product.</summary>
    [Test]
    public void Usage_records_belong_to_their_files_product()
    {
        foreach (var record in Sandbox.Store.Query("usage_records"))
        {
            var file = Record("usage_files", (string)record["usagefile"]!["id"]!);
            var product = (string)file["product"]!["id"]!;
            Assert.That((string?)Record("assets", (string)record["asset"]!["id"]!)["product"]!["id"], Is.EqualTo(product), (string?)record["id"]);
            Assert.That((string?)record["product_id"], Is.EqualTo(product));
            Assert.That((string?)record["item"]!["id"], Does.StartWith(product + "-"));
        }
    }

    /// <summary>APPROVE and INQUIRE of a request, and APPROVE of a tier config request, refuse a template that does not exist, naming it; a known template works.</summary>
    [TestCase("requests", "approve", """{"template_id":"TL-0042-9999-9999-01"}""", "template_id", "TL-0042-9999-9999-01")]
    [TestCase("requests", "inquire", """{"template_id":"TL-1"}""", "template_id", "TL-1")]
    [TestCase("tier/config-requests", "approve", """{"template":{"id":"TL-000-000-000"}}""", "template.id", "TL-000-000-000")]
    public async Task Actions_refuse_an_unknown_template_naming_it(string path, string action, string body, string field, string template)
    {
        var collection = path == "requests" ? "requests" : "tier_config_requests";
        var id = Take(collection, "eq(status,pending)");
        var (refused, error) = await Client.PostAsync($"{path}/{id}/{action}", JsonNode.Parse(body));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), error?.ToJsonString());
        Assert.That((string?)error!["error_code"], Is.EqualTo("VAL_001"));
        Assert.That(error["errors"]!.AsArray().Select(e => (string?)e), Has.Some.StartsWith(field + ":").And.Some.Contains(template));
        Assert.That((string?)Record(collection, id)["status"], Is.EqualTo("pending"), "a refused action changes nothing");

        var known = Sandbox.Store.World.TemplateId(1, 0);
        var (accepted, answer) = await Client.PostAsync($"{path}/{id}/{action}", JsonNode.Parse(body.Replace(template, known, StringComparison.Ordinal)));
        Assert.That(accepted.IsSuccessStatusCode, Is.True, answer?.ToJsonString());
    }

    /// <summary>
    /// A tier config request records each step it took, as all 14 captured ones do: pended when submitted (every one),
    /// inquired, approved (the last step is the update); approving one records it.
    /// </summary>
    [Test]
    public async Task Tier_config_requests_record_their_steps()
    {
        foreach (var request in Sandbox.Store.Query("tier_config_requests"))
        {
            var events = request["events"]!.AsObject();
            var status = (string)request["status"]!;
            Assert.That(events.Select(e => e.Key), Does.Contain("pended"), (string?)request["id"]);
            Assert.That(events.ContainsKey("approved"), Is.EqualTo(status == "approved"), (string?)request["id"]);
            Assert.That(events.ContainsKey("inquired"), Is.EqualTo(status == "inquiring"), (string?)request["id"]);
            Assert.That(events.Where(e => e.Key != "updated").Select(e => (string)e.Value!["at"]!), Has.All.LessThanOrEqualTo((string)events["updated"]!["at"]!));
        }

        var id = Take("tier_config_requests", "eq(status,pending)");
        var (approved, _) = await Client.PostAsync($"tier/config-requests/{id}/approve", JsonNode.Parse($$$"""{"template":{"id":"{{{Sandbox.Store.World.TemplateId(1, 0)}}}"}}"""));
        Assert.That(approved.IsSuccessStatusCode, Is.True);
        Assert.That((string?)Record("tier_config_requests", id)["events"]!["approved"]!["at"], Is.Not.Null);
    }

    /// <summary>
    /// A conversation read by id carries its messages, as the captured one does (13 of them), the same the messages list
    /// gives, one posted included; the list of conversations carries none, as the captured list does not.
    /// </summary>
    [Test]
    public async Task A_conversation_read_by_id_carries_its_messages()
    {
        var id = Take("conversations");
        var (_, posted) = await Client.PostAsync($"conversations/{id}/messages", JsonNode.Parse("""{"text":"Any news?"}"""));

        var (read, conversation) = await Client.GetAsync("conversations/" + id);
        var (_, messages) = await Client.GetAsync($"conversations/{id}/messages");
        var (_, list) = await Client.GetAsync("conversations?limit=5");

        Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(conversation!["messages"]!.ToJsonString(), Is.EqualTo(messages!.ToJsonString()));
        Assert.That(conversation["messages"]!.AsArray().Select(m => (string?)m!["id"]).ToList(), Has.Member((string?)posted!["id"]).And.Count.GreaterThan(1));
        Assert.That(list!.AsArray().Select(c => c!["messages"]), Is.All.Null);
        var (missing, _) = await Client.GetAsync("conversations/CO-0000-0000-0000-9999");
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    /// <summary>
    /// An asset's items carry what all 45 captured asset items do (the document's asset item has only its id, quantity
    /// and parameters): the product item's global id, mpn, display name, type and period, seeded and purchased alike.
    /// </summary>
    [Test]
    public async Task Asset_items_carry_the_product_item_s_fields()
    {
        string[] fields = ["id", "global_id", "mpn", "quantity", "type", "display_name", "period", "item_type"];
        foreach (var asset in Sandbox.Store.Query("assets").Take(20))
        {
            Assert.That(asset["items"]!.AsArray().Select(i => fields.All(f => i![f] is not null)), Is.All.True, (string?)asset["id"]);

            // Quantities as text, the previous one beside it, as in 17 of the 24 captured asset items.
            Assert.That(asset["items"]!.AsArray().Select(i => i!["quantity"]!.GetValueKind()), Is.All.EqualTo(System.Text.Json.JsonValueKind.String));
            Assert.That(asset["items"]!.AsArray().Select(i => (string?)i!["old_quantity"]), Is.All.EqualTo("0"));
        }

        var product = (string)Sandbox.Store.Query("products")[0]["id"]!;
        var item = Sandbox.Store.World.ItemId(0, 1);
        var customer = Take("tier_accounts");
        var body = new JsonObject
        {
            ["type"] = "purchase",
            ["asset"] = new JsonObject
            {
                ["product"] = new JsonObject { ["id"] = product },
                ["items"] = new JsonArray(new JsonObject { ["id"] = item, ["quantity"] = "3" }, new JsonObject { ["id"] = Sandbox.Store.World.ItemId(0, 0), ["quantity"] = "unlimited" }),
                ["tiers"] = new JsonObject { ["customer"] = new JsonObject { ["id"] = customer } },
            },
        };
        var (created, request) = await Client.PostAsync("requests", body);
        Assert.That(created.IsSuccessStatusCode, Is.True, request?.ToJsonString());
        var bought = Record("assets", (string)request!["asset"]!["id"]!)["items"]![0]!;
        Assert.That((string?)bought["mpn"], Is.EqualTo(Connector.Sandbox.Data.SeedWorld.ItemMpn(0, 1)));
        Assert.That((string?)bought["quantity"], Is.EqualTo("3"), "a quantity sent as text is read as the number it holds");
        var (_, snapshot) = await Client.GetAsync("requests/" + (string)request["id"]!);
        Assert.That(double.Parse((string)snapshot!["asset"]!["items"]![0]!["quantity"]!, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(3));
        Assert.That((string?)Record("assets", (string)request["asset"]!["id"]!)["items"]![1]!["quantity"], Is.EqualTo("unlimited"), "text that is not a number is kept as sent");
        Assert.That((string?)snapshot["asset"]!["items"]![1]!["quantity"], Is.EqualTo("unlimited"));
    }

    /// <summary>Seeded requests carry <c>assignee</c> in both real forms: the user's id as a string and the user object <c>{id, name, email}</c>.</summary>
    [Test]
    public void Request_assignees_come_in_both_real_forms()
    {
        var assignees = Sandbox.Store.Query("requests").Select(r => r["assignee"]).ToList();
        Assert.That(assignees.OfType<JsonValue>().Select(v => (string)v!), Has.Some.StartsWith("UR-").And.Some.Empty);
        var objects = assignees.OfType<JsonObject>().ToList();
        Assert.That(objects, Is.Not.Empty);
        Assert.That(objects.Select(o => o.Select(p => p.Key).Order()), Is.All.EqualTo(new[] { "email", "id", "name" }));
        Assert.That(objects.Select(o => (string?)o["id"]), Is.All.StartsWith("UR-"));
    }

    /// <summary>A tier config request's <c>params</c> is an array of parameter objects (those of its configuration), and PUT updates them.</summary>
    [Test]
    public async Task Tier_config_request_params_are_arrays_of_parameter_objects()
    {
        foreach (var request in Sandbox.Store.Query("tier_config_requests"))
        {
            var parameters = request["params"] as JsonArray;
            Assert.That(parameters, Is.Not.Null.And.Not.Empty, (string?)request["id"]);
            Assert.That(parameters!.Select(p => p as JsonObject), Is.All.Not.Null);
            Assert.That(parameters.Select(p => (string?)p!["id"]), Is.EqualTo(request["configuration"]!["params"]!.AsArray().Select(p => (string?)p!["id"])));
            Assert.That(parameters.Select(p => (string?)p!["scope"]), Is.All.StartsWith("tier"));
        }

        var id = Take("tier_config_requests", "eq(status,pending)");
        var parameter = (string)Record("tier_config_requests", id)["params"]![0]!["id"]!;
        var (updated, answer) = await Client.JsonAsync(HttpMethod.Put, "tier/config-requests/" + id, JsonNode.Parse($$"""{"params":[{"id":"{{parameter}}","value":"changed"}]}"""));
        Assert.That(updated.StatusCode, Is.EqualTo(HttpStatusCode.OK), answer?.ToJsonString());
        Assert.That((string?)answer!["params"]![0]!["value"], Is.EqualTo("changed"));
    }

    /// <summary>
    /// A processing tier configuration names its open request (<c>open_request: {id}</c>, as the 4 captured processing ones
    /// do): a pending request of that configuration, whose own copy of the configuration says the same; an active one has none.
    /// </summary>
    [Test]
    public void Processing_tier_configs_name_their_open_request()
    {
        var configs = Sandbox.Store.Query("tier_configs");
        Assert.That(configs.Select(c => (string?)c["status"]), Has.Member("processing").And.Member("active"));
        foreach (var config in configs)
        {
            var id = (string)config["id"]!;
            if ((string?)config["status"] != "processing")
            {
                Assert.That(config["open_request"], Is.Null, id);
                continue;
            }

            var open = Record("tier_config_requests", (string)config["open_request"]!["id"]!);
            Assert.That((string?)open["status"], Is.EqualTo("pending"), id);
            Assert.That((string?)open["configuration"]!["id"], Is.EqualTo(id));
            Assert.That(open["configuration"]!["open_request"]!.ToJsonString(), Is.EqualTo(config["open_request"]!.ToJsonString()));
        }
    }

    /// <summary>
    /// A tier configuration's and a tier config request's <c>template</c> carries its <c>representation</c> (the template's
    /// body as rendered), as the captured ones do.
    /// </summary>
    [Test]
    public async Task Tier_config_templates_carry_their_representation()
    {
        var config = Sandbox.Store.Query("tier_configs")[0];
        var request = Sandbox.Store.Query("tier_config_requests")[0];
        var (_, templates) = await Client.GetAsync($"products/{config["product"]!["id"]}/templates");
        var template = templates!.AsArray().Single(t => (string?)t!["id"] == (string?)config["template"]!["id"])!;
        Assert.That((string?)config["template"]!["representation"], Is.EqualTo((string?)template["body"]).And.Not.Empty);
        Assert.That((string?)config["template"]!["name"], Is.EqualTo((string?)template["name"]));
        foreach (var named in new[] { request["template"], request["configuration"]!["template"] })
        {
            Assert.That((string?)named!["representation"], Does.StartWith("# fulfillment"), (string?)request["id"]);
        }
    }

    /// <summary>
    /// A tier configuration follows its requests: creating one makes it processing and names it its open request; approving
    /// it makes the configuration active again with the approved parameter values, failing one makes it active unchanged.
    /// </summary>
    [Test]
    public async Task A_tier_configuration_is_processing_while_a_request_of_it_is_open()
    {
        var configs = Sandbox.Store.Query("tier_configs").Where(c => (string?)c["status"] == "active").Take(2).ToList();
        Assert.That(configs, Has.Count.EqualTo(2));
        foreach (var (config, approve) in new[] { (configs[0], true), (configs[1], false) })
        {
            var configId = (string)config["id"]!;
            var parameter = (string)config["params"]![0]!["id"]!;
            var before = (string?)config["params"]![0]!["value"];
            var (created, request) = await Client.PostAsync("tier/config-requests", JsonNode.Parse($$$"""{"type":"update","configuration":{"id":"{{{configId}}}"},"params":[{"id":"{{{parameter}}}","value":"set-by-request"}]}"""));
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), request?.ToJsonString());
            var requestId = (string)request!["id"]!;
            Assert.That((string?)Record("tier_configs", configId)["status"], Is.EqualTo("processing"));
            Assert.That((string?)Record("tier_configs", configId)["open_request"]!["id"], Is.EqualTo(requestId));

            var (closed, answer) = approve
                ? await Client.PostAsync($"tier/config-requests/{requestId}/approve", JsonNode.Parse($$$"""{"template":{"id":"{{{config["template"]!["id"]}}}"}}"""))
                : await Client.PostAsync($"tier/config-requests/{requestId}/fail", JsonNode.Parse("""{"reason":"no"}"""));
            Assert.That(closed.IsSuccessStatusCode, Is.True, answer?.ToJsonString());
            var after = Record("tier_configs", configId);
            Assert.That((string?)after["status"], Is.EqualTo("active"));
            Assert.That(after["open_request"], Is.Null);
            Assert.That((string?)after["params"]![0]!["value"], Is.EqualTo(approve ? "set-by-request" : before));
        }
    }

    /// <summary>
    /// Fields the captured payloads carry beyond the document: an asset's connection names its hub's instance and account
    /// (11 of 19 captured assets), the same for every connection through that hub; a request's asset names its contract's
    /// type (20 of 29); a case's events say who created and last changed it.
    /// </summary>
    [Test]
    public void Hubs_contracts_and_case_events_carry_what_captured_payloads_do()
    {
        var hubs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var asset in Sandbox.Store.Query("assets"))
        {
            var hub = asset["connection"]!["hub"]!;
            Assert.That(Guid.TryParse((string?)hub["instance_id"], out _), Is.True, (string?)asset["id"]);
            Assert.That((string?)hub["account_id"], Does.StartWith("PA-"));
            Assert.That(hubs.TryAdd((string)hub["id"]!, (string)hub["instance_id"]!) || hubs[(string)hub["id"]!] == (string?)hub["instance_id"], Is.True, "one instance per hub");
        }

        Assert.That(Sandbox.Store.Query("requests").Select(r => (string?)r["asset"]!["contract"]!["type"]), Is.All.EqualTo("distribution"));
        foreach (var helpdeskCase in Sandbox.Store.Query("cases"))
        {
            Assert.That((string?)helpdeskCase["events"]!["created"]!["by"]!["id"], Does.StartWith("UR-"), (string?)helpdeskCase["id"]);
            Assert.That((string?)helpdeskCase["events"]!["updated"]!["by"]!["id"], Does.StartWith("UR-"), (string?)helpdeskCase["id"]);
        }
    }

    /// <summary>
    /// A tier config's <c>tiers</c> is an object of tier account objects keyed by level, as all 9 captured configurations
    /// and config requests that have one carry it: its account at its own level (never a <c>customer</c>), and above a
    /// first-level one the account's parent reseller as <c>tier2</c>, an empty object when the account has none. Its
    /// requests, seeded and created, name the same chain, and the chain's ids filter both.
    /// </summary>
    [Test]
    public async Task Tier_config_tiers_name_the_account_s_chain_by_level()
    {
        var configs = Sandbox.Store.Query("tier_configs").ToDictionary(c => (string)c["id"]!);
        foreach (var config in configs.Values)
        {
            var tiers = config["tiers"]!.AsObject();
            var account = Record("tier_accounts", (string)config["account"]!["id"]!);
            var level = (int)config["tier_level"]!;
            Assert.That((string?)tiers["tier" + level]!["id"], Is.EqualTo((string?)account["id"]), (string?)config["id"]);
            Assert.That(tiers.Select(t => t.Key), Is.EqualTo(level == 1 ? new[] { "tier1", "tier2" } : new[] { "tier2" }));
            Assert.That(tiers.Select(t => t.Value!["contact_info"]), Is.All.InstanceOf<JsonObject>().Or.Null);
            if (level == 1)
            {
                Assert.That((string?)tiers["tier2"]!["id"], Is.EqualTo((string?)account["parent"]?["id"]), "the account's parent reseller, or nothing");
            }
        }

        var levelOne = configs.Values.Where(c => (int)c["tier_level"]! == 1).ToList();
        Assert.That(levelOne.Select(c => c["tiers"]!["tier2"]!.AsObject().Count), Has.Some.EqualTo(0).And.Some.GreaterThan(0));
        foreach (var request in Sandbox.Store.Query("tier_config_requests"))
        {
            var config = configs[(string)request["configuration"]!["id"]!];
            Assert.That(request["tiers"]!.ToJsonString(), Is.EqualTo(config["tiers"]!.ToJsonString()), (string?)request["id"]);
        }

        var withParent = levelOne.First(c => c["tiers"]!["tier2"]!["id"] is not null);
        var parent = (string)withParent["tiers"]!["tier2"]!["id"]!;
        var (_, found) = await Client.GetAsync($"tier/configs?eq(tiers.tier2.id,{parent})&limit=1000");
        Assert.That(found!.AsArray().Select(c => (string?)c!["id"]), Is.EquivalentTo(configs.Values.Where(c => (string?)c["tiers"]!["tier2"]?["id"] == parent).Select(c => (string?)c["id"])).And.Not.Empty);

        var active = Take("tier_configs", "eq(status,active)");
        var (created, answer) = await Client.PostAsync("tier/config-requests", JsonNode.Parse($$$"""{"configuration":{"id":"{{{active}}}"},"type":"update"}"""));
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), answer?.ToJsonString());
        Assert.That(answer!["tiers"]!.ToJsonString(), Is.EqualTo(configs[active]["tiers"]!.ToJsonString()));
        Assert.That((string?)answer["template"]!["id"], Is.EqualTo((string?)configs[active]["template"]!["id"]), "the configuration's product's template");
    }

    /// <summary>
    /// Helpdesk cases carry <c>state</c> as a string and, as one real source sends it, as <c>{current, next, all}</c>;
    /// filters read both by the current state, and an action keeps the form while moving it.
    /// </summary>
    [Test]
    public async Task Case_state_comes_in_both_forms_and_filters_and_moves_by_its_current_value()
    {
        var cases = Sandbox.Store.Query("cases");
        Assert.That(cases.Select(c => c["state"]).OfType<JsonValue>(), Is.Not.Empty);
        var expanded = cases.Where(c => c["state"] is JsonObject).ToList();
        Assert.That(expanded, Is.Not.Empty);
        foreach (var state in expanded.Select(c => c["state"]!))
        {
            Assert.That(state["all"]!.AsArray().Select(s => (string?)s), Is.EqualTo(new[] { "pending", "inquiring", "resolved", "closed" }));
            Assert.That(state["all"]!.AsArray().Select(s => (string?)s), Does.Contain((string?)state["current"]));
        }

        var (_, pending) = await Client.GetAsync("helpdesk/cases?eq(state,pending)&limit=100");
        var expected = cases.Where(c => (c["state"] is JsonObject o ? (string?)o["current"] : (string?)c["state"]) == "pending").Select(c => (string?)c["id"]);
        Assert.That(pending!.AsArray().Select(c => (string?)c!["id"]), Is.EquivalentTo(expected));

        var id = expanded.Select(c => (string)c["id"]!).First(i => (string?)Record("cases", i)["state"]!["current"] == "pending");
        var (moved, answer) = await Client.PostAsync($"helpdesk/cases/{id}/resolve");
        Assert.That(moved.StatusCode, Is.EqualTo(HttpStatusCode.OK), answer?.ToJsonString());
        Assert.That((string?)answer!["state"]!["current"], Is.EqualTo("resolved"));
        Assert.That(answer["state"]!["next"]!.AsArray().Select(s => (string?)s), Is.EqualTo(new[] { "pending", "closed" }));
        var (refused, _) = await Client.PostAsync($"helpdesk/cases/{id}/inquire");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "a resolved case cannot be inquired, whatever the form of its state");
    }

    /// <summary>A choice parameter of a product lists its <c>constraints.choices[]</c> as objects <c>{value, label, default?}</c>, and assets hold one of them.</summary>
    [Test]
    public async Task Product_parameter_choices_are_objects()
    {
        var product = (string)Sandbox.Store.Query("products")[0]["id"]!;
        var (_, parameters) = await Client.GetAsync($"products/{product}/parameters");
        var choice = parameters!.AsArray().Single(p => (string?)p!["type"] == "choice")!;
        var choices = choice["constraints"]!["choices"]!.AsArray();
        Assert.That(choices, Has.Count.GreaterThan(1));
        Assert.That(choices.Select(c => c as JsonObject), Is.All.Not.Null);
        Assert.That(choices.Select(c => (string?)c!["value"]), Is.All.Not.Empty);
        Assert.That(choices.Select(c => (string?)c!["label"]), Is.All.Not.Empty);
        Assert.That(choices.Count(c => c!["default"] is JsonValue d && d.GetValue<bool>()), Is.EqualTo(1));
        var values = choices.Select(c => (string?)c!["value"]).ToList();
        var (_, asset) = await Client.GetAsync($"assets?eq(product.id,{product})&limit=1");
        var held = asset!.AsArray()[0]!["params"]!.AsArray().Single(p => (string?)p!["id"] == (string?)choice["id"])!;
        Assert.That(values, Does.Contain((string?)held["value"]));
    }

    /// <summary>Assets carry <c>params</c> as one flat array of parameter objects and their items carry their item-scope <c>params[]</c>; a request's asset snapshot keeps them.</summary>
    [Test]
    public async Task Asset_items_carry_their_parameters()
    {
        var (_, assets) = await Client.GetAsync("assets?limit=20");
        Assert.That(assets!.AsArray().SelectMany(a => a!["params"]!.AsArray()), Is.All.InstanceOf<JsonObject>());
        foreach (var item in assets!.AsArray().SelectMany(a => a!["items"]!.AsArray()))
        {
            var parameters = item!["params"]!.AsArray();
            Assert.That(parameters, Is.Not.Empty);
            Assert.That(parameters.Select(p => (string?)p!["scope"]), Is.All.EqualTo("item"));
            Assert.That(parameters.Select(p => (string?)p!["value"]), Is.All.Not.Empty);
        }

        var (_, requests) = await Client.GetAsync("requests?limit=5");
        Assert.That(requests!.AsArray().SelectMany(r => r!["asset"]!["items"]!.AsArray()).Select(i => i!["params"]), Is.All.InstanceOf<JsonArray>());
    }
}
