using Connector.OpenApiDerivation.Schemas;
using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Relaxations;

/// <summary>
/// What a per-node rule may look at besides the converted node: the document's own schema of that node (references
/// not followed, so a rule can read the fields a converted <c>$ref</c> hides), which component it is, the document's
/// indexes, and a way to convert what it borrows.
/// </summary>
/// <param name="Raw">The document's schema of the node (OpenAPI, not converted).</param>
/// <param name="Component">The component name when the node is a whole component schema (<c>conversations.Conversation</c>), else null.</param>
/// <param name="Shapes">The document's property shapes, which also resolve component references and <c>allOf</c>.</param>
/// <param name="SubCollections">The document's list sub-collections per component.</param>
/// <param name="Views">The components that document another view of the same object.</param>
/// <param name="Convert">Converts a schema of the document for the role being converted (every rule applies).</param>
/// <param name="ConvertField">
/// Converts a schema of the document as the named field of this node (where rules fire inside it is recorded under that
/// field), for a rule that adds a field.
/// </param>
/// <param name="Shared">Returns a reference to the definition <c>ROLE.KEY</c>, building it once with the given function (as <see cref="PropertyContext.Shared"/>).</param>
internal sealed record NodeContext(
    JObject Raw,
    string? Component,
    PropertyShapeIndex Shapes,
    SubCollectionIndex SubCollections,
    ObjectViewIndex Views,
    Func<JToken, JObject> Convert,
    Func<string, JToken, JObject> ConvertField,
    Func<string, Func<JObject>, JObject> Shared)
{
    /// <summary>
    /// Whether the node is a whole component schema with converted <c>properties</c> of its own: the component's name, those
    /// converted properties (a rule may change them) and the fields the document gives it (references and <c>allOf</c> followed).
    /// </summary>
    public bool IsComponentWithProperties(JObject schema, out string component, out JObject properties, out JObject documented)
    {
        component = Component ?? string.Empty;
        properties = schema["properties"] as JObject ?? [];
        documented = Shapes.ObjectProperties(Raw) ?? [];
        return Component is not null && schema["properties"] is JObject && documented.Count > 0;
    }
}
