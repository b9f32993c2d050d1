using Newtonsoft.Json.Linq;

namespace Connector.Browse.Learning;

/// <summary>
/// Schemas inferred from sample values (what the documentation lacked). Every node built here carries
/// <c>"x-observed": true</c>; observed nodes widen their <c>type</c> list in place instead of branching.
/// </summary>
internal static class ObservedSchema
{
    /// <summary>The annotation that marks what the learner added.</summary>
    public const string Marker = "x-observed";

    /// <summary>Whether a node was added by the learner.</summary>
    public static bool IsObserved(JObject schema) => schema[Marker] is JValue { Type: JTokenType.Boolean } flag && (bool)flag!;

    /// <summary>A new observed node of the value's type; objects and arrays are filled by merging the value into it.</summary>
    public static JObject Empty(string kind) => new() { ["type"] = kind, [Marker] = true };
}
