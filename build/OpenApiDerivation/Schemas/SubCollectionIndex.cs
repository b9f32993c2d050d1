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
    private readonly Dictionary<string, List<string>> _ownersByItemComponent = new(StringComparer.Ordinal);

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
                if (ComponentReferences.NameOf(items) is { } itemComponent)
                {
                    if (!_ownersByItemComponent.TryGetValue(itemComponent, out var itemOwners))
                    {
                        _ownersByItemComponent[itemComponent] = itemOwners = [];
                    }

                    if (!itemOwners.Contains(owner, StringComparer.Ordinal))
                    {
                        itemOwners.Add(owner);
                    }
                }
            }
        }
    }

    /// <summary>The sub-collections (path segment, raw item schema) of the objects a component describes, in path order.</summary>
    public IReadOnlyList<(string Segment, JObject Items)> Of(string component) =>
        _byComponent.TryGetValue(component, out var segments) ? segments : [];

    /// <summary>
    /// The components whose sub-collections list <paramref name="itemComponent"/> as their items (<c>conversations.Message</c>
    /// -> <c>conversations.Conversation</c>, from <c>/conversations/{id}/messages</c>), in path order, each once.
    /// </summary>
    public IReadOnlyList<string> OwnersOf(string itemComponent) =>
        _ownersByItemComponent.TryGetValue(itemComponent, out var owners) ? owners : [];
}
