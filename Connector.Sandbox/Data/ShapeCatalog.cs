using System.Collections.Frozen;
using System.Text.Json.Nodes;

namespace Connector.Sandbox.Data;

/// <summary>The response shapes of every collection, read once from the embedded shapes.json.</summary>
internal sealed class ShapeCatalog
{
    private static readonly Lazy<ShapeCatalog> Shared = new(Load);
    private readonly FrozenDictionary<string, Shape> shapes;
    private readonly FrozenDictionary<string, FrozenSet<string>> paths;

    private ShapeCatalog(Dictionary<string, Shape> shapes)
    {
        this.shapes = shapes.ToFrozenDictionary();
        paths = shapes.ToFrozenDictionary(s => s.Key, s => CollectPaths(s.Value).ToFrozenSet());
    }

    public static ShapeCatalog Instance => Shared.Value;

    public Shape this[string name] => shapes[name];

    /// <summary>True when <paramref name="dottedPath"/> is a documented field (or sub-object) of the collection.</summary>
    public bool IsKnownPath(string name, string dottedPath) =>
        paths.TryGetValue(name, out var set) && set.Contains(dottedPath);

    private static ShapeCatalog Load()
    {
        using var stream = typeof(ShapeCatalog).Assembly.GetManifestResourceStream("Connector.Sandbox.shapes.json")
            ?? throw new InvalidOperationException("The shapes.json resource is missing.");
        var root = JsonNode.Parse(stream)!.AsObject();
        return new ShapeCatalog(root.ToDictionary(p => p.Key, p => ShapeReader.Read(p.Value)));
    }

    private static HashSet<string> CollectPaths(Shape shape)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        Collect(shape, string.Empty, set);
        return set;
    }

    private static void Collect(Shape shape, string prefix, HashSet<string> set)
    {
        switch (shape)
        {
            case ArrayShape a:
                Collect(a.Element, prefix, set);
                break;
            case ObjectShape o:
                foreach (var (key, child) in o.Properties)
                {
                    var path = prefix.Length == 0 ? key : prefix + "." + key;
                    set.Add(path);
                    Collect(child, path, set);
                }

                break;
        }
    }
}
