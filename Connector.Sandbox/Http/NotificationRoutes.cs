using System.Text.Json;
using System.Text.Json.Nodes;
using Connector.Sandbox.Data;
using Connector.Sandbox.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Connector.Sandbox.Http;

/// <summary>
/// <c>/notifications/webhooks</c>: list, create, read, update and delete webhooks (<c>ns.Webhook</c>), and
/// <c>/trigger</c> one (it delivers the latest object of its class). Creating and updating need every field Connect
/// requires: object_class, label, product_id, description, external_url, jwt_secret, active, http_method.
/// </summary>
internal static class NotificationRoutes
{
    private static readonly RequiredField[] Required =
        [.. new[] { "object_class", "label", "product_id", "description", "external_url", "jwt_secret", "active", "http_method" }.Select(RequiredField.Value)];

    public static void Map(IEndpointRouteBuilder app, SandboxApi api, SandboxWebhooks webhooks)
    {
        app.MapGet("/notifications/webhooks", context =>
        {
            var all = webhooks.Registered.OrderBy(h => (string?)h["id"], StringComparer.Ordinal).Select(h => JsonSerializer.SerializeToUtf8Bytes(h)).ToList();
            return ConnectResponses.List(context, 0, all.Count, all, all.Count);
        });
        app.MapPost("/notifications/webhooks", async context =>
        {
            if (await ValidBodyAsync(context) is { } hook)
            {
                await ConnectResponses.Json(context, StatusCodes.Status201Created, webhooks.Add(hook, api.Now())).ConfigureAwait(false);
            }
        });
        app.MapGet("/notifications/webhooks/{id}", context => webhooks.Get(SandboxApi.Route(context, "id")) is { } hook
            ? ConnectResponses.Json(context, StatusCodes.Status200OK, hook)
            : ConnectResponses.NotFound(context, "Webhook", SandboxApi.Route(context, "id")));
        app.MapPut("/notifications/webhooks/{id}", async context =>
        {
            var id = SandboxApi.Route(context, "id");
            if (webhooks.Get(id) is not { } existing)
            {
                await ConnectResponses.NotFound(context, "Webhook", id).ConfigureAwait(false);
                return;
            }

            if (await ValidBodyAsync(context) is { } hook)
            {
                hook["created_at"] = existing["created_at"]?.DeepClone();
                await ConnectResponses.Json(context, StatusCodes.Status200OK, webhooks.Replace(id, hook, api.Now())!).ConfigureAwait(false);
            }
        });
        app.MapDelete("/notifications/webhooks/{id}", context => webhooks.Remove(SandboxApi.Route(context, "id"))
            ? ConnectResponses.NoContent(context)
            : ConnectResponses.NotFound(context, "Webhook", SandboxApi.Route(context, "id")));
        app.MapPost("/notifications/webhooks/{id}/trigger", context => TriggerAsync(context, api, webhooks));
    }

    private static async Task TriggerAsync(HttpContext context, SandboxApi api, SandboxWebhooks webhooks)
    {
        var id = SandboxApi.Route(context, "id");
        if (webhooks.Get(id) is not { } hook)
        {
            await ConnectResponses.NotFound(context, "Webhook", id).ConfigureAwait(false);
            return;
        }

        var collection = SandboxWebhooks.ObjectClasses[(string)hook["object_class"]!];
        var product = (string?)hook["product"]?["id"];
        var latest = collection.Length == 0 ? null : api.Store.Query(collection, product is null ? "ordering(-id)&limit=1" : $"eq(asset.product.id,{product})&ordering(-id)&limit=1").FirstOrDefault()
            ?? api.Store.Query(collection, "ordering(-id)&limit=1").FirstOrDefault();
        if (latest is null)
        {
            await ConnectResponses.Validation(context, $"object_class: there is no {hook["object_class"]} to send.").ConfigureAwait(false);
            return;
        }

        webhooks.Offer(id, latest);
        await ConnectResponses.Json(context, StatusCodes.Status200OK, Json.Obj(("id", id), ("object_id", (string?)latest["id"]))).ConfigureAwait(false);
    }

    /// <summary>Reads and checks a webhook body; answers 400 and returns null when it is not valid.</summary>
    private static async Task<JsonObject?> ValidBodyAsync(HttpContext context)
    {
        var body = await SandboxApi.ReadObjectAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return null;
        }

        var errors = RequiredField.Missing(body, Required);
        var objectClass = SandboxApi.Text(body, "object_class");
        if (objectClass is not null && !SandboxWebhooks.ObjectClasses.ContainsKey(objectClass))
        {
            errors.Add($"object_class: \"{objectClass}\" is not a valid choice.");
        }

        if (SandboxApi.Text(body, "external_url") is { } url && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add("external_url: Enter a valid URL.");
        }

        if (body["active"] is { } active && active.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            errors.Add("active: Must be a valid boolean.");
        }

        if (errors.Count > 0)
        {
            await ConnectResponses.Validation(context, [.. errors]).ConfigureAwait(false);
            return null;
        }

        return Json.Obj(
            ("type", SandboxApi.Text(body, "type") ?? "event"),
            ("object_class", objectClass),
            ("label", SandboxApi.Text(body, "label")),
            ("active", body["active"]!.GetValue<bool>()),
            ("external_url", SandboxApi.Text(body, "external_url")),
            ("jwt_secret", SandboxApi.Text(body, "jwt_secret")),
            ("description", SandboxApi.Text(body, "description")),
            ("http_method", SandboxApi.Text(body, "http_method") ?? "POST"),
            ("product", Json.Obj(("id", SandboxApi.Text(body, "product_id")))),
            ("data", body["data"]?.DeepClone() ?? new JsonObject()),
            ("headers", body["headers"]?.DeepClone() ?? new JsonObject()));
    }
}
