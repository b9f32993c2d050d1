using System.Globalization;
using System.Text.Json.Nodes;
using Connector.Sandbox.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Connector.Sandbox.Http;

/// <summary>Tier accounts (and versions), tier account requests, tier configs and tier config requests.</summary>
internal static class TierRoutes
{
    private const string ConfigRequestCode = "TC_003";
    private static readonly string[] OpenConfigStates = ["draft", "tiers_setup", "pending", "inquiring"];

    private static readonly RequiredField[] ReasonFields = [RequiredField.Text("reason")];
    private static readonly RequiredField[] ApproveFields = [RequiredField.Text("template.id")];
    private static readonly RequiredField[] AssignFields = [RequiredField.OneOf("id", "email")];
    private static readonly RequiredField[] AccountFields = [RequiredField.Text("name"), RequiredField.Object("contact_info")];

    public static void Map(IEndpointRouteBuilder app, SandboxApi api)
    {
        api.MapReads(app, "/tier/accounts", "tier_accounts", "Tier account");
        app.MapPost("/tier/accounts", context => CreateAccountAsync(context, api));
        app.MapPut("/tier/accounts/{id}", context => api.TransitionAsync(context, "tier_accounts", "Tier account", "type", [], "TA_003", (r, b) => UpdateAccount(r, b, api)));
        app.MapDelete("/tier/accounts/{id}", context => DeleteAccountAsync(context, api));
        app.MapGet("/tier/accounts/{account_id}/versions", context => VersionsAsync(context, api));
        app.MapGet("/tier/accounts/{account_id}/versions/{version}", context => VersionAsync(context, api));

        api.MapReads(app, "/tier/account-requests", "tier_account_requests", "Tier account request");
        app.MapPost("/tier/account-requests", context => CreateAccountRequestAsync(context, api));
        app.MapPost("/tier/account-requests/{id}/accept", context => AccountRequestAction(context, api, (r, _) => r["status"] = "accepted"));
        app.MapPost("/tier/account-requests/{id}/ignore", context => AccountRequestAction(context, api, Ignore, ReasonFields));

        api.MapReads(app, "/tier/configs", "tier_configs", "Tier config");

        api.MapReads(app, "/tier/config-requests", "tier_config_requests", "Tier config request");
        app.MapPost("/tier/config-requests", context => CreateConfigRequestAsync(context, api));
        app.MapPut("/tier/config-requests/{id}", context => api.TransitionAsync(context, "tier_config_requests", "Tier config request", "status", OpenConfigStates, ConfigRequestCode, (r, b) => UpdateConfigRequest(r, b, api)));
        app.MapPost("/tier/config-requests/{id}/approve", context => api.TransitionAsync(context, "tier_config_requests", "Tier config request", "status", ["pending"], ConfigRequestCode, (r, b) => ApproveConfigRequest(r, b, api), respond: ApprovalAnswer, required: ApproveFields));
        app.MapPost("/tier/config-requests/{id}/fail", context => ConfigAction(context, api, ["pending", "inquiring"], (r, b) => FailConfigRequest(r, b, api), ReasonFields));
        app.MapPost("/tier/config-requests/{id}/inquire", context => ConfigAction(context, api, ["pending"], (r, _) => MoveConfigRequest(r, "inquiring", "inquired", api)));
        app.MapPost("/tier/config-requests/{id}/pend", context => ConfigAction(context, api, ["inquiring"], (r, _) => MoveConfigRequest(r, "pending", "pended", api)));
        app.MapPost("/tier/config-requests/{id}/assign", context => ConfigAction(context, api, OpenConfigStates, AssignConfigRequest, AssignFields));
        app.MapPost("/tier/config-requests/{id}/unassign", context => ConfigAction(context, api, OpenConfigStates, (r, _) => r["assignee"] = null));
    }

    private static Task DeleteAccountAsync(HttpContext context, SandboxApi api)
    {
        var id = SandboxApi.Route(context, "id");
        return api.Store["tier_accounts"].Delete(id) ? ConnectResponses.NoContent(context) : ConnectResponses.NotFound(context, "Tier account", id);
    }

    private static Task VersionsAsync(HttpContext context, SandboxApi api)
    {
        var id = SandboxApi.Route(context, "account_id");
        return api.Store["tier_accounts"].Get(id) is null
            ? ConnectResponses.NotFound(context, "Tier account", id)
            : ListResponder.InMemoryAsync(context, api.Store.Versions(id), "tier_account_versions");
    }

