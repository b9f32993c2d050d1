using NUnit.Framework;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace Connector.Tests.OpenApiDerivation;

/// <summary>
/// The committed derived document (copied to the test output with the descriptor) and the way a consumer
/// turns one of its schemas into a standalone JSON Schema: the schema plus the definitions it reaches.
/// </summary>
internal static class DerivedDocumentFixture
{
    private static readonly Lazy<JObject> Derived = new(() => Load("descriptor", "openapi", "connect-openapi-v37.derived.json"));
    private static readonly Lazy<JObject> Descriptor = new(() => Load("descriptor", "connect.descriptor.json"));

    public static JObject Document => Derived.Value;

    public static JObject ConnectorDescriptor => Descriptor.Value;

    public static IEnumerable<JObject> Endpoints => ((JArray)Document["endpoints"]!).Cast<JObject>();

    public static JObject Endpoint(string method, string path) =>
        Endpoints.Single(e => (string)e["method"]! == method && (string)e["path"]! == path);

    /// <summary>
    /// The schema with a <c>definitions</c> member holding every definition it reaches; a bare root reference is replaced by
    /// the definition it names, as the browser's profiles do (NJsonSchema cannot resolve a root <c>$ref</c> whose target
    /// reaches itself again through a cycle: a message's <c>conversation</c> embeds its <c>messages</c>).
    /// </summary>
    public static JObject Standalone(JToken schema)
    {
        var definitions = (JObject)Document["definitions"]!;
        if (schema is JObject { Count: 1 } bare && bare["$ref"] is JValue { Type: JTokenType.String } root)
        {
            schema = definitions[((string)root!)["#/definitions/".Length..]] ?? throw new InvalidOperationException("Dangling reference " + root);
        }

        var reached = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<JToken>();
        pending.Push(schema);
        while (pending.Count > 0)
        {
            foreach (var reference in References(pending.Pop()))
            {
                var name = reference["#/definitions/".Length..];
                if (reached.Add(name))
                {
                    pending.Push(definitions[name] ?? throw new InvalidOperationException("Dangling reference " + reference));
                }
            }
        }

        var standalone = new JObject { ["$schema"] = "http://json-schema.org/draft-07/schema#" };
        foreach (var property in ((JObject)schema).Properties())
        {
            standalone[property.Name] = property.Value.DeepClone();
        }

        standalone["definitions"] = new JObject(reached.Select(n => new JProperty(n, definitions[n]!.DeepClone())));
        return standalone;
    }

    public static Task<JsonSchema> LoadSchemaAsync(JToken schema) =>
        JsonSchema.FromJsonAsync(Standalone(schema).ToString(), CancellationToken.None);

    public static IEnumerable<string> References(JToken token) => token switch
    {
        JObject obj => obj.Properties().SelectMany(p =>
            p.Name == "$ref" && p.Value.Type == JTokenType.String ? [(string)p.Value!] : References(p.Value)),
        JArray array => array.SelectMany(References),
        _ => [],
    };

    private static JObject Load(params string[] relative)
    {
        var path = Path.Combine([TestContext.CurrentContext.TestDirectory, .. relative]);
        return JObject.Parse(File.ReadAllText(path));
    }
}
