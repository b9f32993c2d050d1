using System.Text.Json.Nodes;
using Connector.Sandbox.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Connector.Sandbox.Http;

/// <summary>The subscriptions API: billing requests (with their attributes) and subscription assets.</summary>
internal static class SubscriptionRoutes
{
    public static void Map(IEndpointRouteBuilder app, SandboxApi api)
    {
        api.MapReads(app, "/subscriptions/assets", "subscription_assets", "Subscription asset");
        api.MapReads(app, "/subscriptions/requests", "subscription_requests", "Subscription request");
        app.MapPut("/subscriptions/requests/{id}/attributes", context => api.TransitionAsync(context, "subscription_requests", "Subscription request", "type", [], "BR_003", (r, b) =>
        {
            var attributes = r["attributes"] as JsonArray ?? [];
            if (attributes.Count == 0)
            {
                attributes.Add(Json.Obj(("vendor", new JsonObject()), ("provider", new JsonObject())));
            }

            var target = (JsonObject)attributes[0]!;
            foreach (var side in new[] { "vendor", "provider" })
            {
                if (b[side] is JsonObject values)
                {
                    if (target[side] is not JsonObject current)
                    {
                        current = [];
                        target[side] = current;
                    }

                    Json.Merge(current, values);
                }
            }

            r["attributes"] = attributes;
            return null;
        },
        respond: (r, _) => (JsonObject)r["attributes"]![0]!.DeepClone()));
        app.MapPost("/subscriptions/requests", context => CreateAsync(context, api));
    }

    private static async Task CreateAsync(HttpContext context, SandboxApi api)
    {
        var body = await SandboxApi.ReadObjectAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        var assetId = SandboxApi.Text(body, "asset.id") ?? SandboxApi.Text(body, "asset_id");
        var asset = assetId is null ? null : api.Store["subscription_assets"].GetCopy(assetId);
        if (asset is null)
        {
            await ConnectResponses.Validation(context, "asset.id: an existing subscription asset id is required.").ConfigureAwait(false);
            return;
        }

        var type = SandboxApi.Text(body, "type") ?? "vendor";
        if (type is not ("vendor" or "provider"))
        {
            await ConnectResponses.Validation(context, "type: must be vendor or provider.").ConfigureAwait(false);
            return;
        }

        var requests = api.Store["subscription_requests"];
        var id = requests.AddLikeSeeded(r =>
        {
            r["type"] = type;
            var target = (JsonObject)r["asset"]!;
            Json.CopyExisting(target, asset);
            target["tiers"] = asset["tiers"]?.DeepClone();
            target["params"] = asset["params"]?.DeepClone();
            foreach (var key in new[] { "items", "attributes" })
            {
                if (body[key] is JsonArray values)
                {
                    r[key] = values.DeepClone();
                }
            }

            if (body["period"] is JsonObject period && r["period"] is JsonObject current)
            {
                Json.Merge(current, period);
            }

            SeedWorld.Over(r, "events", Json.Obj(("created", Json.Obj(("at", api.Now()))), ("updated", Json.Obj(("at", api.Now())))));
        });
        await ConnectResponses.Json(context, StatusCodes.Status201Created, requests.GetCopy(id)!).ConfigureAwait(false);
    }
}
