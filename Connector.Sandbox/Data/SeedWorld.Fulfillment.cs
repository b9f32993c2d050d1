using System.Globalization;
using System.Text.Json.Nodes;

namespace Connector.Sandbox.Data;

/// <summary>Assets, fulfillment requests and the subscriptions API.</summary>
internal sealed partial class SeedWorld
{
    private static readonly string[] AssetStatuses = ["active", "active", "active", "active", "processing", "suspended", "terminated", "draft", "terminating"];
    private static readonly string[] RequestStatuses = ["pending", "pending", "approved", "inquiring", "failed", "draft", "approved", "pending"];
    private static readonly string[] RequestTypes = ["purchase", "purchase", "purchase", "change", "suspend", "resume", "cancel"];

    /// <summary>Copies <paramref name="source"/> into the existing fields of the object at <paramref name="path"/>.</summary>
    public static void Over(JsonObject record, string path, JsonObject source)
    {
        if (JsonPath.Find(record, path) is JsonObject target)
        {
            Json.CopyExisting(target, source);
        }
    }

    /// <summary>Names product <paramref name="p"/> in the record's <c>product</c>, when its shape has one (<see cref="ProductRefLike"/>).</summary>
    public void PutProductRef(JsonObject record, int p)
    {
        if (record["product"] is JsonObject shaped)
        {
            record["product"] = ProductRefLike(shaped, p);
        }
    }

    /// <summary>
    /// Product <paramref name="p"/> as every captured embedded product names it: id, icon, name and status, in the order
    /// of <paramref name="shaped"/> (the shape's product reference); what only the document's reference has (a category,
    /// a description) is left out rather than filled with a placeholder.
    /// </summary>
    private JsonObject ProductRefLike(JsonObject shaped, int p)
    {
        var source = ProductRef(p);
        var product = new JsonObject();
        foreach (var (key, _) in shaped)
        {
            if (source[key] is { } value)
            {
                product[key] = value.DeepClone();
            }
        }

        return product;
    }

    /// <summary>
    /// Makes seeded user <paramref name="user"/> the actor of each event of the record's <c>events</c> that names one
    /// (<c>by</c>), where the shape's template has a placeholder user no user list knows.
    /// </summary>
    public void PutEventActors(JsonObject record, int user)
    {
        if (record["events"] is not JsonObject events)
        {
            return;
        }

        foreach (var (_, e) in events)
        {
            if (e is JsonObject happened && happened.ContainsKey("by"))
            {
                happened["by"] = UserRef(user % 5);
            }
        }
    }

    public int AssetProduct(int a) => a % Products;

    public string AssetStatus(int a) => Pick(21, a, AssetStatuses);

    public JsonObject TierRef(int account, bool withId)
    {
        var tier = Json.Obj(
            ("external_id", TierAccountExternalId(account)),
            ("external_uid", Uuid(31, account)),
            ("name", CompanyName(30, account)),
            ("tax_id", "TX" + (100000000 + account).ToString(CultureInfo.InvariantCulture)),
            ("contact_info", ContactInfo(32, account)));
        if (withId)
        {
            tier["id"] = TierAccountIds.Format(account);
        }

        return tier;
    }

    public string Uuid(int salt, int index)
    {
        var a = Hash(salt, index);
        var b = Hash(salt + 1000, index);
        return string.Create(CultureInfo.InvariantCulture, $"{(uint)(a >> 32):x8}-{(ushort)(a >> 16):x4}-4{(ushort)a & 0xfff:x3}-{0x8000 | ((ushort)(b >> 48) & 0x3fff):x4}-{b & 0xffffffffffffUL:x12}");
    }

    /// <summary>
    /// The tier chain of asset <paramref name="a"/>. A chain often ends at its first reseller: its <c>tier2</c> is then an
    /// empty object, as in the assets of 17 of the 24 captured request sources that name tiers (<see cref="HasSecondTier"/>).
    /// </summary>
    private JsonObject Tiers(int a, bool withId) => Json.Obj(
        ("customer", TierRef(a % TierAccounts, withId)),
        ("tier1", TierRef((a + 1) % TierAccounts, withId)),
        ("tier2", HasSecondTier(a % TierAccounts) ? TierRef((a + 2) % TierAccounts, withId) : new JsonObject()));

