using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Connector.Sandbox.Http;

/// <summary>
/// Out-of-process control: GET/DELETE /_sandbox/requests (the request log), POST/DELETE /_sandbox/faults, and POST
/// /_sandbox/reset (the data back as seeded, <see cref="SandboxStore.Reset"/>).
/// </summary>
internal static class AdminRoutes
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static void Map(IEndpointRouteBuilder app, SandboxRequestLog log, FaultInjector faults, SandboxStore store)
    {
        app.MapPost("/_sandbox/reset", context =>
        {
            store.Reset();
            return ConnectResponses.NoContent(context);
        });
        app.MapGet("/_sandbox/requests", context =>
            ConnectResponses.Bytes(context, StatusCodes.Status200OK, JsonSerializer.SerializeToUtf8Bytes(log.Entries, JsonOptions), ConnectResponses.JsonContentType));
        app.MapDelete("/_sandbox/requests", context =>
        {
            log.Clear();
            return ConnectResponses.NoContent(context);
        });
        app.MapGet("/_sandbox/faults", context =>
            ConnectResponses.Bytes(context, StatusCodes.Status200OK, JsonSerializer.SerializeToUtf8Bytes(faults.Rules, JsonOptions), ConnectResponses.JsonContentType));
        app.MapPost("/_sandbox/faults", async context =>
        {
            FaultRule? rule;
            try
            {
                rule = await JsonSerializer.DeserializeAsync<FaultRule>(context.Request.Body, JsonOptions, context.RequestAborted).ConfigureAwait(false);
                if (rule is null)
                {
                    throw new JsonException("A fault rule object is required.");
                }

                faults.Add(rule);
            }
            catch (Exception ex) when (ex is JsonException or ArgumentException)
            {
                await ConnectResponses.Validation(context, "body: " + ex.Message).ConfigureAwait(false);
                return;
            }

            await ConnectResponses.Bytes(context, StatusCodes.Status201Created, JsonSerializer.SerializeToUtf8Bytes(rule, JsonOptions), ConnectResponses.JsonContentType).ConfigureAwait(false);
        });
        app.MapDelete("/_sandbox/faults", context =>
        {
            faults.Clear();
            return ConnectResponses.NoContent(context);
        });
    }
}
