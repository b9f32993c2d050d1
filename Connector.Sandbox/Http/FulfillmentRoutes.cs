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

    public static void Map(IEndpointRouteBuilder app, SandboxApi api)
    {
        api.MapReads(app, "/assets", "assets", "Asset");
        app.MapGet("/assets/{id}/requests", context => ListResponder.CollectionAsync(context, api.Store, "requests", SandboxApi.Scope("asset.id", SandboxApi.Route(context, "id"))));
        app.MapGet("/assets/{id}/usage/aggregates", context => ListResponder.CollectionAsync(context, api.Store, "usage_aggregates", SandboxApi.Scope("asset.id", SandboxApi.Route(context, "id"))));

        api.MapReads(app, "/requests", "requests", "Request");
        app.MapPost("/requests", context => CreateAsync(context, api));
        app.MapPut("/requests/{id}", context => api.TransitionAsync(context, "requests", "Request", "status", ["draft", "tiers_setup", "pending", "inquiring"], Code, (r, b) => Update(r, b, api)));
        app.MapPost("/requests/{id}/purchase", context => Move(context, api, ["draft"], "pending"));
        app.MapPost("/requests/{id}/pend", context => Move(context, api, ["inquiring"], "pending"));
        app.MapPost("/requests/{id}/inquire", context => api.TransitionAsync(context, "requests", "Request", "status", ["pending"], Code, (r, b) =>
        {
            if (api.UnknownTemplate("template_id", SandboxApi.Text(b, "template_id")) is { } unknown)
            {
                return [unknown];
            }

            r["status"] = "inquiring";
            r["updated"] = api.Now();
            var note = SandboxApi.Text(b, "activation_tile") ?? SandboxApi.Text(b, "note");
            if (note is not null)
            {
                r["note"] = note;
            }

            return null;
        }));
        app.MapPost("/requests/{id}/approve", context => api.TransitionAsync(context, "requests", "Request", "status", ["pending"], Code, (r, b) =>
        {
            var template = SandboxApi.Text(b, "template_id");
            var tile = SandboxApi.Text(b, "activation_tile");
            if (string.IsNullOrEmpty(template) && string.IsNullOrEmpty(tile))
            {
                return ["template_id: template_id or activation_tile is required."];
            }

            if (api.UnknownTemplate("template_id", template) is { } unknown)
            {
                return [unknown];
            }

            r["status"] = "approved";
            r["answered"] = true;
            r["activation_key"] = tile ?? "Activated with template " + template;
            r["effective_date"] = SandboxApi.Text(b, "effective_date") ?? api.Now();
            r["updated"] = api.Now();
            Json.SetExisting(r, "asset.status", "active");
            SetAssetStatus(api, SandboxApi.Text(r, "asset.id"), "active");
            return null;
        }));
        app.MapPost("/requests/{id}/fail", context => api.TransitionAsync(context, "requests", "Request", "status", ["pending", "inquiring"], Code, (r, b) =>
        {
            var reason = SandboxApi.Text(b, "reason");
            if (string.IsNullOrWhiteSpace(reason))
            {
                return ["reason: This field is required."];
            }

            r["status"] = "failed";
            r["answered"] = true;
            r["reason"] = reason;
            r["updated"] = api.Now();
            return null;
        }));
        app.MapPost("/requests/{id}/assign", context => api.TransitionAsync(context, "requests", "Request", "status", ["draft", "tiers_setup", "pending", "inquiring"], Code, (r, b) =>
        {
            var who = SandboxApi.Text(b, "id") ?? SandboxApi.Text(b, "email");
            if (string.IsNullOrWhiteSpace(who))
            {
                return ["id: id or email is required."];
            }

            r["assignee"] = who;
            r["updated"] = api.Now();
            return null;
        }));
        app.MapPost("/requests/{id}/unassign", context => api.TransitionAsync(context, "requests", "Request", "status", ["draft", "tiers_setup", "pending", "inquiring"], Code, (r, _) =>
        {
            r["assignee"] = string.Empty;
            r["updated"] = api.Now();
            return null;
        }));
    }

    private static Task Move(HttpContext context, SandboxApi api, string[] from, string to) =>
        api.TransitionAsync(context, "requests", "Request", "status", from, Code, (r, _) =>
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
        if (type is not ("purchase" or "change" or "suspend" or "resume" or "cancel"))
        {
            await ConnectResponses.Validation(context, "type: must be one of purchase, change, suspend, resume, cancel.").ConfigureAwait(false);
            return;
        }

        if (body["asset"] is not JsonObject assetBody)
        {
            await ConnectResponses.Validation(context, "asset: This field is required.").ConfigureAwait(false);
            return;
        }

        var assets = api.Store["assets"];
        JsonObject asset;
        if (type == "purchase")
        {
            var productId = SandboxApi.Text(assetBody, "product.id");
            var product = productId is null ? null : api.World.ProductIds.Parse(productId);
            if (product is null || product >= api.Store["products"].IndexLimit)
            {
                await ConnectResponses.Validation(context, "asset.product.id: an existing product id is required.").ConfigureAwait(false);
                return;
            }

            var assetId = assets.Add(newId =>
            {
                var index = api.World.AssetIds.Parse(newId)!.Value;
                var created = api.World.Asset(index);
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
                    created["items"] = new JsonArray([.. items.OfType<JsonObject>().Select(i => (JsonNode)Json.Obj(("id", SandboxApi.Text(i, "id")), ("quantity", i["quantity"] is JsonValue q ? Rql.RqlEvaluator.NumberOf(q) : 1.0)))]);
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
            asset = assets.GetCopy(assetId)!;
        }
        else
        {
            var assetId = SandboxApi.Text(assetBody, "id");
            if (assetId is null || assets.GetCopy(assetId) is not { } existing)
            {
                await ConnectResponses.Validation(context, "asset.id: an existing asset id is required for a " + type + " request.").ConfigureAwait(false);
                return;
            }

            asset = existing;
        }

        var requests = api.Store["requests"];
        var status = SandboxApi.Text(body, "status") == "draft" ? "draft" : "pending";
        var requestId = requests.Add(newId =>
        {
            var r = api.World.NewRecord("requests");
            r["id"] = newId;
            r["type"] = type;
            r["status"] = status;
            r["note"] = SandboxApi.Text(body, "note") ?? string.Empty;
            r["reason"] = string.Empty;
            r["created"] = api.Now();
            r["updated"] = api.Now();
            r["effective_date"] = api.Now();
            r["answered"] = false;
            r["assignee"] = string.Empty;
            r["activation_key"] = string.Empty;
            r["previous_approved_request"] = null;
            if (SandboxApi.Text(body, "marketplace.id") is { } marketplace && api.World.MarketplaceIds.Parse(marketplace) is { } m)
            {
                SeedWorld.Over(r, "marketplace", api.World.MarketplaceRef(m % SeedWorld.Marketplaces));
            }
            else if (asset["marketplace"] is JsonObject assetMarketplace)
            {
                SeedWorld.Over(r, "marketplace", assetMarketplace);
            }

            r["asset"] = api.World.AssetSnapshot("requests", "asset", asset, type == "purchase" ? "processing" : (string?)asset["status"]);
            return r;
        });
        api.OpenConversation(requestId, "Fulfillment request " + requestId);
        await ConnectResponses.Json(context, StatusCodes.Status201Created, requests.GetCopy(requestId)!).ConfigureAwait(false);
    }
}