    private static Task VersionAsync(HttpContext context, SandboxApi api)
    {
        var id = SandboxApi.Route(context, "account_id");
        var version = SandboxApi.Route(context, "version");
        var match = api.Store.Versions(id).FirstOrDefault(v => v["version"]?.ToJsonString() == version);
        return match is null
            ? ConnectResponses.NotFound(context, "Tier account version", id + " v" + version)
            : ConnectResponses.Json(context, StatusCodes.Status200OK, match);
    }

    /// <summary>An action on a pending tier account request: <paramref name="apply"/>, then the update time.</summary>
    private static Task AccountRequestAction(HttpContext context, SandboxApi api, Action<JsonObject, JsonObject> apply, RequiredField[]? required = null) =>
        api.TransitionAsync(context, "tier_account_requests", "Tier account request", "status", ["pending"], "TAR_003", (r, b) =>
        {
            apply(r, b);
            Json.SetExisting(r, "events.updated.at", api.Now());
            return null;
        }, required: required);

    private static void Ignore(JsonObject r, JsonObject b)
    {
        r["status"] = "ignored";
        r["reason"] = SandboxApi.Text(b, "reason");
    }

    private static string[]? UpdateConfigRequest(JsonObject r, JsonObject b, SandboxApi api)
    {
        if (b["params"] is JsonArray updates)
        {
            foreach (var update in updates.OfType<JsonObject>())
            {
                var id = SandboxApi.Text(update, "id");
                var targets = new[] { r["params"], r["configuration"]?["params"] }
                    .OfType<JsonArray>()
                    .Select(list => list.OfType<JsonObject>().FirstOrDefault(p => SandboxApi.Text(p, "id") == id))
                    .OfType<JsonObject>()
                    .ToList();
                if (targets.Count == 0)
                {
                    return [$"params: parameter {id} does not exist on this request."];
                }

                targets.ForEach(target => target["value"] = update["value"]?.DeepClone());
            }
        }

        if (b["notes"] is JsonValue notes)
        {
            r["notes"] = notes.ToString();
        }

        Touch(r, api);
        return null;
    }

    private static string[]? ApproveConfigRequest(JsonObject r, JsonObject b, SandboxApi api)
    {
        var template = SandboxApi.Text(b, "template.id");
        if (api.UnknownTemplate("template.id", template) is { } unknown)
        {
            return [unknown];
        }

        MoveConfigRequest(r, "approved", "approved", api);
        r["effective_date"] = api.Now();
        SeedWorld.Over(r, "template", Json.Obj(("id", template)));
        Touch(r, api);
        CloseConfiguration(r, api, applyParams: true);
        return null;
    }

    /// <summary>What Connect answers to an approval: <c>{template, effective_date}</c>, not the request.</summary>
    private static JsonObject ApprovalAnswer(JsonObject r, JsonObject b) => Json.Obj(
        ("template", Json.Obj(("id", SandboxApi.Text(b, "template.id")), ("representation", "Approved with template " + SandboxApi.Text(b, "template.id")))),
        ("effective_date", r["effective_date"]!.DeepClone()));

    private static void FailConfigRequest(JsonObject r, JsonObject b, SandboxApi api)
    {
        r["status"] = "failed";
        r["reason"] = SandboxApi.Text(b, "reason");
        CloseConfiguration(r, api, applyParams: false);
    }

    /// <summary>
    /// A configuration with a request open is processing and names it (<c>open_request: {id}</c>), as Connect's do: set
    /// when the request is created.
    /// </summary>
    private static void OpenConfiguration(SandboxApi api, JsonObject configuration, string requestId)
    {
        configuration["status"] = "processing";
        configuration["open_request"] = Json.Obj(("id", requestId));
        api.Store["tier_configs"].Replace(configuration);
    }

    /// <summary>
    /// When the request a configuration names as open is approved or failed, the configuration is active again with no open
    /// request; an approved one's parameter values become the configuration's.
    /// </summary>
    private static void CloseConfiguration(JsonObject request, SandboxApi api, bool applyParams)
    {
        var configurations = api.Store["tier_configs"];
        if (SandboxApi.Text(request, "configuration.id") is not { } id || configurations.GetCopy(id) is not { } configuration
            || SandboxApi.Text(configuration, "open_request.id") != SandboxApi.Text(request, "id"))
        {
            return;
        }

        configuration["status"] = "active";
        configuration["open_request"] = null;
        if (applyParams)
        {
            SetParameterValues(configuration["params"], request["params"]);
        }

        configurations.Replace(configuration);
    }