    /// <summary>Whether the tier chain of the assets whose customer is tier account <paramref name="customer"/> has a second reseller tier (two in three do).</summary>
    private static bool HasSecondTier(int customer) => customer % 3 != 2;

    public JsonObject AssetParam(int p, int k, int a, JsonObject template, string scope = "asset")
    {
        var param = template.DeepClone().AsObject();
        Json.CopyExisting(param, Json.Obj(
            ("id", ParameterId(p, k)),
            ("name", ParameterName(k)),
            ("title", ParameterName(k).Replace('_', ' ')),
            ("description", "Parameter " + ParameterName(k)),
            ("type", ParameterType(k)),
            ("value", ParamValue(k, a)),
            ("value_error", string.Empty),
            ("phase", k < 2 ? "ordering" : "fulfillment"),
            ("scope", scope)));

        // Every real asset parameter carries its name (the document's asset parameter has none), and its constraints carry
        // the product parameter's prompts (its hint and placeholder), as 11 and 10 of the captured assets and requests show.
        param["name"] = ParameterName(k);
        if (param["constraints"] is JsonObject constraints)
        {
            (constraints["hint"], constraints["placeholder"]) = ParameterPrompts(k);

            PutParameterChoices(constraints, k);

            // An asset's (and so a request's) parameter constraints also carry a `meta` object, as those of the requests in
            // 10 captured sources and of the assets in 2 do (empty unless the vendor set one); a tier configuration's do not.
            if (scope == "asset")
            {
                constraints["meta"] = new JsonObject();
            }
        }

        return param;
    }

    /// <summary>
    /// The value of parameter <paramref name="k"/> of asset <paramref name="a"/>; a phone's and an address's is their
    /// <see cref="StructuredValue"/> written as one line, as real ones carry it beside the structured value, and a
    /// checkbox's is empty (the ticked choices are its structured value), as the captured checkbox parameters.
    /// </summary>
    private string ParamValue(int k, int a) => k switch
    {
        0 => "tenant" + a.ToString(CultureInfo.InvariantCulture),
        1 => "admin" + a.ToString(CultureInfo.InvariantCulture) + "@example.com",
        2 => Editions[a % Editions.Length],
        3 => "CODE-" + (Hash(41, a) % 1000000).ToString("D6", CultureInfo.InvariantCulture),
        4 => "+1555" + AdminPhone(a),
        5 => string.Join(' ', AssetAddress(a).Select(part => part.Value).Where(v => v.Length > 0)),
        _ => string.Empty,
    };

    /// <summary>
    /// The structured value of parameter <paramref name="k"/> of asset <paramref name="a"/> (null for a parameter that has
    /// none): a phone's <c>{area_code, country_code, phone_number, extension}</c>, an address's
    /// <c>{address_line1, address_line2, city, state, postal_code, country}</c> and a checkbox's choice values, each
    /// true when ticked (the backup always), as the captured phone, address and checkbox parameters carry them.
    /// </summary>
    public JsonObject? StructuredValue(int k, int a) => (k % ParametersPerProduct) switch
    {
        4 => Json.Obj(("area_code", "555"), ("country_code", "+1"), ("phone_number", AdminPhone(a)), ("extension", string.Empty)),
        5 => Json.Obj([.. AssetAddress(a).Select(part => (part.Key, (JsonNode?)part.Value))]),
        6 => Json.Obj([.. Modules.Select((module, n) => (module, (JsonNode?)(n == 0 || (a + n) % 3 == 0)))]),
        _ => null,
    };

    private static string AdminPhone(int a) => (2000000 + (a % 1000000)).ToString(CultureInfo.InvariantCulture);

    private static KeyValuePair<string, string>[] AssetAddress(int a) =>
    [
        new("address_line1", (1 + (a % 900)).ToString(CultureInfo.InvariantCulture) + " Market Street"),
        new("address_line2", string.Empty),
        new("city", "Springfield"),
        new("state", "IL"),
        new("postal_code", "62701"),
        new("country", "US"),
    ];

