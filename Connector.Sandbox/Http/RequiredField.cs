using System.Text.Json;
using System.Text.Json.Nodes;
using Connector.Sandbox.Data;

namespace Connector.Sandbox.Http;

/// <summary>
/// A field a route's JSON body must carry, declared beside the route. <see cref="Missing"/> checks a body against a
/// route's list in one place and names every missing field as Connect's validation answer does (400 <c>VAL_001</c>,
/// <c>"field: This field is required."</c>), so no handler writes its own presence checks.
/// </summary>
internal sealed class RequiredField
{
    private readonly string[] paths;
    private readonly Func<JsonNode?, bool> present;
    private readonly string message;

    private RequiredField(string[] paths, Func<JsonNode?, bool> present, string message)
    {
        this.paths = paths;
        this.present = present;
        this.message = message;
    }

    /// <summary>A string that is not blank.</summary>
    public static RequiredField Text(string path) => new([path], IsText, path + ": This field is required.");

    /// <summary>A field that must hold a JSON object (an empty one counts); anything else is reported as missing.</summary>
    public static RequiredField Object(string path) => new([path], n => n is JsonObject, path + ": This field is required.");

    /// <summary>Any value but null.</summary>
    public static RequiredField Value(string path) => new([path], n => n is not null, path + ": This field is required.");

    /// <summary>At least one of <paramref name="paths"/> as a string that is not blank (Connect names the first).</summary>
    public static RequiredField OneOf(params string[] paths) =>
        new(paths, IsText, $"{paths[0]}: {string.Join(" or ", paths)} is required.");

    /// <summary>The messages of the fields of <paramref name="fields"/> that <paramref name="body"/> lacks, in declared order.</summary>
    public static List<string> Missing(JsonObject body, IEnumerable<RequiredField> fields) =>
        [.. fields.Where(f => !f.paths.Any(p => f.present(JsonPath.Find(body, p)))).Select(f => f.message)];

    private static bool IsText(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetValue<string>());
}
