using Connector.Core.Browsing;
using Newtonsoft.Json.Linq;

namespace Connector.Browse.Profiles;

/// <summary>What one role of an operation is: its content type and, for JSON, the derived schema it starts from.</summary>
/// <param name="ContentType">JSON, BINARY or NONE.</param>
/// <param name="Schema">For JSON, the derived schema (its references point into the catalog's definitions; not a copy).</param>
internal sealed record ProfilePlan(DefinitionContentType ContentType, JObject? Schema)
{
    public static ProfilePlan None { get; } = new(DefinitionContentType.None, null);

    public static ProfilePlan Binary { get; } = new(DefinitionContentType.Binary, null);

    public static ProfilePlan Json(JObject schema) => new(DefinitionContentType.Json, schema);
}
