using System.Collections.Concurrent;
using Connector.Core.Endpoints;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Connector.Browse.Profiles;

/// <summary>
/// Writes the profiles of one loaded <see cref="ApiCatalog"/> as self-contained JSON text, the same text
/// <see cref="ProfileSchemaFactory.Build"/> serializes to, without copying the shared definitions into every profile:
/// each definition's references are listed once, the first time a profile reaches it (so every reference is resolved
/// when a profile is written), and its text is serialized once, the first time a profile that reaches it is joined,
/// then spliced into every profile that reaches it (<see cref="SplicedProfile"/>); a profile whose whole content was
/// joined before (a rebuilt catalogue's) is that same text again (<see cref="JoinedProfileTexts"/>). Belongs to the
/// loaded data it was made for (the connector's <see cref="Catalog.CatalogStore"/> keeps one); safe to use concurrently.
/// </summary>
internal sealed class ProfileJsonWriter(ApiCatalog api)
{
    private const string DefinitionPrefix = "#/definitions/";
    private readonly ConcurrentDictionary<string, SharedDefinition> _definitions = new(StringComparer.Ordinal);
    private readonly ProfileRootWriter _roots = new(api.Definitions);
    private readonly ConcurrentDictionary<string, JObject> _unions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<JObject[], JObject?> _unionsBySource = new(ShapeSetComparer.Instance);
    private readonly ConcurrentDictionary<JObject, SharedDefinition[]> _reached = new(ReferenceEqualityComparer.Instance);
    private readonly JoinedProfileTexts _joined = new(JoinedProfileTexts.DefaultMaxCharacters);

    /// <summary>The loaded data the profiles are written from.</summary>
    public ApiCatalog Api => api;

    /// <summary>
    /// <see cref="ObjectShapes.Union"/>, remembered: every operation of an object type that answers the object unions
    /// the same documented shapes, so each distinct set (told by the shapes' JSON text) is unioned once. The result is
    /// shared: read it, never change it.
    /// </summary>
    /// <param name="shapes">The shapes (references into the derived data).</param>
    /// <returns>The union, or the one distinct shape, or null when there are none.</returns>
    public JObject? Union(IReadOnlyList<JObject> shapes) =>
        // The same shape instances (references into the derived data) come back for every operation of an object
        // type and on every rebuild: remembered by identity first, so the JSON comparisons run once per set.
        _unionsBySource.GetOrAdd([.. shapes], UnionOfText);

    private JObject? UnionOfText(JObject[] shapes)
    {
        var distinct = ObjectShapes.Distinct(shapes);
        if (distinct.Count <= 1)
        {
            return distinct.FirstOrDefault();
        }

        var key = string.Join("\n", distinct.Select(_roots.TextOf));
        return _unions.GetOrAdd(key, _ => ObjectShapes.UnionOfDistinct(distinct, api.Definitions));
    }

    /// <summary>How many shared definitions profiles of this writer have reached so far (each listed once, its text serialized at most once).</summary>
    public int SharedDefinitionCount => _definitions.Count;

    /// <summary>
    /// Writes one profile: what <see cref="ProfileSchemaFactory.Build"/> makes of <paramref name="schema"/>, its root
    /// properties marked read-only unless <paramref name="writable"/> names them (<see cref="ReadOnlyMarking"/>), as
    /// compact JSON: the root's own text and the shared texts of every definition it reaches, both made and joined on
    /// request (<see cref="SplicedProfile.Join"/>); what can fail (a reference that does not resolve) fails here.
    /// </summary>
    /// <param name="schema">The derived schema (not changed); its references point into the catalog's definitions.</param>
    /// <param name="title">The root title.</param>
    /// <param name="summary">The fallback description, or null.</param>
    /// <param name="writable">For OUTPUT profiles, the root fields something can write; null leaves the root unmarked.</param>
    /// <returns>The profile's parts; every reference is resolved already, so joining them cannot fail.</returns>
    /// <exception cref="FormatException">A reference does not resolve.</exception>
    public SplicedProfile Write(JObject schema, string title, string? summary, IReadOnlySet<string>? writable)
    {
        if (schema.ContainsKey("definitions"))
        {
            // A schema with definitions of its own merges them with the reached ones: the general (copying) path.
            var copied = Marked(ProfileSchemaFactory.Build(api, schema, title, summary), writable).ToString(Formatting.None);
            return new SplicedProfile(() => copied, [], _joined);
        }

        var reached = _reached.GetOrAdd(schema, Reached);
        return new SplicedProfile(() => _roots.Write(schema, title, summary, writable), reached, _joined);
    }

    private static JObject Marked(JObject profile, IReadOnlySet<string>? writable)
    {
        if (writable is not null)
        {
            ReadOnlyMarking.Mark(profile, writable);
        }

        return profile;
    }

    /// <summary>
    /// Every definition the schema reaches, transitively, in ordinal name order (the order of
    /// <see cref="ApiCatalog.BuildStandaloneSchema"/>); remembered per schema instance (the derived data's schemas and
    /// the remembered unions are shared, read-only), after checking that a root reference resolves.
    /// </summary>
    private SharedDefinition[] Reached(JObject schema)
    {
        SchemaShape.FollowRootReference(schema, api.Definitions);
        var reached = new SortedDictionary<string, SharedDefinition>(StringComparer.Ordinal);
        var roots = new List<string>();
        AddReferences(schema, roots);
        var pending = new Stack<string>(roots);
        while (pending.Count > 0)
        {
            var name = pending.Pop();
            if (reached.ContainsKey(name))
            {
                continue;
            }

            var definition = _definitions.GetOrAdd(name, Share);
            reached[name] = definition;
            foreach (var next in definition.References)
            {
                if (!reached.ContainsKey(next))
                {
                    pending.Push(next);
                }
            }
        }

        return [.. reached.Values];
    }

    private SharedDefinition Share(string name)
    {
        var definition = api.Definitions[name] ?? throw new FormatException($"The reference '{DefinitionPrefix}{name}' does not resolve.");
        var references = new List<string>();
        AddReferences(definition, references);
        return new SharedDefinition(JsonConvert.ToString(name), new Lazy<string>(() => definition.ToString(Formatting.None)), [.. references.Distinct(StringComparer.Ordinal)]);
    }

    /// <summary>Adds the definition names of a schema's <c>$ref</c>s, anywhere inside it.</summary>
    private static void AddReferences(JToken schema, ICollection<string> names)
    {
        switch (schema)
        {
            case JProperty property:
                if (property.Name == "$ref")
                {
                    names.Add(DefinitionName((string?)property.Value));
                }

                AddReferences(property.Value, names);
                break;
            case JContainer container:
                for (var child = container.First; child is not null; child = child.Next)
                {
                    AddReferences(child, names);
                }

                break;
        }
    }

    private static string DefinitionName(string? target) =>
        target is not null && target.StartsWith(DefinitionPrefix, StringComparison.Ordinal)
            ? target[DefinitionPrefix.Length..]
            : throw new FormatException($"The reference '{target}' does not point into the catalog's definitions.");

    /// <summary>Sets of shapes told apart by the identity of their members, in order.</summary>
    private sealed class ShapeSetComparer : IEqualityComparer<JObject[]>
    {
        public static readonly ShapeSetComparer Instance = new();

        public bool Equals(JObject[]? x, JObject[]? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y, ReferenceEqualityComparer.Instance));

        public int GetHashCode(JObject[] obj)
        {
            var hash = new HashCode();
            foreach (var shape in obj)
            {
                hash.Add(ReferenceEqualityComparer.Instance.GetHashCode(shape));
            }

            return hash.ToHashCode();
        }
    }
}
