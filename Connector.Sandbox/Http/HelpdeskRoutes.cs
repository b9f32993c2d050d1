using System.Text.Json.Nodes;
using Connector.Sandbox.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Connector.Sandbox.Http;

/// <summary>Helpdesk cases with their life cycle, conversations and messages.</summary>
internal static class HelpdeskRoutes
{
    private const string Code = "HD_003";

    private static readonly string[] OpenStates = ["pending", "inquiring", "resolved"];
    private static readonly RequiredField[] CaseFields = [RequiredField.Text("subject"), RequiredField.Text("description")];
    private static readonly RequiredField[] MessageFields = [RequiredField.Text("text")];

    public static void Map(IEndpointRouteBuilder app, SandboxApi api)
    {
        api.MapReads(app, "/helpdesk/cases", "cases", "Case");
        app.MapPost("/helpdesk/cases", context => CreateCaseAsync(context, api));
        app.MapPut("/helpdesk/cases/{id}", context => api.TransitionAsync(context, "cases", "Case", "state", OpenStates, Code, (r, b) => UpdateCase(r, b, api)));
        app.MapPost("/helpdesk/cases/{id}/pend", context => Move(context, api, ["inquiring", "resolved"], "pending"));
        app.MapPost("/helpdesk/cases/{id}/inquire", context => Move(context, api, ["pending"], "inquiring"));
        app.MapPost("/helpdesk/cases/{id}/resolve", context => Move(context, api, ["pending"], "resolved"));
        app.MapPost("/helpdesk/cases/{id}/close", context => api.TransitionAsync(context, "cases", "Case", "state", ["resolved"], Code, (r, b) => CloseCase(r, b, api)));

        app.MapGet("/conversations", context => ListResponder.CollectionAsync(context, api.Store, "conversations"));
        app.MapGet("/conversations/{id}", context => ConversationAsync(context, api));
        app.MapGet("/conversations/{conversation_id}/messages", context => MessagesAsync(context, api));
        app.MapPost("/conversations/{conversation_id}/messages", context => PostMessageAsync(context, api));
    }

    private static string[]? UpdateCase(JsonObject r, JsonObject b, SandboxApi api)
    {
        foreach (var key in new[] { "subject", "description", "type" })
        {
            if (b[key] is JsonValue value)
            {
                r[key] = value.ToString();
            }
        }

        if (b["priority"] is JsonValue priority)
        {
            if (!int.TryParse(priority.ToString(), out var p) || p is < 0 or > 3)
            {
                return ["priority: must be 0, 1, 2 or 3."];
            }

            r["priority"] = p;
        }

        if (r["events"] is JsonObject events)
        {
            events["updated"] = Json.Obj(("at", api.Now()), ("by", api.World.UserRef(0)));
        }

        return null;
    }

    private static string[]? CloseCase(JsonObject r, JsonObject b, SandboxApi api)
    {
        if (b["rating"] is JsonValue rating)
        {
            if (!int.TryParse(rating.ToString(), out var value) || value is < 1 or > 5)
            {
                return ["rating: must be between 1 and 5."];
            }

            r["rating"] = value;
        }

        if (b["feedback"] is JsonValue feedback)
        {
            r["feedback"] = feedback.ToString();
        }

        Stamp(r, "closed", api);
        SeedWorld.SetCaseState(r, "closed");
        return null;
    }

    /// <summary>One conversation with its messages, as Connect answers it (the list of conversations carries no messages).</summary>
    private static Task ConversationAsync(HttpContext context, SandboxApi api)
    {
        var id = SandboxApi.Route(context, "id");
        if (api.Store["conversations"].GetCopy(id) is not { } conversation)
        {
            return ConnectResponses.NotFound(context, "Conversation", id);
        }

        conversation["messages"] = new JsonArray([.. Messages(api, id).Select(m => (JsonNode)m.DeepClone())]);
        return ConnectResponses.Json(context, StatusCodes.Status200OK, conversation);
    }

    private static Task MessagesAsync(HttpContext context, SandboxApi api)
    {
        var id = SandboxApi.Route(context, "conversation_id");
        return api.Store["conversations"].Get(id) is null
            ? ConnectResponses.NotFound(context, "Conversation", id)
            : ListResponder.InMemoryAsync(context, Messages(api, id), "messages");
    }

    private static void Stamp(JsonObject record, string eventName, SandboxApi api)
    {
        if (record["events"] is JsonObject events)
        {
            events[eventName] = Json.Obj(("at", api.Now()), ("by", api.World.UserRef(0)));
            events["updated"] = Json.Obj(("at", api.Now()), ("by", api.World.UserRef(0)));
        }
    }

