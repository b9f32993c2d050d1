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
            r["attributes"] = WithAttributes(r["attributes"], b);
            return null;
        },
        respond: (r, _) => (JsonObject)r["attributes"]!.DeepClone()));
        app.MapPost("/subscriptions/requests", context => CreateAsync(context, api));
    }

    /// <summary>
    /// A billing request's attributes (<paramref name="current"/>, or a new object when it has none) with
    /// <paramref name="given"/>'s <c>vendor</c> and <c>provider</c> values merged in: one object
    /// <c>{vendor: {...}, provider: {...}}</c>, as real billing requests carry them. Other members of
    /// <paramref name="given"/> are not attributes and are ignored.
    /// </summary>
    private static JsonObject WithAttributes(JsonNode? current, JsonObject given)
    {
        var attributes = current as JsonObject ?? [];
        foreach (var side in new[] { "vendor", "provider" })
        {
            if (attributes[side] is not JsonObject values)
            {
                values = [];
                attributes[side] = values;
            }

            if (given[side] is JsonObject patch)
            {
                Json.Merge(values, patch);
            }
        }

        return attributes;
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
            if (body["items"] is JsonArray items)
            {
                r["items"] = items.DeepClone();
            }

            // Its own attributes, none of the seeded record it is made like: the document's array of them, or the one
            // object real requests carry, stored as that object.
            var attributes = WithAttributes(null, []);
            foreach (var given in body["attributes"] is JsonArray list ? list.OfType<JsonObject>() : body["attributes"] is JsonObject one ? [one] : [])
            {
                WithAttributes(attributes, given);
            }

            r["attributes"] = attributes;

            if (body["period"] is JsonObject period && r["period"] is JsonObject current)
            {
                Json.Merge(current, period);
            }

            SeedWorld.Over(r, "events", Json.Obj(("created", Json.Obj(("at", api.Now()))), ("updated", Json.Obj(("at", api.Now())))));
        });
        await ConnectResponses.Json(context, StatusCodes.Status201Created, requests.GetCopy(id)!).ConfigureAwait(false);
    }
}
