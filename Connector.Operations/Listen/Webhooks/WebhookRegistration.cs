using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connector.Core.Listening;
using Connector.Operations.Http;
using Connector.Operations.Inbound;

namespace Connector.Operations.Listen.Webhooks;

/// <summary>
/// Registers the receiver with Connect (<c>/notifications/webhooks</c>): re-activates the webhook of the same object
/// class and URL when one exists, else creates it; deactivates it when the receiver stops. The secret travels only
/// in the request body to Connect, never into logs or messages.
/// </summary>
internal sealed class WebhookRegistration(ConnectHttpClient client, string objectClass, WebhookListenSettings settings)
{
    private const string Collection = "/notifications/webhooks";

    /// <summary>Creates or re-activates the webhook; returns its id.</summary>
    public async Task<string> ActivateAsync(CancellationToken cancellationToken)
    {
        var url = settings.RegisterUrl!.ToString();
        var existing = await FindAsync(url, cancellationToken).ConfigureAwait(false);
        var body = Body(url, active: true);
        var request = existing is null
            ? new ConnectRequest(HttpMethod.Post, Collection, null, ConnectRequestBody.Json(body))
            : new ConnectRequest(HttpMethod.Put, Collection + "/" + Uri.EscapeDataString(existing), null, ConnectRequestBody.Json(body));
        await using var answer = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var created = await JsonNode.ParseAsync(answer.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
        return (string?)created?["id"] ?? existing ?? throw new Http.Errors.ConnectResponseFormatException("the webhook Connect created has no id");
    }

    /// <summary>Deactivates the webhook (the receiver is going away).</summary>
    public async Task DeactivateAsync(string id, CancellationToken cancellationToken)
    {
        var request = new ConnectRequest(HttpMethod.Put, Collection + "/" + Uri.EscapeDataString(id), null, ConnectRequestBody.Json(Body(settings.RegisterUrl!.ToString(), active: false)));
        await using var answer = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string?> FindAsync(string url, CancellationToken cancellationToken)
    {
        await using var answer = await client.SendAsync(new ConnectRequest(HttpMethod.Get, Collection, "limit=1000&offset=0"), cancellationToken).ConfigureAwait(false);
        await foreach (var record in JsonArraySplitter.SplitAsync(answer.Body, cancellationToken).ConfigureAwait(false))
        {
            using var hook = JsonDocument.Parse(record);
            var root = hook.RootElement;
            if (Text(root, "external_url") == url && Text(root, "object_class") == objectClass && Text(root, "id") is { } id)
            {
                return id;
            }
        }

        return null;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private byte[] Body(string url, bool active) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["type"] = "event",
        ["object_class"] = objectClass,
        ["label"] = "connector listen " + objectClass,
        ["product_id"] = settings.RegisterScope,
        ["description"] = "Registered by the connector's webhook receiver; deactivated when it stops.",
        ["external_url"] = url,
        ["jwt_secret"] = settings.Secret,
        ["active"] = active,
        ["http_method"] = "POST",
        ["data"] = new JsonObject(),
        ["headers"] = new JsonObject(),
    }.ToJsonString());
}
