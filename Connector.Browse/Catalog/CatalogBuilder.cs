using Connector.Browse.Profiles;
using Connector.Core.Browsing;
using Connector.Core.Descriptors;
using Connector.Core.Endpoints;
using Connector.Core.Operations;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace Connector.Browse.Catalog;

/// <summary>
/// Builds catalogue entries (object type × operation, both roles) from the descriptor and the derived data: all of
/// them at once, or one alone (what a browser needs to answer for one object type).
/// </summary>
internal static class CatalogBuilder
{
    /// <summary>Builds every entry, in descriptor order.</summary>
    /// <exception cref="FormatException">The derived data lacks an endpoint the descriptor uses, or a schema is malformed.</exception>
    public static async Task<IReadOnlyList<ConnectCatalogEntry>> BuildEntriesAsync(
        ConnectorDescriptor descriptor,
        ApiCatalog api,
        CancellationToken cancellationToken)
    {
        CheckEndpoints(descriptor.ObjectTypes, api);

        // The JSON side is cheap and done in order; loading into NJsonSchema dominates and runs in parallel.
        var drafts = descriptor.ObjectTypes
            .SelectMany(t =>
            {
                var writeProfiles = WriteProfiles(t, api);
                return t.Operations.Select(o => Draft(t, o, api, writeProfiles));
            })
            .ToList();
        var inputs = new ObjectDefinition[drafts.Count];
        var outputs = new ObjectDefinition[drafts.Count];
        var options = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        await Parallel.ForAsync(0, drafts.Count, options, async (i, token) =>
        {
            var draft = drafts[i];
            inputs[i] = await DefinitionAsync(ObjectDefinitionRole.Input, draft.InputType, draft.InputJson, token).ConfigureAwait(false);
            outputs[i] = await DefinitionAsync(ObjectDefinitionRole.Output, draft.OutputType, draft.OutputJson, token).ConfigureAwait(false);
        }).ConfigureAwait(false);

        return drafts.Select((d, i) => d.ToEntry(inputs[i], outputs[i])).ToList();
    }

    /// <summary>Builds one entry alone, with the same rules as <see cref="BuildEntriesAsync"/>.</summary>
    /// <exception cref="FormatException">The derived data lacks an endpoint the object type uses, or a schema is malformed.</exception>
    public static async Task<ConnectCatalogEntry> BuildEntryAsync(
        ObjectTypeDescriptor objectType,
        OperationDescriptor operation,
        ApiCatalog api,
        CancellationToken cancellationToken)
    {
        CheckEndpoints([objectType], api);
        var draft = Draft(objectType, operation, api, WriteProfiles(objectType, api));
        var input = await DefinitionAsync(ObjectDefinitionRole.Input, draft.InputType, draft.InputJson, cancellationToken).ConfigureAwait(false);
        var output = await DefinitionAsync(ObjectDefinitionRole.Output, draft.OutputType, draft.OutputJson, cancellationToken).ConfigureAwait(false);
        return draft.ToEntry(input, output);
    }

    /// <summary>The INPUT profile JSON of one entry (null when it takes no JSON body), as the catalogue builds it.</summary>
    public static JObject? InputSchemaJson(ObjectTypeDescriptor objectType, OperationDescriptor operation, ApiCatalog api)
    {
        var endpoint = api.Find(operation.Method, operation.Path)
            ?? throw new FormatException($"The derived OpenAPI data has no endpoint for {objectType.Id} {operation.Type} ({operation.Endpoint}).");
        var input = ProfileRules.Input(operation, endpoint, api.Definitions);
        return input.Schema is null ? null : ProfileSchemaFactory.Build(api, input.Schema, Title(objectType, operation, "input"), endpoint.Summary);
    }

    private static void CheckEndpoints(IEnumerable<ObjectTypeDescriptor> objectTypes, ApiCatalog api)
    {
        var missing = objectTypes
            .SelectMany(t => t.Operations.Where(o => api.Find(o.Method, o.Path) is null).Select(o => $"{t.Id} {o.Type} ({o.Endpoint})"))
            .ToList();
        if (missing.Count > 0)
        {
            throw new FormatException("The derived OpenAPI data has no endpoint for: " + string.Join("; ", missing) + ".");
        }
    }

    /// <summary>The derived schemas of the object type's CREATE and UPDATE JSON inputs (what makes an OUTPUT field writable).</summary>
    private static List<JObject> WriteProfiles(ObjectTypeDescriptor objectType, ApiCatalog api) =>
        objectType.Operations
            .Where(o => o.Type.Kind is OperationKind.Create or OperationKind.Update)
            .Select(o => ProfileRules.Input(o, api.Find(o.Method, o.Path)!, api.Definitions).Schema)
            .OfType<JObject>()
            .ToList();

    /// <summary>The JSON side of one entry: both profiles' standalone schemas, the OUTPUT's read-only fields marked.</summary>
    private static EntryDraft Draft(ObjectTypeDescriptor objectType, OperationDescriptor operation, ApiCatalog api, IReadOnlyList<JObject> writeProfiles)
    {
        var endpoint = api.Find(operation.Method, operation.Path)!;
        var input = ProfileRules.Input(operation, endpoint, api.Definitions);
        var output = ProfileRules.Output(objectType, operation, endpoint, api);
        var inputJson = input.Schema is null ? null : ProfileSchemaFactory.Build(api, input.Schema, Title(objectType, operation, "input"), endpoint.Summary);
        var outputJson = output.Schema is null ? null : ProfileSchemaFactory.Build(api, output.Schema, Title(objectType, operation, "output"), endpoint.Summary);
        if (outputJson is not null)
        {
            ReadOnlyMarking.Mark(outputJson, ReadOnlyMarking.WritableFields(objectType, writeProfiles, input.Schema, api.Definitions));
        }

        return new EntryDraft(objectType, operation, endpoint, input.ContentType, inputJson, output.ContentType, outputJson);
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
        JObject? OutputJson)
    {
        public ConnectCatalogEntry ToEntry(ObjectDefinition input, ObjectDefinition output) =>
            new(ObjectType, Operation, Endpoint, input, InputJson, output, OutputJson);
    }
}
