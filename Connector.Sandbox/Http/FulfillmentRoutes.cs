using System.Globalization;
using System.Text.Json.Nodes;
using Connector.Sandbox.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Connector.Sandbox.Http;

/// <summary>Assets and fulfillment requests with their life cycle.</summary>
internal static class FulfillmentRoutes
{
    private const string Code = "REQ_003";

    private static readonly string[] OpenStates = ["draft", "tiers_setup", "pending", "inquiring"];
    private static readonly RequiredField[] ApproveFields = [RequiredField.OneOf("template_id", "activation_tile")];
    private static readonly RequiredField[] FailFields = [RequiredField.Text("reason")];
    private static readonly RequiredField[] AssignFields = [RequiredField.OneOf("id", "email")];
    private static readonly RequiredField[] CreateFields = [RequiredField.Object("asset")];

    public static void Map(IEndpointRouteBuilder app, SandboxApi api)
    {
        api.MapReads(app, "/assets", "assets", "Asset");
        app.MapGet("/assets/{id}/requests", context => OfAssetAsync(context, api, "requests"));
        app.MapGet("/assets/{id}/usage/aggregates", context => OfAssetAsync(context, api, "usage_aggregates"));

        api.MapReads(app, "/requests", "requests", "Request");
        app.MapPost("/requests", context => CreateAsync(context, api));
        app.MapPut("/requests/{id}", context => Act(context, api, OpenStates, Update));
        app.MapPost("/requests/{id}/purchase", context => Move(context, api, ["draft"], "pending"));
        app.MapPost("/requests/{id}/pend", context => Move(context, api, ["inquiring"], "pending"));
        app.MapPost("/requests/{id}/inquire", context => Act(context, api, ["pending"], Inquire));
        app.MapPost("/requests/{id}/approve", context => Act(context, api, ["pending"], Approve, ApproveFields));
        app.MapPost("/requests/{id}/fail", context => Act(context, api, ["pending", "inquiring"], Fail, FailFields));
        app.MapPost("/requests/{id}/assign", context => Act(context, api, OpenStates, Assign, AssignFields));
        app.MapPost("/requests/{id}/unassign", context => Act(context, api, OpenStates, Unassign));
    }

    private static Task OfAssetAsync(HttpContext context, SandboxApi api, string collection) =>
        ListResponder.CollectionAsync(context, api.Store, collection, SandboxApi.Scope("asset.id", SandboxApi.Route(context, "id")));

    /// <summary>Runs an action of the request life cycle on the request of the route.</summary>
    private static Task Act(HttpContext context, SandboxApi api, string[] from, Func<JsonObject, JsonObject, SandboxApi, string[]?> apply, RequiredField[]? required = null) =>
        api.TransitionAsync(context, "requests", "Request", "status", from, Code, (r, b) => apply(r, b, api), required: required);

    private static string[]? Inquire(JsonObject r, JsonObject b, SandboxApi api)
    {
        if (api.UnknownTemplate("template_id", SandboxApi.Text(b, "template_id")) is { } unknown)
        {
            return [unknown];
        }

        r["status"] = "inquiring";
        r["updated"] = api.Now();
        if (api.World.AnsweringTemplate(SandboxApi.Text(b, "template_id")) is { } inquiry)
        {
            r["template"] = inquiry;
        }

        var note = SandboxApi.Text(b, "activation_tile") ?? SandboxApi.Text(b, "note");
        if (note is not null)
        {
            r["note"] = note;
        }

        return null;
    }

    private static string[]? Approve(JsonObject r, JsonObject b, SandboxApi api)
    {
        var template = SandboxApi.Text(b, "template_id");
        if (api.UnknownTemplate("template_id", template) is { } unknown)
        {
            return [unknown];
        }

        var tile = SandboxApi.Text(b, "activation_tile");
        r["status"] = "approved";
        r["answered"] = true;
        r["activation_key"] = tile ?? "Activated with template " + template;
        if (api.World.AnsweringTemplate(template) is { } answering)
        {
            r["template"] = answering;
        }

        r["effective_date"] = SandboxApi.Text(b, "effective_date") ?? api.Now();
        r["updated"] = api.Now();
        Json.SetExisting(r, "asset.status", "active");
        SetAssetStatus(api, SandboxApi.Text(r, "asset.id"), "active");
        return null;
    }

