using Connector.Core.Browsing;
using Connector.Core.Descriptors;
using Connector.Core.Endpoints;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace Connector.Browse.Catalog;

/// <summary>
/// One object type × operation of the catalogue with its precomputed INPUT and OUTPUT profiles (their JSON text,
/// <see cref="ObjectDefinition.ProfileJson"/>); the NJsonSchema and JSON object forms are made from that text on first use.
/// The schemas are shared by every user of the catalogue: read them, never change them (copy first).
/// </summary>
public sealed class ConnectCatalogEntry
{
    private readonly Lazy<JObject?> _inputSchemaJson;
    private readonly Lazy<JObject?> _outputSchemaJson;

    internal ConnectCatalogEntry(
        ObjectTypeDescriptor objectType,
        OperationDescriptor operation,
        ApiEndpoint endpoint,
        ObjectDefinition input,
        ObjectDefinition output)
    {
        ObjectType = objectType;
        Operation = operation;
        Endpoint = endpoint;
        Input = input;
        Output = output;
        _inputSchemaJson = new Lazy<JObject?>(() => Parse(input.ProfileJson));
        _outputSchemaJson = new Lazy<JObject?>(() => Parse(output.ProfileJson));
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

    /// <summary>The INPUT schema as JSON (self-contained: definitions inside), parsed on first read. Shared: do not change it.</summary>
    public JObject? InputSchemaJson => _inputSchemaJson.Value;

    /// <summary>The OUTPUT schema (JSON profiles only), every reference resolved; validates one output document.</summary>
    public JsonSchema? OutputSchema => Output.Schema;

    /// <summary>The OUTPUT schema as JSON (self-contained: definitions inside), parsed on first read. Shared: do not change it.</summary>
    public JObject? OutputSchemaJson => _outputSchemaJson.Value;

    /// <inheritdoc />
    public override string ToString() => $"{ObjectType.Id} {Operation.Type}";

    /// <summary>The profile text as a JSON object, strings kept as written (as the derived data was read).</summary>
    private static JObject? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }

        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
        return JObject.Load(reader);
    }
}
