using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Schemas;

/// <summary>References to the document's component schemas: <c>{"$ref": "#/components/schemas/NAME"}</c>.</summary>
internal static class ComponentReferences
{
    /// <summary>What every component schema reference starts with.</summary>
    public const string Prefix = "#/components/schemas/";

    /// <summary>The component a reference names (<c>dp.Subscription</c>), or null when it is not a component schema reference.</summary>
    public static string? NameOf(string reference) =>
        reference.StartsWith(Prefix, StringComparison.Ordinal) ? reference[Prefix.Length..] : null;

    /// <summary>The component a schema's <c>$ref</c> names, or null when the schema is not a component schema reference.</summary>
    public static string? NameOf(JToken? schema) =>
        schema?["$ref"] is JValue { Type: JTokenType.String } reference ? NameOf((string)reference!) : null;
}
