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

        // The JSON side is cheap and done in order; loading into NJsonSchema dominates and runs in parallel.
        var drafts = descriptor.ObjectTypes.SelectMany(t => Draft(t, api)).ToList();
        var inputs = new ObjectDefinition[drafts.Count];
        var outputs = new ObjectDefinition[drafts.Count];
        var options = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        await Parallel.ForAsync(0, drafts.Count, options, async (i, token) =>
        {
            var draft = drafts[i];
            inputs[i] = await DefinitionAsync(ObjectDefinitionRole.Input, draft.InputType, draft.InputJson, token).ConfigureAwait(false);
            outputs[i] = await DefinitionAsync(ObjectDefinitionRole.Output, draft.OutputType, draft.OutputJson, token).ConfigureAwait(false);
        }).ConfigureAwait(false);

        return drafts
            .Select((d, i) => new ConnectCatalogEntry(d.ObjectType, d.Operation, d.Endpoint, inputs[i], d.InputJson, outputs[i], d.OutputJson))
            .ToList();
    }

    private static IEnumerable<EntryDraft> Draft(ObjectTypeDescriptor objectType, ApiCatalog api)
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
            var inputJson = input.Schema is null ? null : ProfileSchemaFactory.Build(api, input.Schema, Title(objectType, operation, "input"), endpoint.Summary);
            var outputJson = output.Schema is null ? null : ProfileSchemaFactory.Build(api, output.Schema, Title(objectType, operation, "output"), endpoint.Summary);
            if (outputJson is not null)
            {
                ReadOnlyMarking.Mark(outputJson, ReadOnlyMarking.WritableFields(objectType, objectWriteProfiles, input.Schema, api.Definitions));
            }

            yield return new EntryDraft(objectType, operation, endpoint, input.ContentType, inputJson, output.ContentType, outputJson);
        }
    }

    /// <summary>The INPUT profile JSON of one entry (null when it takes no JSON body), as the catalogue builds it.</summary>
    public static JObject? InputSchemaJson(ObjectTypeDescriptor objectType, OperationDescriptor operation, ApiCatalog api)
    {
        var endpoint = api.Find(operation.Method, operation.Path)
            ?? throw new FormatException($"The derived OpenAPI data has no endpoint for {objectType.Id} {operation.Type} ({operation.Endpoint}).");
        var input = ProfileRules.Input(operation, endpoint, api.Definitions);
        return input.Schema is null ? null : ProfileSchemaFactory.Build(api, input.Schema, Title(objectType, operation, "input"), endpoint.Summary);
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

    private sealed record EntryDraft(
        ObjectTypeDescriptor ObjectType,
        OperationDescriptor Operation,
        ApiEndpoint Endpoint,
        DefinitionContentType InputType,
        JObject? InputJson,
        DefinitionContentType OutputType,
        JObject? OutputJson);
}
