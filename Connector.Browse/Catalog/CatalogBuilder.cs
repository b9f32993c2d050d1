using Connector.Browse.Profiles;
using Connector.Core.Browsing;
using Connector.Core.Descriptors;
using Connector.Core.Endpoints;
using Connector.Core.Operations;
using Newtonsoft.Json.Linq;

namespace Connector.Browse.Catalog;

/// <summary>
/// Builds catalogue entries (object type × operation, both roles) from the descriptor and the derived data: all of
/// them at once, or one alone (what a browser needs to answer for one object type). An entry's product is its
/// profiles' JSON text (<see cref="ProfileJsonWriter"/>: every reference resolved at build time; the text written,
/// each shared definition serialized once for all profiles, when first read); the NJsonSchema objects are loaded
/// from that text on first use.
/// </summary>
internal static class CatalogBuilder
{
    /// <summary>Builds every entry, in descriptor order.</summary>
    /// <exception cref="FormatException">The derived data lacks an endpoint the descriptor uses, or a schema is malformed.</exception>
    public static IReadOnlyList<ConnectCatalogEntry> BuildEntries(ConnectorDescriptor descriptor, ProfileJsonWriter profiles, CancellationToken cancellationToken)
    {
        CheckEndpoints(descriptor.ObjectTypes, profiles.Api);
        var entries = new List<ConnectCatalogEntry>();
        foreach (var objectType in descriptor.ObjectTypes)
        {
            var writeFields = WriteFields(objectType, profiles.Api);
            foreach (var operation in objectType.Operations)
            {
                cancellationToken.ThrowIfCancellationRequested();
                entries.Add(BuildEntry(objectType, operation, profiles, writeFields));
            }
        }

        return entries;
    }

    /// <summary>Builds one entry alone, with the same rules as <see cref="BuildEntries"/>.</summary>
    /// <exception cref="FormatException">The derived data lacks an endpoint the object type uses, or a schema is malformed.</exception>
    public static ConnectCatalogEntry BuildEntry(ObjectTypeDescriptor objectType, OperationDescriptor operation, ProfileJsonWriter profiles)
    {
        CheckEndpoints([objectType], profiles.Api);
        return BuildEntry(objectType, operation, profiles, WriteFields(objectType, profiles.Api));
    }

    /// <summary>The INPUT profile JSON text of one entry (null when it takes no JSON body), as the catalogue builds it.</summary>
    /// <exception cref="FormatException">The derived data has no endpoint for the entry, or its schema is malformed.</exception>
    public static string? InputProfileJson(ObjectTypeDescriptor objectType, OperationDescriptor operation, ProfileJsonWriter profiles)
    {
        var endpoint = profiles.Api.Find(operation.Method, operation.Path)
            ?? throw new FormatException($"The derived OpenAPI data has no endpoint for {objectType.Id} {operation.Type} ({operation.Endpoint}).");
        var input = ProfileRules.Input(operation, endpoint, profiles.Api.Definitions);
        return input.Schema is null ? null : profiles.Write(input.Schema, Title(objectType, operation, "input"), endpoint.Summary, writable: null).Join();
    }

    private static void CheckEndpoints(IEnumerable<ObjectTypeDescriptor> objectTypes, ApiCatalog api)
    {
        var missing = objectTypes
            .SelectMany(t => t.Operations.Where(o => !api.Contains(o.Method, o.Path)).Select(o => $"{t.Id} {o.Type} ({o.Endpoint})"))
            .ToList();
        if (missing.Count > 0)
        {
            throw new FormatException("The derived OpenAPI data has no endpoint for: " + string.Join("; ", missing) + ".");
        }
    }

    /// <summary>The root fields of the object type's CREATE and UPDATE JSON inputs (what makes an OUTPUT field writable).</summary>
    private static IReadOnlySet<string> WriteFields(ObjectTypeDescriptor objectType, ApiCatalog api) =>
        ReadOnlyMarking.RootFields(
            objectType.Operations
                .Where(o => o.Type.Kind is OperationKind.Create or OperationKind.Update)
                .Select(o => ProfileRules.Input(o, api.Find(o.Method, o.Path)!, api.Definitions).Schema)
                .OfType<JObject>(),
            api.Definitions);

    /// <summary>One entry: both profiles' standalone schema text, the OUTPUT's read-only fields marked.</summary>
    private static ConnectCatalogEntry BuildEntry(ObjectTypeDescriptor objectType, OperationDescriptor operation, ProfileJsonWriter profiles, IReadOnlySet<string> writeFields)
    {
        var api = profiles.Api;
        var endpoint = api.Find(operation.Method, operation.Path)!;
        var input = ProfileRules.Input(operation, endpoint, api.Definitions);
        var output = ProfileRules.Output(objectType, operation, endpoint, api, profiles.Union);
        var inputJson = input.Schema is null ? null : profiles.Write(input.Schema, Title(objectType, operation, "input"), endpoint.Summary, writable: null);
        var outputJson = output.Schema is null
            ? null
            : profiles.Write(
                output.Schema,
                Title(objectType, operation, "output"),
                endpoint.Summary,
                ReadOnlyMarking.WritableFields(objectType, writeFields, input.Schema, api.Definitions));
        return new ConnectCatalogEntry(
            objectType,
            operation,
            endpoint,
            Definition(ObjectDefinitionRole.Input, input.ContentType, inputJson),
            Definition(ObjectDefinitionRole.Output, output.ContentType, outputJson));
    }

    /// <summary>The root title, e.g. "Request (APPROVE input)".</summary>
    private static string Title(ObjectTypeDescriptor objectType, OperationDescriptor operation, string role) =>
        $"{objectType.Label} ({operation.Type.ToDisplayName()} {role})";

    private static ObjectDefinition Definition(ObjectDefinitionRole role, DefinitionContentType contentType, SplicedProfile? json) =>
        json is null ? new ObjectDefinition(role, contentType, null) : new ObjectDefinition(role, json.Join);
}