    /// <summary>Sets the value of each parameter of <paramref name="parameters"/> that <paramref name="values"/> names by id (both arrays of parameter objects).</summary>
    private static void SetParameterValues(JsonNode? parameters, JsonNode? values)
    {
        if (parameters is not JsonArray current || values is not JsonArray given)
        {
            return;
        }

        foreach (var value in given.OfType<JsonObject>())
        {
            if (current.OfType<JsonObject>().FirstOrDefault(p => SandboxApi.Text(p, "id") == SandboxApi.Text(value, "id")) is { } param)
            {
                param["value"] = value["value"]?.DeepClone();
            }
        }
    }

    private static void MoveConfigRequest(JsonObject r, string status, string eventName, SandboxApi api)
    {
        r["status"] = status;
        if (r["events"] is JsonObject events)
        {
            events[eventName] = Json.Obj(("at", api.Now()), ("by", api.World.UserRef(0)));
        }
    }

    private static void AssignConfigRequest(JsonObject r, JsonObject b)
    {
        var who = SandboxApi.FirstText(b, "id", "email");
        r["assignee"] = Json.Obj(("id", who), ("name", who), ("icon", "/media/users/default.png"));
    }

    private static void Touch(JsonObject record, SandboxApi api) => Json.SetExisting(record, "events.updated.at", api.Now());

    /// <summary>An action on a tier config request that answers 204: <paramref name="apply"/>, then the update time.</summary>
    private static Task ConfigAction(HttpContext context, SandboxApi api, string[] from, Action<JsonObject, JsonObject> apply, RequiredField[]? required = null) =>
        api.TransitionAsync(context, "tier_config_requests", "Tier config request", "status", from, ConfigRequestCode, (r, b) =>
        {
            apply(r, b);
            Touch(r, api);
            return null;
        }, noContent: true, required: required);

    private static string[]? UpdateAccount(JsonObject record, JsonObject body, SandboxApi api)
    {
        foreach (var key in new[] { "name", "external_id", "external_uid", "tax_id" })
        {
            if (body[key] is JsonValue value)
            {
                record[key] = value.ToString();
            }
        }

        if (body["contact_info"] is JsonObject contact && record["contact_info"] is JsonObject current)
        {
            Json.Merge(current, contact);
        }

        var version = (record["version"] is JsonValue v ? (int)Rql.RqlEvaluator.NumberOf(v) : 1) + 1;
        record["version"] = version;
        Json.SetExisting(record, "events.updated.at", api.Now());
        api.Store.AddVersion((string)record["id"]!, AccountVersion(api, record));
        return null;
    }

    /// <summary>A tier account as a version of itself (the shape tier account requests embed and the versions list serves).</summary>
    private static JsonObject AccountVersion(SandboxApi api, JsonObject account)
    {
        var snapshot = api.World.NewRecord("tier_account_versions");
        Json.CopyExisting(snapshot, account);
        snapshot["contact_info"] = account["contact_info"]?.DeepClone();
        snapshot["scopes"] = account["scopes"]?.DeepClone();
        snapshot["parent"] = account["parent"]?.DeepClone();
        if (snapshot["events"] is JsonObject events)
        {
            events.Remove("decommissioned");
        }

        return snapshot;
    }

