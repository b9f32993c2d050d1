using System.Text.RegularExpressions;
using Connector.OpenApiDerivation.Endpoints;
using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Schemas;

/// <summary>
/// The document's collections of objects: every <c>GET /X/{id}</c> whose 200 answer is a component reference, keyed by the
/// path's shape (<c>/tier/accounts/{}</c>) and by the collection's name, the path's literal segments each made singular and
/// joined with <c>_</c> (<c>tier_account</c>, <c>marketplace</c>, <c>helpdesk_case</c>), so a component name in snake case
/// (<c>TierAccount</c> -> <c>tier_account</c>) or a property name can be matched to the collection it names.
/// </summary>
internal sealed partial class CollectionIndex
{

    private readonly Dictionary<string, string> _byShape = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _byName = new(StringComparer.Ordinal);

    public CollectionIndex(JObject? paths)
    {
        foreach (var path in (paths ?? []).Properties().OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var answer = path.Value["get"]?["responses"]?["200"]?["content"]?["application/json"]?["schema"] as JObject;
            var shape = PathTemplateIndex.Shape(path.Name);
            if (shape.EndsWith("/{}", StringComparison.Ordinal) && ComponentReferences.NameOf(answer) is { } component)
            {
                _byShape.TryAdd(shape, component);
                _byName.TryAdd(CollectionName(shape), component);
            }
        }
    }

    /// <summary>The component each <c>GET /X/{id}</c> answers, by the path's shape (<c>/conversations/{}</c>).</summary>
    public IReadOnlyDictionary<string, string> ItemComponentsByShape => _byShape;

    /// <summary>The component that the items of the named collection are (<c>tier_account</c> -> <c>dp.TierAccountDetail</c>); null when no collection has that name.</summary>
    public string? ItemComponent(string collectionName) => _byName.GetValueOrDefault(collectionName);

    /// <summary>A PascalCase name in snake case (<c>TierAccount</c> -> <c>tier_account</c>); a component's namespace (<c>dp.</c>) is dropped.</summary>
    public static string SnakeCase(string name) =>
        UpperAfterLetter().Replace(name[(name.LastIndexOf('.') + 1)..], "_$1").ToLowerInvariant().Replace('-', '_');

    /// <summary>A plural English word made singular the simple way (<c>accounts</c> -> <c>account</c>, <c>categories</c> -> <c>category</c>).</summary>
    public static string Singular(string word) =>
        word.EndsWith("ies", StringComparison.Ordinal) ? word[..^3] + "y"
        : word.EndsWith("ses", StringComparison.Ordinal) ? word[..^2]
        : word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) ? word[..^1]
        : word;

    /// <summary><c>/tier/accounts/{}</c> -> <c>tier_account</c>: the literal segments, each singular, joined with <c>_</c>.</summary>
    private static string CollectionName(string shape) =>
        string.Join("_", shape.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Where(s => s != "{}")
            .Select(s => Singular(s.Replace('-', '_'))));

    [GeneratedRegex("(?<=[a-z0-9])([A-Z])", RegexOptions.CultureInvariant)]
    private static partial Regex UpperAfterLetter();
}
