using Connector.Core.Browsing;
using Connector.Core.Descriptors;
using Connector.Core.Endpoints;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace Connector.Browse.Catalog;

/// <summary>
/// One object type × operation of the catalogue with its precomputed INPUT and OUTPUT profiles.
/// The schemas are shared by every user of the catalogue: read them, never change them (copy first).
/// </summary>
public sealed class ConnectCatalogEntry
{
    internal ConnectCatalogEntry(
        ObjectTypeDescriptor objectType,
        OperationDescriptor operation,
        ApiEndpoint endpoint,
        ObjectDefinition input,
        JObject? inputSchemaJson,
        ObjectDefinition output,
        JObject? outputSchemaJson)
    {
        ObjectType = objectType;
        Operation = operation;
        Endpoint = endpoint;
        Input = input;
        InputSchemaJson = inputSchemaJson;
        Output = output;
        OutputSchemaJson = outputSchemaJson;
    }

    /// <summary>The descriptor's object type of this entry (shared with the descriptor, not a copy).</summary>
    public ObjectTypeDescriptor ObjectType { get; }

    /// <summary>The operation (and the endpoint behind it, as the descriptor declares it).</summary>
    public OperationDescriptor Operation { get; }

    /// <summary>The endpoint as derived from the API document: schemas, examples, filters.</summary>
    public ApiEndpoint Endpoint { get; }

    /// <summary>The INPUT profile: one input document.</summary>
    public ObjectDefinition Input { get; }

    /// <summary>The OUTPUT profile: one output document.</summary>
    public ObjectDefinition Output { get; }

    /// <summary>The INPUT schema (JSON profiles only), every reference resolved; validates one input document.</summary>
    public JsonSchema? InputSchema => Input.Schema;

    /// <summary>The INPUT schema as JSON (self-contained: definitions inside). Shared: do not change it.</summary>
    public JObject? InputSchemaJson { get; }

    /// <summary>The OUTPUT schema (JSON profiles only), every reference resolved; validates one output document.</summary>
    public JsonSchema? OutputSchema => Output.Schema;

    /// <summary>The OUTPUT schema as JSON (self-contained: definitions inside). Shared: do not change it.</summary>
    public JObject? OutputSchemaJson { get; }

    /// <inheritdoc />
    public override string ToString() => $"{ObjectType.Id} {Operation.Type}";
}