    /// <summary>The item-scope parameters of item <paramref name="k"/> of product <paramref name="p"/>, as real assets carry them in <c>items[].params[]</c>.</summary>
    public JsonArray ItemParams(int p, int k)
    {
        var id = "PRM-" + ProductIds.Format(p)[4..] + "-I" + (k + 1).ToString("D1", CultureInfo.InvariantCulture);
        return new JsonArray(Json.Obj(
            ("id", id),
            ("title", "License pool"),
            ("description", "The license pool the item draws from."),
            ("type", "text"),
            ("scope", "item"),
            ("phase", "configuration"),
            ("value", "pool-" + ItemMpn(p, k).ToLowerInvariant()),
            ("constraints", Json.Obj(("hidden", false), ("required", false), ("unique", false)))));
    }

    /// <summary>
    /// The connection of an asset of product <paramref name="p"/> in marketplace <paramref name="m"/>, in the asset shape,
    /// its hub named with its instance and account as the captured assets' connections name it (the shape's hub has neither).
    /// </summary>
    private JsonObject AssetConnection(int p, int m)
    {
        var connection = NewSubRecord("assets", "connection");
        Json.CopyExisting(connection, ConnectionRef(p, m));
        if (connection.ContainsKey("hub"))
        {
            connection["hub"] = ConnectionHub(m % Hubs);
        }

        return connection;
    }

    public JsonObject Asset(int a)
    {
        var r = NewRecord("assets");
        var p = AssetProduct(a);
        var m = a % Marketplaces;
        var created = CreatedAt(a, Assets);
        r["id"] = AssetIds.Format(a);
        r["status"] = AssetStatus(a);
        r["external_id"] = (100000 + a).ToString(CultureInfo.InvariantCulture);
        r["external_uid"] = Uuid(20, a);
        var pk = p.ToString(CultureInfo.InvariantCulture);
        var mk = m.ToString(CultureInfo.InvariantCulture);
        r["product"] = Fragment("assets|product|" + pk, () => ProductRefLike(NewSubRecord("assets", "product"), p));
        r["connection"] = Fragment("assets|connection|" + pk + "/" + mk, () => AssetConnection(p, m));
        var updated = Iso(created.AddHours(Pick(22, a, 72)));
        Over(r, "events", Json.Obj(("created", Json.Obj(("at", Iso(created)))), ("updated", Json.Obj(("at", updated)))));

        // Real assets carry created/updated at the top level too: the documented filter and ordering fields.
        r["created"] = Iso(created);
        r["updated"] = updated;
        var items = new JsonArray();
        for (var k = 0; k < 2; k++)
        {
            var item = AssetItem(p, k, 1 + Pick(23 + k, a, 50));
            var ik = k;
            item["params"] = Fragment("assets|item-params|" + pk + "/" + k.ToString(CultureInfo.InvariantCulture), () => ItemParams(p, ik));
            items.Add(item);
        }

        r["items"] = items;
        if (r["params"] is JsonArray { Count: > 0 } outer && outer[0] is JsonArray { Count: > 0 } inner && inner[0] is JsonObject paramTemplate)
        {
            var values = new JsonArray();
            for (var k = 0; k < ParametersPerProduct; k++)
            {
                var param = Fragment("assets|param|" + pk + "/" + k.ToString(CultureInfo.InvariantCulture), () => AssetParam(p, k, 0, paramTemplate)).AsObject();
                param["value"] = ParamValue(k, a);
                if (StructuredValue(k, a) is { } structured)
                {
                    param["structured_value"] = structured;
                }

                values.Add(param);
            }

            // Real assets carry their parameters as one flat array (the OpenAPI document nests it one array deeper).
            r["params"] = values;
        }

        r["tiers"] = Fragment("assets|tiers|" + (a % TierAccounts).ToString(CultureInfo.InvariantCulture), () => Tiers(a, withId: true));
        r["template"] = Shaped("assets", "template", pk, () => Json.Ref(TemplateId(p, 0), TemplateName(p, 0)));
        r["pending_request"] = null;
        r["marketplace"] = Shaped("assets", "marketplace", mk, () => MarketplaceRef(m));
        r["contract"] = Shaped("assets", "contract", mk, () => ContractRef(m));
        r["renewal_expiration_date"] = null;

        // No product configuration values, as in 28 of the 33 captured assets and requests that carry a configuration.
        if (r["configuration"] is JsonObject configuration)
        {
            configuration["params"] = new JsonArray();
        }

        // The billing schedule, as 3 of the 8 captured asset sources carry it, 2 of them /assets listings (the document gives
        // it only to the subscriptions API's asset, which is the same asset there).
        r["billing"] = Billing(a);
        return r;
    }