    private static Task Move(HttpContext context, SandboxApi api, string[] from, string to) =>
        api.TransitionAsync(context, "cases", "Case", "state", from, Code, (r, _) =>
        {
            SeedWorld.SetCaseState(r, to);
            Stamp(r, to, api);
            return null;
        });

    private static List<JsonObject> Messages(SandboxApi api, string conversationId)
    {
        var messages = api.Store["messages"];
        var list = new List<JsonObject>();
        var c = api.World.ConversationIds.Parse(conversationId);
        if (c is not null && c.Value < api.World.Conversations)
        {
            for (var k = 0; k < SeedWorld.MessagesPerConversation; k++)
            {
                if (messages.Peek((c.Value * SeedWorld.MessagesPerConversation) + k) is { } seeded)
                {
                    list.Add(seeded);
                }
            }
        }

        for (var i = messages.SeededCount; i < messages.IndexLimit; i++)
        {
            if (messages.Peek(i) is { } created && SandboxApi.Text(created, "conversation") == conversationId)
            {
                list.Add(created);
            }
        }

        return list;
    }

    private static async Task PostMessageAsync(HttpContext context, SandboxApi api)
    {
        var conversationId = SandboxApi.Route(context, "conversation_id");
        if (api.Store["conversations"].Get(conversationId) is null)
        {
            await ConnectResponses.NotFound(context, "Conversation", conversationId).ConfigureAwait(false);
            return;
        }

        var body = await SandboxApi.ReadObjectAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        if (RequiredField.Missing(body, MessageFields) is { Count: > 0 } missing)
        {
            await ConnectResponses.Validation(context, [.. missing]).ConfigureAwait(false);
            return;
        }

        var text = SandboxApi.Text(body, "text");

        var messages = api.Store["messages"];
        var id = messages.Add(newId =>
        {
            var r = api.World.Message(0);
            r["id"] = newId;
            r["conversation"] = conversationId;
            r["text"] = text;
            r["type"] = SandboxApi.Text(body, "type") is "private" ? "private" : "message";
            r["created"] = api.Now();
            SeedWorld.Over(r, "events", Json.Obj(("created", Json.Obj(("at", api.Now()))), ("updated", Json.Obj(("at", api.Now())))));
            return r;
        });
        await ConnectResponses.Json(context, StatusCodes.Status201Created, messages.GetCopy(id)!).ConfigureAwait(false);
    }

    private static async Task CreateCaseAsync(HttpContext context, SandboxApi api)
    {
        var body = await SandboxApi.ReadObjectAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        var (errors, product, priority, type) = CheckCase(body, api);
        if (errors.Count > 0)
        {
            await ConnectResponses.Validation(context, [.. errors]).ConfigureAwait(false);
            return;
        }

        var cases = api.Store["cases"];
        var id = cases.AddLikeSeeded(r =>
        {
            r["subject"] = SandboxApi.Text(body, "subject");
            r["description"] = SandboxApi.Text(body, "description");
            r["priority"] = priority;
            r["type"] = type;
            r["state"] = "pending";
            r["rating"] = null;
            r["feedback"] = null;
            if (product is not null)
            {
                SeedWorld.Over(r, "product", api.World.ProductRef(product.Value % api.World.Products));
            }

            // Who created the case, as every event of a case says (the API key's user).
            var by = api.World.UserRef(0);
            r["events"] = Json.Obj(("created", Json.Obj(("at", api.Now()), ("by", by))), ("updated", Json.Obj(("at", api.Now()), ("by", by.DeepClone()))), ("pending", Json.Obj(("at", api.Now()), ("by", by.DeepClone()))));
        });
        api.OpenConversation(id, "Helpdesk case " + id);
        await ConnectResponses.Json(context, StatusCodes.Status201Created, cases.GetCopy(id)!).ConfigureAwait(false);
    }

    /// <summary>The validation messages of a new case's body, and the product, priority and type it asks for.</summary>
    private static (List<string> Errors, int? Product, int Priority, string Type) CheckCase(JsonObject body, SandboxApi api)
    {
        var errors = RequiredField.Missing(body, CaseFields);
        var productId = SandboxApi.Text(body, "product.id");
        var product = productId is null ? null : api.World.ProductIds.Parse(productId);
        if (productId is not null && (product is null || api.Store["products"].Get(product.Value) is null))
        {
            errors.Add("product.id: product not found.");
        }

        var priority = 0;
        if (body["priority"] is JsonValue pv && (!int.TryParse(pv.ToString(), out priority) || priority is < 0 or > 3))
        {
            errors.Add("priority: must be 0, 1, 2 or 3.");
        }

        var type = SandboxApi.Text(body, "type") ?? "technical";
        if (type is not ("technical" or "business"))
        {
            errors.Add("type: must be technical or business.");
        }

        return (errors, product, priority, type);
    }
}
