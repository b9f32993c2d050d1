using Connector.OpenApiDerivation.Schemas;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NUnit.Framework;

namespace Connector.Tests.OpenApiDerivation.Relaxations;

/// <summary>Checks on a converted schema together with the definitions the converter drained for it.</summary>
internal static class ConvertedSchemas
{
    /// <summary>Converts one component of a tiny document for the response role: its definition and every drained definition.</summary>
    public static (JObject Schema, JObject Definitions) ConvertResponse(JObject components, string component)
    {
        var converter = new SchemaConverter(components);
        converter.Convert(JObject.Parse($$"""{"$ref":"#/components/schemas/{{component}}"}"""), SchemaRole.Response);
        var definitions = new JObject(converter.DrainDefinitions().Select(d => new JProperty(d.Key, d.Value)));
        return ((JObject)definitions["response." + component]!, definitions);
    }

    /// <summary>The schema with the definitions attached, loadable on its own (a copy).</summary>
    public static JObject Standalone(JObject schema, JObject definitions)
    {
        var standalone = (JObject)schema.DeepClone();
        standalone["definitions"] = definitions.DeepClone();
        return standalone;
    }

    /// <summary>Fails, listing the validation errors, unless the schema accepts the JSON text.</summary>
    public static async Task AssertAcceptsAsync(JObject schema, JObject definitions, string json)
    {
        var validator = await JsonSchema.FromJsonAsync(Standalone(schema, definitions).ToString());
        Assert.That(validator.Validate(json).Select(e => e.ToString()), Is.Empty, json);
    }
}
