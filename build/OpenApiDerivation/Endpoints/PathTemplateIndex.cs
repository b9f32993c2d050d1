using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Endpoints;

/// <summary>
/// Finds the OpenAPI path whose template has the same shape as a descriptor path, ignoring parameter names
/// (<c>/products/{product_id}/items/{id}</c> matches <c>/products/{product_product_id}/items/{verbose_id}</c>).
/// </summary>
internal sealed partial class PathTemplateIndex
{
    private readonly Dictionary<string, List<string>> _byShape = new(StringComparer.Ordinal);

    public PathTemplateIndex(JObject paths)
    {
        foreach (var path in paths.Properties())
        {
            var shape = Shape(path.Name);
            if (!_byShape.TryGetValue(shape, out var list))
            {
                _byShape[shape] = list = [];
            }

            list.Add(path.Name);
        }
    }

    /// <summary>The template with every <c>{name}</c> replaced by <c>{}</c>, without a trailing slash.</summary>
    public static string Shape(string template)
    {
        var shape = ParameterPattern().Replace(template, "{}");
        return shape.Length > 1 ? shape.TrimEnd('/') : shape;
    }

    /// <summary>The OpenAPI paths with the same shape, in document order.</summary>
    public IReadOnlyList<string> Match(string descriptorPath) =>
        _byShape.TryGetValue(Shape(descriptorPath), out var list) ? list : [];

    [GeneratedRegex(@"\{[^}/]+\}", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterPattern();
}
