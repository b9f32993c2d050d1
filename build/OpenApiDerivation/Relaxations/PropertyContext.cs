using Connector.OpenApiDerivation.Schemas;
using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Relaxations;

/// <summary>One property being converted, for the context-aware rules (<see cref="PropertyRelaxation"/>).</summary>
/// <param name="Name">The property name.</param>
/// <param name="Raw">The document's schema of the property (OpenAPI, not converted).</param>
/// <param name="Converted">The converted, node-relaxed schema.</param>
/// <param name="Role">The role being converted.</param>
/// <param name="Shapes">Every shape the document gives each property name.</param>
/// <param name="Convert">Converts a schema borrowed from elsewhere in the document (every rule applies).</param>
/// <param name="Shared">
/// Returns a reference to the definition <c>ROLE.KEY</c>, building it once with the given function (a rule's shared
/// schema per property name, so the derived file holds it once; a cycle back to a definition being built gets the reference).
/// </param>
internal sealed record PropertyContext(
    string Name,
    JToken Raw,
    JObject Converted,
    SchemaRole Role,
    PropertyShapeIndex Shapes,
    Func<JToken, JObject> Convert,
    Func<string, Func<JObject>, JObject> Shared);