    private static string[]? Fail(JsonObject r, JsonObject b, SandboxApi api)
    {
        r["status"] = "failed";
        r["answered"] = true;
        r["reason"] = SandboxApi.Text(b, "reason");
        r["updated"] = api.Now();
        return null;
    }

    private static string[]? Assign(JsonObject r, JsonObject b, SandboxApi api)
    {
        r["assignee"] = SandboxApi.FirstText(b, "id", "email");
        r["updated"] = api.Now();
        return null;
    }

    private static string[]? Unassign(JsonObject r, JsonObject b, SandboxApi api)
    {
        r["assignee"] = string.Empty;
        r["updated"] = api.Now();
        return null;
    }

    private static Task Move(HttpContext context, SandboxApi api, string[] from, string to) =>
        Act(context, api, from, (r, _, _) =>
        {
            r["status"] = to;
            r["updated"] = api.Now();
            return null;
        });

    private static void SetAssetStatus(SandboxApi api, string? assetId, string status)
    {
        if (assetId is null || api.Store["assets"].GetCopy(assetId) is not { } asset)
        {
            return;
        }

        asset["status"] = status;
        api.Store["assets"].Replace(asset);
    }

    private static string[]? Update(JsonObject record, JsonObject body, SandboxApi api)
    {
        if (body["note"] is JsonValue note)
        {
            record["note"] = note.ToString();
        }

        if (body["asset"]?["params"] is JsonArray updates && record["asset"]?["params"] is JsonArray current)
        {
            foreach (var update in updates.OfType<JsonObject>())
            {
                var id = SandboxApi.Text(update, "id");
                var target = current.OfType<JsonObject>().FirstOrDefault(p => SandboxApi.Text(p, "id") == id);
                if (target is null)
                {
                    return [$"asset.params: parameter {id} does not exist on this request."];
                }

                foreach (var key in new[] { "value", "value_error", "structured_value" })
                {
                    if (update.ContainsKey(key))
                    {
                        target[key] = update[key]?.DeepClone();
                    }
                }
            }
        }

        record["updated"] = api.Now();
        return null;
    }

    private static async Task CreateAsync(HttpContext context, SandboxApi api)
    {
        var body = await SandboxApi.ReadObjectAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        var type = SandboxApi.Text(body, "type") ?? "purchase";
        var errors = RequiredField.Missing(body, CreateFields);
        if (type is not ("purchase" or "change" or "suspend" or "resume" or "cancel"))
        {
            errors.Insert(0, "type: must be one of purchase, change, suspend, resume, cancel.");
        }

        var asset = errors.Count > 0 ? null : type == "purchase" ? PurchasedAsset(api, (JsonObject)body["asset"]!, errors) : ExistingAsset(api, (JsonObject)body["asset"]!, type, errors);
        if (asset is null)
        {
            await ConnectResponses.Validation(context, [.. errors]).ConfigureAwait(false);
            return;
        }

        var requests = api.Store["requests"];
        var requestId = requests.Add(newId => NewRequest(api, newId, type, body, asset));
        api.OpenConversation(requestId, "Fulfillment request " + requestId);
        await ConnectResponses.Json(context, StatusCodes.Status201Created, requests.GetCopy(requestId)!).ConfigureAwait(false);
    }

    /// <summary>
    /// An item of a purchased asset: the product's item it names, as seeded assets hold their items, with the quantity
    /// given (1 when none; text kept as sent); an item the product does not have keeps only the id and quantity given.
    /// </summary>
    private static JsonObject PurchasedItem(SandboxApi api, int product, JsonObject given)
    {
        var id = SandboxApi.Text(given, "id");
        var quantity = SeedWorld.QuantityOf(given["quantity"]);
        var k = Enumerable.Range(0, SeedWorld.ItemsPerProduct).FirstOrDefault(k => api.World.ItemId(product, k) == id, -1);
        var item = k < 0 ? Json.Obj(("id", id), ("quantity", quantity.ToString(CultureInfo.InvariantCulture))) : api.World.AssetItem(product, k, quantity);

        // A quantity sent as text is kept as sent ("unlimited" too, as real assets carry it).
        if (given["quantity"] is JsonValue sent && sent.GetValueKind() == System.Text.Json.JsonValueKind.String)
        {
            item["quantity"] = sent.DeepClone();
        }

        return item;
    }