    private static async Task CreateAccountAsync(HttpContext context, SandboxApi api)
    {
        var body = await SandboxApi.ReadObjectAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        var errors = RequiredField.Missing(body, AccountFields);
        if (errors.Count > 0)
        {
            await ConnectResponses.Validation(context, [.. errors]).ConfigureAwait(false);
            return;
        }

        var accounts = api.Store["tier_accounts"];
        var id = accounts.AddLikeSeeded(r =>
        {
            r["version"] = 1;
            r["name"] = SandboxApi.Text(body, "name");
            r["type"] = SandboxApi.Text(body, "type") == "reseller" ? "reseller" : "customer";
            r["external_id"] = SandboxApi.Text(body, "external_id") ?? "EXT-" + (string)r["id"]!;
            r["external_uid"] = SandboxApi.Text(body, "external_uid") ?? Guid.NewGuid().ToString();
            r["tax_id"] = SandboxApi.Text(body, "tax_id") ?? string.Empty;
            r["parent"] = SandboxApi.Text(body, "parent.id") is { } parent ? Json.Obj(("id", parent), ("name", null), ("external_id", null)) : null;
            var contact = (JsonObject)r["contact_info"]!;
            Json.Merge(contact, (JsonObject)body["contact_info"]!);
            SeedWorld.Over(r, "events", Json.Obj(("created", Json.Obj(("at", api.Now()))), ("updated", Json.Obj(("at", api.Now())))));
        });
        await ConnectResponses.Json(context, StatusCodes.Status201Created, accounts.GetCopy(id)!).ConfigureAwait(false);
    }

    private static async Task CreateAccountRequestAsync(HttpContext context, SandboxApi api)
    {
        var body = await SandboxApi.ReadObjectAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        var accountId = SandboxApi.Text(body, "account.id");
        var account = accountId is null ? null : api.Store["tier_accounts"].GetCopy(accountId);
        if (account is null)
        {
            await ConnectResponses.Validation(context, "account.id: an existing tier account id is required.").ConfigureAwait(false);
            return;
        }

        var requests = api.Store["tier_account_requests"];
        var id = requests.AddLikeSeeded(r =>
        {
            r["status"] = "pending";
            r["reason"] = null;
            r["account"] = AccountVersion(api, account);
            if (SandboxApi.Text(body, "product.id") is { } product && api.World.ProductIds.Parse(product) is { } p)
            {
                SeedWorld.Over(r, "product", api.World.ProductRef(p));
            }

            SeedWorld.Over(r, "events", Json.Obj(("created", Json.Obj(("at", api.Now()))), ("updated", Json.Obj(("at", api.Now())))));
        });
        await ConnectResponses.Json(context, StatusCodes.Status201Created, requests.GetCopy(id)!).ConfigureAwait(false);
    }

    private static async Task CreateConfigRequestAsync(HttpContext context, SandboxApi api)
    {
        var body = await SandboxApi.ReadObjectAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        var configId = SandboxApi.Text(body, "configuration.id");
        var configuration = configId is null ? null : api.Store["tier_configs"].GetCopy(configId);
        if (configuration is null)
        {
            await ConnectResponses.Validation(context, "configuration.id: an existing tier configuration id is required.").ConfigureAwait(false);
            return;
        }

        var type = SandboxApi.Text(body, "type") ?? "update";
        if (type is not ("setup" or "update" or "adjustment"))
        {
            await ConnectResponses.Validation(context, "type: must be one of setup, update, adjustment.").ConfigureAwait(false);
            return;
        }

        var requests = api.Store["tier_config_requests"];
        var id = requests.AddLikeSeeded(r =>
        {
            r["type"] = type;
            r["status"] = "pending";
            r["reason"] = null;
            r["assignee"] = null;
            r["effective_date"] = null;
            var target = (JsonObject)r["configuration"]!;
            Json.CopyExisting(target, configuration);
            foreach (var key in new[] { "account", "params", "open_request" })
            {
                target[key] = configuration[key]?.DeepClone();
            }

            SetParameterValues(target["params"], body["params"]);

            r["params"] = target["params"]?.DeepClone() ?? new JsonArray();

            // The configuration's own tier chain and template, not those of the seeded request the record starts from.
            if (configuration["tiers"] is JsonObject tiers)
            {
                r["tiers"] = tiers.DeepClone();
            }

            if (api.World.ProductIds.Parse(SandboxApi.Text(configuration, "product.id")) is { } product)
            {
                api.World.PutRenderedTemplate(r, product);
            }

            var by = api.World.UserRef(0);
            r["events"] = Json.Obj(("created", Json.Obj(("at", api.Now()), ("by", by))), ("updated", Json.Obj(("at", api.Now()), ("by", by.DeepClone()))), ("pended", Json.Obj(("at", api.Now()), ("by", by.DeepClone()))));
        });
        OpenConfiguration(api, configuration, id);
        await ConnectResponses.Json(context, StatusCodes.Status201Created, requests.GetCopy(id)!).ConfigureAwait(false);
    }
}
