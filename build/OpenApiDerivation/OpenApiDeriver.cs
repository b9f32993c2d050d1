using System.Security.Cryptography;
using System.Text;
using Connector.OpenApiDerivation.Endpoints;
using Connector.OpenApiDerivation.Output;
using Connector.OpenApiDerivation.Relaxations;
using Connector.OpenApiDerivation.Schemas;
using Connector.OpenApiDerivation.Yaml;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation;

/// <summary>
/// Derives the trimmed, relaxed JSON document the connector needs (endpoints, filters, JSON Schema draft-07
/// definitions) from the Connect OpenAPI document and the connector descriptor.
/// </summary>
public sealed class OpenApiDeriver
{
    /// <summary>The command recorded as the generator in the derived document.</summary>
    public const string Generator = "build/derive-openapi.sh";

    /// <summary>
    /// Reads the OpenAPI YAML and the descriptor JSON and writes the derived document (UTF-8, LF, 2-space indent).
    /// The same inputs always produce byte-identical output.
    /// </summary>
    /// <param name="openApiYaml">The OpenAPI 3.0 document; read to the end.</param>
    /// <param name="documentName">The document's file name, recorded in <c>source.document</c>.</param>
    /// <param name="descriptorJson">The connector descriptor.</param>
    /// <param name="output">Receives the derived document.</param>
    /// <param name="cancellationToken">Cancels reading and writing.</param>
    /// <returns>Counts describing the derived document.</returns>
    /// <exception cref="OpenApiDerivationException">A descriptor entry does not match the document, or an input is malformed.</exception>
    public async Task<DerivationResult> DeriveAsync(
        Stream openApiYaml,
        string documentName,
        Stream descriptorJson,
        Stream output,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(openApiYaml);
        ArgumentException.ThrowIfNullOrWhiteSpace(documentName);
        ArgumentNullException.ThrowIfNull(descriptorJson);
        ArgumentNullException.ThrowIfNull(output);

        using var buffer = new MemoryStream();
        await openApiYaml.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        buffer.Position = 0;
        var sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(buffer, cancellationToken).ConfigureAwait(false));
        buffer.Position = 0;
        if (YamlJsonLoader.Load(buffer) is not JObject document)
        {
            throw new OpenApiDerivationException("The OpenAPI document is not a mapping.");
        }

        JToken descriptor;
        using (var reader = new JsonTextReader(new StreamReader(descriptorJson, Encoding.UTF8, leaveOpen: true)))
        {
            descriptor = await JToken.LoadAsync(reader, cancellationToken).ConfigureAwait(false);
        }

