using Connector.OpenApiDerivation.Endpoints;
using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Schemas;

/// <summary>
/// The list sub-collections of the document's objects: for each component that a <c>GET /X/{id}</c> answers, every
/// <c>GET /X/{id}/Y</c> whose 200 answer is an array, with the array's item schema (parameter names ignored, so
/// <c>/conversations/{id}</c> owns <c>/conversations/{conversation_id}/messages</c>).
/// </summary>
internal sealed class SubCollectionIndex
{
    private readonly Dictionary<string, List<(string Segment, JObject Items)>> _byComponent = new(StringComparer.Ordinal);

    public SubCollectionIndex(JObject? paths, CollectionIndex collections)
    {
        var owners = collections.ItemComponentsByShape;
        var lists = new List<(string Shape, JObject Items)>();
        foreach (var path in (paths ?? []).Properties().OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var answer = path.Value["get"]?["responses"]?["200"]?["content"]?["application/json"]?["schema"] as JObject;
            if (answer?["type"]?.ToString() == "array" && answer["items"] is JObject items)
            {
                lists.Add((PathTemplateIndex.Shape(path.Name), items));
            }
        }

        foreach (var (shape, items) in lists)
        {
            var slash = shape.LastIndexOf('/');
            if (slash > 0 && owners.TryGetValue(shape[..slash], out var owner) && !shape[(slash + 1)..].Contains('{', StringComparison.Ordinal))
            {
                if (!_byComponent.TryGetValue(owner, out var segments))
                {
                    _byComponent[owner] = segments = [];
                }

                segments.Add((shape[(slash + 1)..], items));
            }
        }
    }

    /// <summary>The sub-collections (path segment, raw item schema) of the objects a component describes, in path order.</summary>
    public IReadOnlyList<(string Segment, JObject Items)> Of(string component) =>
        _byComponent.TryGetValue(component, out var segments) ? segments : [];
}
