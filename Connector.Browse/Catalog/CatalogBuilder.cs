using Connector.Browse.Profiles;
using Connector.Core.Browsing;
using Connector.Core.Descriptors;
using Connector.Core.Endpoints;
using Connector.Core.Operations;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace Connector.Browse.Catalog;

/// <summary>Builds every entry of the catalogue (object type × operation, both roles) from the descriptor and the derived data.</summary>
internal static class CatalogBuilder
{
    /// <summary>Builds the entries in descriptor order.</summary>
    /// <exception cref="FormatException">The derived data lacks an endpoint the descriptor uses, or a schema is malformed.</exception>
    public static async Task<IReadOnlyList<ConnectCatalogEntry>> BuildEntriesAsync(
        ConnectorDescriptor descriptor,
        ApiCatalog api,
        CancellationToken cancellationToken)
    {
        var missing = descriptor.ObjectTypes
            .SelectMany(t => t.Operations.Where(o => api.Find(o.Method, o.Path) is null).Select(o => $"{t.Id} {o.Type} ({o.Endpoint})"))
            .ToList();
        if (missing.Count > 0)
        {
            throw new FormatException("The derived OpenAPI data has no endpoint for: " + string.Join("; ", missing) + ".");
        }

        var entries = new List<ConnectCatalogEntry>();
        foreach (var objectType in descriptor.ObjectTypes)
        {
            var plans = objectType.Operations
                .Select(o => (Operation: o, Endpoint: api.Find(o.Method, o.Path)!))
                .Select(x => (x.Operation, x.Endpoint, Input: ProfileRules.Input(x.Operation, x.Endpoint, api.Definitions), Output: ProfileRules.Output(objectType, x.Operation, x.Endpoint, api)))
                .ToList();
            var objectWriteProfiles = plans
                .Where(p => p.Operation.Type.Kind is OperationKind.Create or OperationKind.Update && p.Input.Schema is not null)
                .Select(p => p.Input.Schema!)
                .ToList();
            foreach (var (operation, endpoint, input, output) in plans)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var inputJson = input.Schema is null ? null : ProfileSchemaFactory.Build(api, input.Schema, Title(objectType, operation, "input"), endpoint.Summary);
                var outputJson = output.Schema is null ? null : ProfileSchemaFactory.Build(api, output.Schema, Title(objectType, operation, "output"), endpoint.Summary);
                if (outputJson is not null)
                {
                    ReadOnlyMarking.Mark(outputJson, ReadOnlyMarking.WritableFields(objectType, objectWriteProfiles, input.Schema, api.Definitions));
                }

                entries.Add(new ConnectCatalogEntry(
                    objectType,
                    operation,
                    endpoint,
                    await DefinitionAsync(ObjectDefinitionRole.Input, input.ContentType, inputJson, cancellationToken).ConfigureAwait(false),
                    inputJson,
                    await DefinitionAsync(ObjectDefinitionRole.Output, output.ContentType, outputJson, cancellationToken).ConfigureAwait(false),
                    outputJson));
            }
        }

        return entries;
    }

    /// <summary>The root title, e.g. "Request (APPROVE input)".</summary>
    private static string Title(ObjectTypeDescriptor objectType, OperationDescriptor operation, string role) =>
        $"{objectType.Label} ({operation.Type.ToDisplayName()} {role})";

    private static async Task<ObjectDefinition> DefinitionAsync(
        ObjectDefinitionRole role,
        DefinitionContentType contentType,
        JObject? json,
        CancellationToken cancellationToken)
    {
        var schema = json is null ? null : await JsonSchema.FromJsonAsync(json.ToString(Formatting.None), cancellationToken).ConfigureAwait(false);
        return new ObjectDefinition(role, contentType, schema);
    }
}