        var (derived, result) = Derive(document, descriptor, documentName, sha256);
        await DerivedDocumentWriter.WriteAsync(derived, output, cancellationToken).ConfigureAwait(false);
        return result;
    }

    private static (JObject Document, DerivationResult Result) Derive(JObject document, JToken descriptor, string documentName, string sha256)
    {
        if (document["paths"] is not JObject paths)
        {
            throw new OpenApiDerivationException("The OpenAPI document has no 'paths' mapping.");
        }

        var components = document["components"]?["schemas"] as JObject ?? [];
        var converter = new SchemaConverter(components, paths);
        var builder = new EndpointBuilder(document, converter);

        var operations = DescriptorReader.ReadOperations(descriptor);
        var resolved = ResolveOperations(operations, new PathTemplateIndex(paths), paths);
        AddFieldsDocumentedByFilters(resolved, builder, components, converter);
        var endpoints = resolved.Select(r => builder.Build(r.Operation, r.OpenApiPath)).ToList();

        var unusedRequirements = KnownRequestRequirements.Endpoints
            .Where(e => !operations.Any(o => o.Method + " " + o.Path == e))
            .ToList();

        var definitions = converter.DrainDefinitions();
        var relaxations = RelaxationRecords(converter);

        var sortedEndpoints = endpoints
            .OrderBy(e => (string)e["path"]!, StringComparer.Ordinal)
            .ThenBy(e => (string)e["method"]!, StringComparer.Ordinal)
            .ToList();
        var info = document["info"];
        var derived = new JObject
        {
            ["source"] = new JObject
            {
                ["title"] = info?["title"]?.ToString() ?? string.Empty,
                ["version"] = info?["version"]?.ToString() ?? string.Empty,
                ["document"] = documentName,
                ["sha256"] = sha256,
                ["generator"] = Generator,
            },
            ["relaxations"] = relaxations,
            ["endpoints"] = new JArray(sortedEndpoints),
            ["definitions"] = new JObject(definitions.Select(d => new JProperty(d.Key, d.Value))),
        };

        var result = new DerivationResult(
            sortedEndpoints.Count,
            definitions.Count,
            sortedEndpoints.Sum(e => ((JArray)e["filters"]!).Count),
            relaxations.Count,
            converter.UnresolvedReferences.Count,
            builder.SelectOnlyParameters,
            unusedRequirements,
            sha256);
        return (derived, result);
    }

    /// <summary>
    /// The OpenAPI path of each descriptor operation: the one path of its shape that has its method. Every operation
    /// without exactly one such path is listed in one error, so a descriptor is fixed in one go.
    /// </summary>
    private static List<(DescriptorOperation Operation, string OpenApiPath)> ResolveOperations(IReadOnlyList<DescriptorOperation> operations, PathTemplateIndex index, JObject paths)
    {
        var unmatched = new List<string>();
        var resolved = new List<(DescriptorOperation, string)>();
        foreach (var operation in operations)
        {
            var candidates = index.Match(operation.Path)
                .Where(p => paths[p] is JObject item && item[operation.Method.ToLowerInvariant()] is not null)
                .ToList();
            if (candidates.Count != 1)
            {
                unmatched.Add($"{operation.Method} {operation.Path} (object type '{operation.ObjectType}'): "
                    + (candidates.Count == 0 ? "no OpenAPI path of that shape has this method" : "ambiguous: " + string.Join(", ", candidates)));
                continue;
            }

            resolved.Add((operation, candidates[0]));
        }

        return unmatched.Count == 0
            ? resolved
            : throw new OpenApiDerivationException(
                "These descriptor entries do not match the OpenAPI document:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", unmatched));
    }

    /// <summary>
    /// Applies <see cref="FieldsDocumentedByFilters"/> per object type that has a list operation: its filters' fields are added
    /// to the document's schemas of the object type's answers, before they are converted.
    /// </summary>
    private static void AddFieldsDocumentedByFilters(List<(DescriptorOperation Operation, string OpenApiPath)> resolved, EndpointBuilder builder, JObject components, SchemaConverter converter)
    {
        foreach (var objectType in resolved.GroupBy(r => r.Operation.ObjectType, StringComparer.Ordinal))
        {
            if (objectType.FirstOrDefault(r => EndpointBuilder.IsList(r.Operation)) is not { Operation: not null } list)
            {
                continue;
            }

            SchemaRelaxationCatalog.FilterFields.AddFields(
                ($"GET {list.Operation.Path}", builder.FilterNames(list.Operation, list.OpenApiPath), builder.RawJsonResponses(list.Operation, list.OpenApiPath)),
                objectType.SelectMany(r => builder.RawJsonResponses(r.Operation, r.OpenApiPath)),
                components,
                converter.Shapes,
                converter.Locations);
        }
    }

    /// <summary>One record per relaxation rule (where it fired), plus one for unresolved references when there are any.</summary>
    private static JArray RelaxationRecords(SchemaConverter converter)
    {
        var relaxations = new JArray(SchemaRelaxationCatalog.AllRules.Select(r => RelaxationRecord(r, converter.Locations)));
        if (converter.UnresolvedReferences.Count > 0)
        {
            var record = RelaxationRecord(SchemaRelaxationCatalog.UnresolvedReference, converter.Locations);
            record["references"] = new JArray(converter.UnresolvedReferences);
            relaxations.Add(record);
        }

        return relaxations;
    }

    private static JObject RelaxationRecord(SchemaRelaxation relaxation, RelaxationLocations locations)
    {
        var record = new JObject
        {
            ["id"] = relaxation.Id,
            ["appliesTo"] = relaxation.AppliesTo,
            ["rule"] = relaxation.Rule,
            ["reason"] = relaxation.Reason,
        };
        if (locations.Fired.TryGetValue(relaxation.Id, out var fired))
        {
            record["firedAt"] = new JArray(fired);
        }

        return record;
    }
}
