using System.Text.Json;
using System.Text.Json.Nodes;
using Connector.Sandbox.Data;
using Connector.Sandbox.Rql;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Connector.Sandbox.Http;

/// <summary>What the endpoint groups share: the store, the clock and the helpers for reads, bodies and state transitions.</summary>
internal sealed class SandboxApi(SandboxStore store)
{
    public SandboxStore Store { get; } = store;

    public SeedWorld World => Store.World;

    public string Now() => SeedWorld.Iso(Store.Clock.GetUtcNow());

    public static string Route(HttpContext context, string name) => (string?)context.Request.RouteValues[name] ?? string.Empty;

    /// <summary>Maps GET list and GET by id of a stored collection.</summary>
    public void MapReads(IEndpointRouteBuilder app, string path, string collection, string what)
    {
        app.MapGet(path, context => ListResponder.CollectionAsync(context, Store, collection));
        app.MapGet(path + "/{id}", context => GetAsync(context, collection, what));
    }

    public Task GetAsync(HttpContext context, string collection, string what)
    {
        var id = Route(context, "id");
        var record = Store[collection].Get(id);
        return record is null
            ? ConnectResponses.NotFound(context, what, id)
            : ConnectResponses.Bytes(context, StatusCodes.Status200OK, record.Bytes, ConnectResponses.JsonContentType);
    }

    /// <summary>Reads the JSON body. Returns (true, null) for an empty body; (false, _) after answering 400 for invalid JSON.</summary>
    public static async Task<(bool Ok, JsonNode? Body)> ReadJsonAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text))
        {
            return (true, null);
        }

        try
        {
            return (true, JsonNode.Parse(text));
        }
        catch (JsonException ex)
        {
            await ConnectResponses.Validation(context, "body: invalid JSON (" + ex.Message + ")").ConfigureAwait(false);
            return (false, null);
        }
    }

    /// <summary>Reads a JSON object body (an empty body gives an empty object).</summary>
    public static async Task<JsonObject?> ReadObjectAsync(HttpContext context)
    {
        var (ok, body) = await ReadJsonAsync(context).ConfigureAwait(false);
        if (!ok)
        {
            return null;
        }

        if (body is null)
        {
            return [];
        }

        if (body is JsonObject obj)
        {
            return obj;
        }

        await ConnectResponses.Validation(context, "body: a JSON object is required.").ConfigureAwait(false);
        return null;
    }

    /// <summary>The string at a dotted path of <paramref name="node"/>, or null when it is absent or not a string.</summary>
    public static string? Text(JsonNode? node, string path) =>
        JsonPath.Find(node, path) is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>The first of <paramref name="paths"/> that holds a string that is not blank (the one of "id or email").</summary>
    public static string? FirstText(JsonNode? node, params string[] paths) =>
        paths.Select(p => Text(node, p)).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    /// <summary>
    /// Runs an action on a stored record: 404 for an unknown id, 400 (<paramref name="stateCode"/>) when the record is not in
    /// one of <paramref name="from"/>, 400 VAL_001 naming the fields of <paramref name="required"/> the body lacks or when
    /// <paramref name="apply"/> returns validation messages; otherwise stores
    /// the changed record and answers 200 with it (or with <paramref name="respond"/>'s object, or 204 when that returns null
    /// and <paramref name="noContent"/> is set).
    /// </summary>
    public async Task TransitionAsync(
        HttpContext context,
        string collection,
        string what,
        string stateField,
        string[] from,
        string stateCode,
        Func<JsonObject, JsonObject, string[]?> apply,
        bool noContent = false,
        Func<JsonObject, JsonObject, JsonObject?>? respond = null,
        IReadOnlyList<RequiredField>? required = null)
    {
        var id = Route(context, "id");
        var target = Store[collection];
        var record = target.GetCopy(id);
        if (record is null)
        {
            await ConnectResponses.NotFound(context, what, id).ConfigureAwait(false);
            return;
        }

        var body = await ReadObjectAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        var state = StateValue.Read(record[stateField]) ?? string.Empty;
        if (from.Length > 0 && !from.Contains(state))
        {
            await ConnectResponses.Error(context, StatusCodes.Status400BadRequest, stateCode,
                $"{what} {id} is {state}; this action needs {stateField} {string.Join(" or ", from)}.").ConfigureAwait(false);
            return;
        }

        var missing = required is null ? [] : RequiredField.Missing(body, required);
        var errors = missing.Count > 0 ? [.. missing] : apply(record, body);
        if (errors is { Length: > 0 })
        {
            await ConnectResponses.Validation(context, errors).ConfigureAwait(false);
            return;
        }

        var replaced = target.Replace(record);
        var answer = respond?.Invoke(record, body);
        if (noContent && answer is null)
        {
            await ConnectResponses.NoContent(context).ConfigureAwait(false);
            return;
        }

        await (answer is null
            ? ConnectResponses.Bytes(context, StatusCodes.Status200OK, replaced.Bytes, ConnectResponses.JsonContentType)
            : ConnectResponses.Json(context, StatusCodes.Status200OK, answer)).ConfigureAwait(false);
    }

    /// <summary>
    /// The validation message for a template id that names no template of an existing product (as Connect refuses an
    /// action with an unknown template), or null when <paramref name="templateId"/> is known or not given.
    /// </summary>
    public string? UnknownTemplate(string field, string? templateId) =>
        string.IsNullOrEmpty(templateId) || World.TemplateProduct(templateId) is { } product && Store["products"].Get(product) is not null
            ? null
            : $"{field}: template {templateId} does not exist.";

    /// <summary>Opens the conversation of a newly created request or case, as Connect does (found by <c>instance_id</c>).</summary>
    public void OpenConversation(string instanceId, string topic) =>
        Store["conversations"].AddLikeSeeded(r =>
        {
            r["instance_id"] = instanceId;
            r["topic"] = topic;
            r["created"] = Now();
            SeedWorld.Over(r, "events", Json.Obj(("created", Json.Obj(("at", Now()))), ("updated", Json.Obj(("at", Now())))));
        });

    /// <summary>An eq() filter term, to scope a stored collection to a parent.</summary>
    public static RqlNode Scope(string field, string value) => new RqlComparison("eq", field, new RqlValue(RqlValueKind.Text, value));
}
