using Connector.Designer.Running;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Connector.Designer.Api;

/// <summary>
/// The run API: <c>POST /api/query/preview</c> (the request a query would send, from a dry run),
/// <c>POST /api/query/run</c> (NDJSON: the count, each record as it arrives, the final result) and
/// <c>POST /api/run</c> (an operation on documents: one result per document).
/// </summary>
internal static class RunEndpoints
{
    /// <summary>The most documents one run takes from the page.</summary>
    public const int MaxDocuments = 500;

    public static void Map(IEndpointRouteBuilder app, DesignerWorkbench workbench)
    {
        app.MapPost("/api/query/preview", EndpointGuard.Handle(async context =>
        {
            var spec = QuerySpec.Parse(await JsonReply.ReadObjectAsync(context).ConfigureAwait(false), workbench.Descriptor, workbench.Options.MaxRecordsPerRun);
            await JsonReply.WriteAsync(context, await workbench.PreviewQueryAsync(spec, context.RequestAborted).ConfigureAwait(false)).ConfigureAwait(false);
        }));
        app.MapPost("/api/query/run", EndpointGuard.Handle(async context =>
        {
            var spec = QuerySpec.Parse(await JsonReply.ReadObjectAsync(context).ConfigureAwait(false), workbench.Descriptor, workbench.Options.MaxRecordsPerRun);
            workbench.Resolve(spec.ObjectType, "QUERY");
            context.Response.ContentType = "application/x-ndjson; charset=utf-8";
            await context.Response.StartAsync(context.RequestAborted).ConfigureAwait(false);
            await workbench.StreamQueryAsync(
                spec,
                async line =>
                {
                    await context.Response.WriteAsync(line.ToString(Formatting.None) + "\n", context.RequestAborted).ConfigureAwait(false);
                    await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                },
                context.RequestAborted).ConfigureAwait(false);
        }));
        app.MapPost("/api/run", EndpointGuard.Handle(async context => await JsonReply.WriteAsync(context, await RunDocumentsAsync(workbench, await JsonReply.ReadObjectAsync(context).ConfigureAwait(false), context.RequestAborted).ConfigureAwait(false)).ConfigureAwait(false)));
    }

    /// <summary>
    /// <c>{"type":"request","operation":"APPROVE","documents":[{...}],"properties":{...},"dryRun":false}</c> to
    /// <c>{"results":[{trackingId,status,code,message,payloads}],"command":"connector exec ..."}</c>.
    /// </summary>
    internal static async Task<JObject> RunDocumentsAsync(DesignerWorkbench workbench, JObject body, CancellationToken cancellationToken)
    {
        var type = (string?)body["type"] ?? throw new DesignerRequestException("\"type\" (the object type) is required");
        var operation = (string?)body["operation"] ?? throw new DesignerRequestException("\"operation\" is required");
        var (objectType, resolved) = workbench.Resolve(type, operation);
        if (resolved.Type.Kind == Core.Operations.OperationKind.Query)
        {
            throw new DesignerRequestException("a QUERY runs with /api/query/run");
        }

        var documents = body["documents"] as JArray ?? throw new DesignerRequestException("\"documents\" (an array of JSON objects) is required");
        if (documents.Count == 0 || documents.Count > MaxDocuments || documents.Any(d => d is not JObject))
        {
            throw new DesignerRequestException($"\"documents\" must hold 1 to {MaxDocuments} JSON objects");
        }

        var properties = (body["properties"] as JObject ?? [])
            .Properties()
            .ToDictionary(p => p.Name, p => p.Value.Type == JTokenType.Null ? null : p.Value.Type == JTokenType.String ? (string?)p.Value : p.Value.ToString(Formatting.None));
        var dryRun = (bool?)body["dryRun"] == true;
        if (dryRun && !workbench.CanPreview)
        {
            throw new DesignerRequestException("this connector has no dryRun connection setting: its requests cannot be previewed");
        }

        var inputs = documents.Cast<JObject>().ToList();
        var results = await workbench.RunDocumentsAsync(objectType.Id, resolved.Type.ToDisplayName(), inputs, properties, dryRun, cancellationToken).ConfigureAwait(false);
        var verb = resolved.Type.Kind == Core.Operations.OperationKind.Execute ? "exec" : resolved.Type.ToDisplayName().ToLowerInvariant();
        return new JObject
        {
            ["results"] = new JArray(results),
            ["command"] = workbench.Commands.Documents(verb, objectType.Id, resolved.Type.Kind == Core.Operations.OperationKind.Execute ? resolved.Type.ToDisplayName() : null, inputs),
        };
    }
}
