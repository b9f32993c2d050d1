using System.Text;
using Connector.Browse.Learning;
using Connector.Core.Browsing;
using Connector.Designer.Running;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Newtonsoft.Json.Linq;

namespace Connector.Designer.Api;

/// <summary>
/// "Widen from these results": <c>POST /api/types/{type}/operations/{operation}/learn</c> with the records the page
/// shows as NDJSON (one JSON object a line) answers the operation's documented OUTPUT profile widened with what those
/// records show (Browse's <see cref="ProfileLearner"/>):
/// <c>{"operation":"QUERY","sampleCount":N,"additions":["state.current: new field",...],"schema":{...},"tree":[...]}</c>,
/// each tree node the records added marked <c>"observed":"new"</c> or <c>"observed":"widened"</c>. The body is read
/// as a stream, one record at a time, never held whole.
/// </summary>
internal static class LearnEndpoints
{
    /// <summary>The largest body taken: the page sends back at most <see cref="DesignerOptions.MaxRecordsPerRun"/> records.</summary>
    public const long MaxBodyBytes = 64L * 1024 * 1024;

    public static void Map(IEndpointRouteBuilder app, DesignerWorkbench workbench) =>
        app.MapPost("/api/types/{type}/operations/{operation}/learn", EndpointGuard.Handle(async context =>
        {
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = MaxBodyBytes;
            }

            using var records = new StreamReader(context.Request.Body, Encoding.UTF8);
            var learned = await LearnAsync(workbench, BrowseEndpoints.Route(context, "type"), BrowseEndpoints.Route(context, "operation"), records, context.RequestAborted).ConfigureAwait(false);
            await JsonReply.WriteAsync(context, learned).ConfigureAwait(false);
        }));

    /// <summary>Widens the OUTPUT profile of <paramref name="objectType"/>'s <paramref name="operation"/> with NDJSON records.</summary>
    /// <exception cref="DesignerRequestException">The type or operation is unknown, has no JSON output profile, no record was given, or a line is not a JSON object (named by its number).</exception>
    internal static async Task<JObject> LearnAsync(DesignerWorkbench workbench, string objectType, string operation, TextReader records, CancellationToken cancellationToken)
    {
        var (type, resolved) = workbench.Resolve(objectType, operation);
        var browser = await workbench.BrowserAsync().ConfigureAwait(false);
        var output = browser.GetObjectDefinitions(type.Id, resolved.Type)
            .FirstOrDefault(d => d is { Role: ObjectDefinitionRole.Output, ContentType: DefinitionContentType.Json, ProfileJson: not null })
            ?? throw new DesignerRequestException($"{type.Id} {resolved.Type.ToDisplayName()} has no JSON output profile to widen");
        LearnedProfile learned;
        try
        {
            learned = await new ProfileLearner(JsonReply.MaxRequestBytes).LearnFromNdjsonAsync(ProfileLearner.ProfileJson(output), records, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidSampleException ex)
        {
            throw new DesignerRequestException("the records' " + ex.Message);
        }

        if (learned.SampleCount == 0)
        {
            throw new DesignerRequestException("no records to learn from: send the records as NDJSON, one JSON object a line");
        }

        return new JObject
        {
            ["operation"] = resolved.Type.ToDisplayName(),
            ["sampleCount"] = learned.SampleCount,
            ["additions"] = new JArray(learned.Additions),
            ["schema"] = learned.Schema,
            ["tree"] = ProfileTree.Build(learned.Schema),
        };
    }
}
