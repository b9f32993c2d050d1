using NJsonSchema;

namespace Connector.Core.Browsing;

/// <summary>The profile of one role of an operation: its content type and, for JSON, a self-contained JSON schema.</summary>
/// <param name="Role">INPUT or OUTPUT.</param>
/// <param name="ContentType">JSON, BINARY or NONE.</param>
/// <param name="Schema">The JSON schema (definitions inside, every reference resolvable), for JSON profiles.</param>
public sealed record ObjectDefinition(ObjectDefinitionRole Role, DefinitionContentType ContentType, JsonSchema? Schema)
{
    /// <summary>The schema as JSON text, or null.</summary>
    /// <returns>The schema as JSON text, or null when the profile has no schema (BINARY or NONE content).</returns>
    public string? ToSchemaJson() => Schema?.ToJson();
}