    /// <summary>The billing schedule of asset <paramref name="a"/>: its period (its delta a decimal, 1.0, as real ones send it), next billing date and anniversary (the day and month it was created).</summary>
    private JsonObject Billing(int a)
    {
        var anniversary = CreatedAt(a, Assets);
        return Json.Obj(
            ("period", Json.Obj(("delta", 1.0m), ("uom", a % 4 == 0 ? "yearly" : "monthly"))),
            ("next_date", Iso(anniversary.AddMonths(1))),
            ("anniversary", Json.Obj(("day", anniversary.Day), ("month", anniversary.Month))));
    }

    public string RequestStatus(int i) => Pick(51, i, RequestStatuses);

    public int RequestAsset(int i) => (int)(((long)i * 7919) % Assets);

    /// <summary>When seeded request <paramref name="i"/> last changed (and took effect): minutes to hours after its creation.</summary>
    public DateTime RequestUpdatedAt(int i) => CreatedAt(i, Requests).AddMinutes(Pick(53, i, 600));

    /// <summary>The asset snapshot a request (or subscription request) embeds.</summary>
    public JsonObject AssetSnapshot(string shapeName, string path, int a, string? status = null) =>
        AssetSnapshot(shapeName, path, Asset(a), status);

    /// <summary>The snapshot of <paramref name="source"/> in the asset shape of <paramref name="shapeName"/>.</summary>
    public JsonObject AssetSnapshot(string shapeName, string path, JsonObject source, string? status = null)
    {
        var snapshot = NewSubRecord(shapeName, path);
        var asset = source.DeepClone().AsObject();
        var items = asset["items"] as JsonArray ?? [];
        var parameters = asset["params"] as JsonArray ?? [];
        var p = ProductIds.Parse((string?)asset["product"]?["id"]) ?? AssetProduct(AssetIds.Parse((string?)asset["id"]) ?? 0);
        asset.Remove("items");
        asset.Remove("params");
        Json.CopyExisting(snapshot, asset);
        if (asset["tiers"] is JsonObject tiers)
        {
            snapshot["tiers"] = tiers.DeepClone();
        }

        // The asset's whole connection, its status and creation time included, as real requests carry it (the
        // document's request asset connection has neither).
        if (asset["connection"] is JsonObject connection && snapshot.ContainsKey("connection"))
        {
            snapshot["connection"] = connection.DeepClone();
        }

        if (status is not null)
        {
            snapshot["status"] = status;
        }

        // A request's asset names its contract's type (20 of the 29 captured request assets with a contract do; an asset's own
        // contract, like the document's, has none in 17 of 19).
        if (snapshot["contract"] is JsonObject contract)
        {
            contract["type"] = "distribution";
        }

        if (FirstObject(snapshot["items"]) is { } itemTemplate)
        {
            snapshot["items"] = new JsonArray([.. items.Select((source, k) => (JsonNode)SnapshotItem(itemTemplate, p, k, source))]);
        }

        if (FirstObject(snapshot["params"]) is { } paramTemplate)
        {
            snapshot["params"] = ShapedParams(paramTemplate, parameters);
        }

        return snapshot;
    }

    /// <summary>
    /// An item quantity as a number: a JSON number, or text holding one (as assets carry it, and as a caller may send
    /// it); 1 when absent or not a number (where a quantity is kept as text, such as <c>unlimited</c>, it is kept as given).
    /// </summary>
    public static double QuantityOf(JsonNode? quantity) => quantity switch
    {
        JsonValue number when number.GetValueKind() == System.Text.Json.JsonValueKind.Number => Rql.RqlEvaluator.NumberOf(number),
        JsonValue text when text.TryGetValue<string>(out var digits)
            && double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => 1,
    };