    /// <summary>The asset a change, suspend, resume or cancel request names; null (with the error added) when it does not exist.</summary>
    private static JsonObject? ExistingAsset(SandboxApi api, JsonObject assetBody, string type, List<string> errors)
    {
        var assetId = SandboxApi.Text(assetBody, "id");
        if (assetId is not null && api.Store["assets"].GetCopy(assetId) is { } existing)
        {
            return existing;
        }

        errors.Add("asset.id: an existing asset id is required for a " + type + " request.");
        return null;
    }

    /// <summary>The new asset a purchase request creates, in status processing; null (with the error added) for an unknown product.</summary>
    private static JsonObject? PurchasedAsset(SandboxApi api, JsonObject assetBody, List<string> errors)
    {
        var productId = SandboxApi.Text(assetBody, "product.id");
        var product = productId is null ? null : api.World.ProductIds.Parse(productId);
        if (product is null || product >= api.Store["products"].IndexLimit)
        {
            errors.Add("asset.product.id: an existing product id is required.");
            return null;
        }

        var assets = api.Store["assets"];
        var assetId = assets.Add(newId =>
        {
            var created = api.World.Asset(api.World.AssetIds.Parse(newId)!.Value);
            created["id"] = newId;
            created["status"] = "processing";
            SeedWorld.Over(created, "product", api.World.ProductRef(product.Value));
            foreach (var key in new[] { "external_id", "external_uid" })
            {
                if (SandboxApi.Text(assetBody, key) is { } value)
                {
                    created[key] = value;
                }
            }

            if (assetBody["items"] is JsonArray items)
            {
                created["items"] = new JsonArray([.. items.OfType<JsonObject>().Select(i => (JsonNode)PurchasedItem(api, product.Value, i))]);
            }

            if (assetBody["tiers"] is JsonObject tiers && created["tiers"] is JsonObject createdTiers)
            {
                Json.Merge(createdTiers, tiers);
            }

            if (created["events"] is JsonObject events)
            {
                events["created"] = Json.Obj(("at", api.Now()));
                events["updated"] = Json.Obj(("at", api.Now()));
            }

            return created;
        });
        return assets.GetCopy(assetId)!;
    }

    /// <summary>A new request of <paramref name="type"/> on <paramref name="asset"/> (draft when the body asks for it, else pending).</summary>
    private static JsonObject NewRequest(SandboxApi api, string newId, string type, JsonObject body, JsonObject asset)
    {
        var r = api.World.NewRecord("requests");
        r["id"] = newId;
        r["type"] = type;
        r["status"] = SandboxApi.Text(body, "status") == "draft" ? "draft" : "pending";
        r["note"] = SandboxApi.Text(body, "note") ?? string.Empty;
        r["reason"] = string.Empty;
        r["created"] = api.Now();
        r["updated"] = api.Now();
        r["effective_date"] = api.Now();
        r["answered"] = false;
        r["assignee"] = string.Empty;
        r["activation_key"] = string.Empty;
        r["previous_approved_request"] = null;
        r["template"] = null;
        r["external_attributes"] = new JsonObject();
        if (SandboxApi.Text(body, "marketplace.id") is { } marketplace && api.World.MarketplaceIds.Parse(marketplace) is { } m)
        {
            SeedWorld.Over(r, "marketplace", api.World.MarketplaceRef(m % SeedWorld.Marketplaces));
        }
        else if (asset["marketplace"] is JsonObject assetMarketplace)
        {
            SeedWorld.Over(r, "marketplace", assetMarketplace);
        }

        r["asset"] = api.World.AssetSnapshot("requests", "asset", asset, type == "purchase" ? "processing" : (string?)asset["status"]);
        if (asset["contract"] is JsonObject contract)
        {
            r["contract"] = contract.DeepClone();
        }

        return r;
    }
}
