using Connector.Core.Browsing;
using Connector.Core.Descriptors;
using Connector.Core.Operations;
using Connector.Designer.Running;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Newtonsoft.Json.Linq;

namespace Connector.Designer.Api;

/// <summary>
/// The browse API: <c>GET /api/info</c> (connection, operators, grouping), <c>GET /api/types</c>,
/// <c>GET /api/types/{type}</c> (operations, actions, fields, filterable and sortable fields with value types) and
/// <c>GET /api/types/{type}/operations/{operation}/profiles</c> (INPUT and OUTPUT: schema and field tree).
/// </summary>
internal static class BrowseEndpoints
{
    public static void Map(IEndpointRouteBuilder app, DesignerWorkbench workbench)
    {
        app.MapGet("/api/info", EndpointGuard.Handle(context => JsonReply.WriteAsync(context, Info(workbench))));
        app.MapGet("/api/types", EndpointGuard.Handle(async context =>
        {
            var browser = await workbench.BrowserAsync().ConfigureAwait(false);
            await JsonReply.WriteAsync(context, new JArray(browser.GetObjectTypes().Select(t => new JObject
            {
                ["id"] = t.Id,
                ["label"] = t.Label,
                ["parent"] = t.Parent,
                ["operations"] = new JArray(t.Operations.Select(o => o.ToDisplayName())),
            }))).ConfigureAwait(false);
        }));
        app.MapGet("/api/types/{type}", EndpointGuard.Handle(async context =>
        {
            var browser = await workbench.BrowserAsync().ConfigureAwait(false);
            await JsonReply.WriteAsync(context, Describe(workbench, browser, Route(context, "type"))).ConfigureAwait(false);
        }));
        app.MapGet("/api/types/{type}/operations/{operation}/profiles", EndpointGuard.Handle(async context =>
        {
            var browser = await workbench.BrowserAsync().ConfigureAwait(false);
            await JsonReply.WriteAsync(context, Profiles(workbench, browser, Route(context, "type"), Route(context, "operation"))).ConfigureAwait(false);
        }));
    }

    internal static JObject Info(DesignerWorkbench workbench)
    {
        var descriptor = workbench.Descriptor;
        return new JObject
        {
            ["connector"] = descriptor.Label,
            ["connection"] = workbench.Options.ConnectionDescription,
            ["canPreview"] = workbench.CanPreview,
            ["maxRecords"] = workbench.Options.MaxRecordsPerRun,
            ["maxSortFields"] = descriptor.MaxSortFields,
            ["grouping"] = new JObject { ["and"] = descriptor.QueryGrouping.And, ["or"] = descriptor.QueryGrouping.Or, ["not"] = descriptor.QueryGrouping.Not },
            ["operators"] = new JArray(descriptor.QueryOperators.Where(o => !o.Raw).Select(o => new JObject
            {
                ["id"] = o.Id,
                ["label"] = o.Label,
                ["arguments"] = o.Arguments.ToString().ToLowerInvariant(),
            })),
        };
    }

    internal static JObject Describe(DesignerWorkbench workbench, IBrowser browser, string objectType)
    {
        var type = workbench.ResolveType(objectType);
        var filterable = browser.GetFilterableFields(type.Id);
        var typed = ValueTree(browser, type);
        return new JObject
        {
            ["id"] = type.Id,
            ["label"] = type.Label,
            ["description"] = type.Description,
            ["parent"] = type.Parent,
            ["idProperty"] = type.IdProperty,
            ["command"] = workbench.Commands.Describe(type.Id),
            ["operations"] = new JArray(type.Operations.Select(o => new JObject
            {
                ["name"] = o.Type.ToDisplayName(),
                ["kind"] = OperationType.FormatKind(o.Type.Kind),
                ["label"] = o.Label,
                ["endpoint"] = o.Endpoint,
                ["targetsObject"] = o.TargetsObject,
                ["needsParent"] = o.NeedsParent,
                ["fields"] = new JArray(browser.GetOperationFields(type.Id, o.Type).Select(f => new JObject
                {
                    ["id"] = f.Id,
                    ["label"] = f.Label,
                    ["type"] = f.Type.ToString().ToLowerInvariant(),
                    ["default"] = f.DefaultValue is null ? null : JToken.FromObject(f.DefaultValue),
                    ["helpText"] = f.HelpText,
                })),
            })),
            ["filterable"] = new JArray(filterable.Select(f => FilterableJson(f, typed))),
            ["sortable"] = new JArray(filterable.Where(f => f.Sortable).Select(f => f.Name)),
        };
    }

    internal static JObject Profiles(DesignerWorkbench workbench, IBrowser browser, string objectType, string operation)
    {
        var (type, op) = workbench.Resolve(objectType, operation);
        var result = new JObject();
        foreach (var definition in browser.GetObjectDefinitions(type.Id, op.Type))
        {
            var role = definition.Role == ObjectDefinitionRole.Input ? "input" : "output";
            var profile = new JObject
            {
                ["contentType"] = definition.ContentType.ToString().ToUpperInvariant(),
                ["command"] = workbench.Commands.Schema(type.Id, op.Type.ToDisplayName(), role),
            };
            if (definition.ContentType == DefinitionContentType.Json && definition.ProfileJson is { } schemaJson)
            {
                var schema = JObject.Parse(schemaJson);
                profile["schema"] = schema;
                profile["tree"] = ProfileTree.Build(schema);
            }

            result[role] = profile;
        }

        return result;
    }

    /// <summary>The field tree that types query values: the QUERY output profile, else the GET one.</summary>
    private static JArray ValueTree(IBrowser browser, ObjectTypeDescriptor type)
    {
        var operation = type.FindOperation(OperationType.Query) ?? type.FindOperation(OperationType.Get);
        var output = operation is null ? null : browser.GetObjectDefinitions(type.Id, operation.Type).FirstOrDefault(d => d.Role == ObjectDefinitionRole.Output);
        return output?.ProfileJson is { } json ? ProfileTree.Build(JObject.Parse(json)) : [];
    }

    private static JObject FilterableJson(FilterableField field, JArray typed)
    {
        var json = new JObject { ["name"] = field.Name, ["operators"] = new JArray(field.Operators), ["sortable"] = field.Sortable };
        if (ProfileTree.Find(typed, field.Name.Replace('/', '.')) is { } node)
        {
            json["type"] = node["type"];
            json["format"] = node["format"];
            json["enum"] = node["enum"];
        }

        return json;
    }

    /// <summary>A route value of the request, e.g. <c>type</c>.</summary>
    internal static string Route(HttpContext context, string name) => (string?)context.Request.RouteValues[name] ?? throw new DesignerRequestException($"'{name}' is missing");
}