    /// <summary>Item <paramref name="k"/> of an asset snapshot: the asset's item (id, quantity as the shape types it, item params) in the snapshot's item shape.</summary>
    private JsonObject SnapshotItem(JsonObject template, int p, int k, JsonNode? source)
    {
        var id = (string?)source?["id"];
        var item = ShapedItem(template, p, k, id, k == 1 ? "Yearly" : "Monthly");
        var quantity = QuantityOf(source?["quantity"]);
        Json.SetExisting(item, "quantity", item["quantity"] is JsonValue qv && qv.GetValueKind() == System.Text.Json.JsonValueKind.String
            ? source?["quantity"] is JsonValue text && text.GetValueKind() == System.Text.Json.JsonValueKind.String
                ? text.DeepClone()
                : JsonValue.Create(quantity.ToString(CultureInfo.InvariantCulture))
            : JsonValue.Create(quantity));
        Json.SetExisting(item, "old_quantity", "0");
        if (source?["params"] is JsonArray itemParams)
        {
            item["params"] = itemParams.DeepClone();
        }

        return item;
    }

    /// <summary>
    /// Item <paramref name="k"/> of product <paramref name="p"/> as an asset holds it, as captured asset items carry it
    /// (the document's asset item has only its id, quantity and parameters): the product item's mpn, names, type and
    /// period beside the quantity (a seeded asset adds the item's parameters). The quantity and the previous one
    /// (<c>old_quantity</c>) are text, as in 17 of the 24 captured asset items (the document: a number).
    /// </summary>
    public JsonObject AssetItem(int p, int k, double quantity) => Json.Obj(
        ("id", ItemId(p, k)),
        ("global_id", ItemId(p, k)),
        ("mpn", ItemMpn(p, k)),
        ("quantity", quantity.ToString(CultureInfo.InvariantCulture)),
        ("old_quantity", "0"),
        ("type", "Licenses"),
        ("display_name", ItemName(p, k)),
        ("period", k == 1 ? "Yearly" : "Monthly"),
        ("item_type", k == 2 ? "PPU" : "Reservation"));

    /// <summary>Item <paramref name="k"/> of product <paramref name="p"/> in the item shape of <paramref name="template"/> (id, global id, MPN, names, period).</summary>
    private JsonObject ShapedItem(JsonObject template, int p, int k, string? id, string period)
    {
        var item = template.DeepClone().AsObject();
        Json.CopyExisting(item, Json.Obj(
            ("id", id ?? ItemId(p, k)),
            ("global_id", id ?? ItemId(p, k)),
            ("mpn", ItemMpn(p, k)),
            ("display_name", ItemName(p, k)),
            ("item_type", "Reservation"),
            ("period", period),
            ("type", "Licenses")));
        return item;
    }

    /// <summary>Copies of <paramref name="parameters"/> in the parameter shape of <paramref name="template"/>; value choices start empty, structured values are the asset's (empty for a parameter that has none).</summary>
    private static JsonArray ShapedParams(JsonObject template, JsonArray parameters)
    {
        var list = new JsonArray();
        foreach (var param in parameters.OfType<JsonObject>())
        {
            var copy = template.DeepClone().AsObject();
            Json.CopyExisting(copy, param);

            // Real requests also carry the asset parameter's phase and constraints (the document's request parameter has neither).
            foreach (var key in new[] { "phase", "constraints" })
            {
                if (param[key] is { } value)
                {
                    copy[key] = value.DeepClone();
                }
            }

            if (copy.ContainsKey("value_choices"))
            {
                copy["value_choices"] = new JsonArray();
            }

            if (copy.ContainsKey("structured_value"))
            {
                copy["structured_value"] = param["structured_value"]?.DeepClone() ?? new JsonObject();
            }

            list.Add(copy);
        }

        return list;
    }

    /// <summary>The first element of an array when it is an object (a shape's element template), else null.</summary>
    private static JsonObject? FirstObject(JsonNode? node) => node is JsonArray { Count: > 0 } array ? array[0] as JsonObject : null;

    /// <summary>The distribution contract of marketplace <paramref name="m"/>, as assets and requests refer to it.</summary>
    public JsonObject ContractRef(int m) =>
        Json.Obj(("id", ContractIds.Format(m)), ("type", "distribution"), ("name", "Distribution contract " + (m + 1).ToString(CultureInfo.InvariantCulture)));

    public JsonObject Request(int i)
    {
        var r = NewRecord("requests");
        var a = RequestAsset(i);
        var status = RequestStatus(i);
        var type = Pick(52, i, RequestTypes);
        var created = CreatedAt(i, Requests);
        r["id"] = RequestIds.Format(i);
        r["type"] = type;
        r["status"] = status;
        r["note"] = status == "inquiring" ? "Please provide the missing admin e-mail." : string.Empty;
        r["reason"] = status == "failed" ? "The vendor system rejected the order." : string.Empty;
        r["created"] = Iso(created);
        r["updated"] = Iso(RequestUpdatedAt(i));
        r["effective_date"] = Iso(RequestUpdatedAt(i));
        r["answered"] = status is "approved" or "failed";
        r["assignee"] = Assignee(i, status);
        r["activation_key"] = status == "approved" ? "Activation key " + Uuid(54, i) : string.Empty;

        // The template the request was last answered with ({id, name, message}), as the captured answered requests name it:
        // an approved request its product's fulfillment template, an inquiring one its inquiry template; null before any answer.
        var p = AssetProduct(a);
        var answeredWith = status switch { "approved" => 0, "inquiring" => 1, _ => -1 };
        r["template"] = answeredWith < 0
            ? null
            : Fragment("requests|template|" + p.ToString(CultureInfo.InvariantCulture) + "/" + answeredWith.ToString(CultureInfo.InvariantCulture), () => AnsweringTemplate(p, answeredWith));

        // What real requests (7 of the captured requests' sources) carry beside it, empty when no external system set any.
        r["external_attributes"] = new JsonObject();
        Over(r, "marketplace", MarketplaceRef(a % Marketplaces));
        r["previous_approved_request"] = type == "purchase" ? null : Json.Obj(("id", RequestIds.Format((i + 1) % Requests)));
        var assetStatus = status == "approved" ? "active" : type == "purchase" ? "processing" : "active";
        r["asset"] = AssetSnapshot("requests", "asset", a, assetStatus);

        // The asset's distribution contract, which real requests also carry at the top level (the document's request has no contract; GET /requests filters by contract.id).
        r["contract"] = Fragment("requests|contract|" + (a % Marketplaces).ToString(CultureInfo.InvariantCulture), () => ContractRef(a % Marketplaces));
        return r;
    }

    /// <summary>
    /// Who works on request <paramref name="i"/>: both forms real Connect sends, the user's id (a string) and the user
    /// object <c>{id, name, email}</c>; the empty string when nobody does.
    /// </summary>
    public JsonNode? Assignee(int i, string status)
    {
        if (status is not ("pending" or "inquiring") || i % 3 == 2)
        {
            return string.Empty;
        }

        var user = i % 5;
        if (i % 3 == 0)
        {
            return UserIds.Format(user);
        }

        var name = (string)UserRef(user)["name"]!;
        return Json.Obj(("id", UserIds.Format(user)), ("name", name), ("email", name.Replace(' ', '.').ToLowerInvariant() + "@example.com"));
    }

    public JsonObject SubscriptionAsset(int a)
    {
        var r = NewRecord("subscription_assets");
        var asset = Asset(a);
        var p = AssetProduct(a);
        var items = asset["items"]!.AsArray();
        var parameters = asset["params"] as JsonArray ?? [];
        asset.Remove("items");
        asset.Remove("params");
        asset.Remove("billing");
        Json.CopyExisting(r, asset);
        r["tiers"] = asset["tiers"]!.DeepClone();
        var created = CreatedAt(a, Assets);
        Over(r, "events", Json.Obj(("created", Json.Obj(("at", Iso(created)))), ("updated", Json.Obj(("at", Iso(created.AddDays(1)))))));
        PutEventActors(r, a);
        if (FirstObject(r["items"]) is { } itemTemplate)
        {
            r["items"] = new JsonArray([.. items.Select((source, k) =>
            {
                var item = ShapedItem(itemTemplate, p, k, null, k == 1 ? "Yearly" : "Monthly");
                Json.SetExisting(item, "quantity", QuantityOf(source?["quantity"]));
                return (JsonNode)item;
            })]);
        }

        if (FirstObject(r["params"]) is { } paramTemplate)
        {
            r["params"] = ShapedParams(paramTemplate, parameters);
        }

        Over(r, "billing", Billing(a));
        // Where the shape has statistics, the asset's and each item's alike (the seed bills no item on its own): computed once.
        JsonObject? stats = null;
        foreach (var billing in new[] { r["billing"] }.Concat((r["items"] as JsonArray ?? []).Select(item => item?["billing"])))
        {
            if (billing?["stats"] is JsonObject shaped)
            {
                foreach (var (type, value) in stats ??= BillingStats(a))
                {
                    shaped[type] = value?.DeepClone();
                }
            }
        }

        return r;
    }

    /// <summary>
    /// The billing statistics of subscription asset <paramref name="a"/>: per type (vendor, provider) how many of the
    /// seeded billing requests bill it and the last of them, with its period, as the captured subscription asset carries
    /// them; a type no request has counts 0 with no last request.
    /// </summary>
    private JsonObject BillingStats(int a)
    {
        var stats = new JsonObject();
        foreach (var type in new[] { "vendor", "provider" })
        {
            var count = 0;
            var last = -1;
            for (var i = a; i < SubscriptionRequests; i += SubscriptionAssets)
            {
                if (SubscriptionRequestType(i) == type)
                {
                    count++;
                    last = i;
                }
            }

            stats[type] = Json.Obj(
                ("last_request", last < 0 ? null : Json.Obj(("id", SubscriptionRequestIds.Format(last)), ("type", type), ("period", SubscriptionRequestPeriod(last)))),
                ("count", count));
        }

        return stats;
    }

    /// <summary>The type of seeded billing request <paramref name="i"/>: vendor and provider in turn.</summary>
    public static string SubscriptionRequestType(int i) => i % 2 == 0 ? "vendor" : "provider";

    /// <summary>The period seeded billing request <paramref name="i"/> bills: the month from the day it was created.</summary>
    private JsonObject SubscriptionRequestPeriod(int i)
    {
        var from = CreatedAt(i, SubscriptionRequests).Date;
        return Json.Obj(("from", Iso(from)), ("to", Iso(from.AddMonths(1))), ("delta", 1.0), ("uom", "monthly"));
    }

    public JsonObject SubscriptionRequest(int i)
    {
        var r = NewRecord("subscription_requests");
        var a = i % SubscriptionAssets;
        var p = AssetProduct(a);
        var created = CreatedAt(i, SubscriptionRequests);
        r["id"] = SubscriptionRequestIds.Format(i);
        r["type"] = SubscriptionRequestType(i);
        Over(r, "events", Json.Obj(("created", Json.Obj(("at", Iso(created)))), ("updated", Json.Obj(("at", Iso(created.AddHours(2)))))));
        PutEventActors(r, i);
        var asset = SubscriptionAsset(a);
        Json.CopyExisting((JsonObject)r["asset"]!, asset);
        PutEventActors((JsonObject)r["asset"]!, a);
        r["asset"]!["tiers"] = asset["tiers"]!.DeepClone();
        if (asset["params"] is JsonArray ps)
        {
            r["asset"]!["params"] = ps.DeepClone();
        }

        if (FirstObject(r["items"]) is { } itemTemplate)
        {
            r["items"] = new JsonArray([.. Enumerable.Range(0, 2).Select(k =>
            {
                var item = ShapedItem(itemTemplate, p, k, null, "Monthly");
                Json.SetExisting(item, "quantity", (double)(1 + Pick(60 + k, i, 20)));
                Json.SetExisting(item, "billing.cycle_number", 1 + (i % 12));
                return (JsonNode)item;
            })]);
        }

        // One object, as every real billing request carries it; the document's array of attributes is not what Connect sends.
        r["attributes"] = Json.Obj(("vendor", Json.Obj(("external_id", "V-" + i.ToString(CultureInfo.InvariantCulture)))), ("provider", new JsonObject()));
        Over(r, "period", SubscriptionRequestPeriod(i));
        return r;
    }
}
