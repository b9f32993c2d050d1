using Connector.Core.Endpoints;
using Newtonsoft.Json.Linq;

namespace Connector.Browse.Profiles;

/// <summary>Reads the shape of derived schemas: following root references, array items and root property names.</summary>
internal static class SchemaShape
{
    private const string DefinitionPrefix = "#/definitions/";

    /// <summary>Keywords that make a schema say something; a schema with none of them accepts anything.</summary>
    private static readonly string[] ConstrainingKeywords =
        ["$ref", "type", "properties", "items", "allOf", "anyOf", "oneOf", "not", "enum", "additionalProperties", "required"];

    /// <summary>Whether a schema is absent or says nothing (the document's <c>schema: {}</c>).</summary>
    public static bool IsUndocumented(JObject? schema) =>
        schema is null || !ConstrainingKeywords.Any(schema.ContainsKey);

    /// <summary>Follows a root that is only a reference to the definition it names (repeatedly).</summary>
    /// <param name="schema">The schema to start from; returned as is when it has no <c>$ref</c> (siblings of a <c>$ref</c> are ignored).</param>
    /// <param name="definitions">Where references point.</param>
    /// <returns>The schema itself, or the definition a bare root reference leads to (not copied).</returns>
    /// <exception cref="FormatException">A reference does not resolve.</exception>
    public static JObject FollowRootReference(JObject schema, SchemaDefinitions definitions)
    {
        var current = schema;
        for (var hops = 0; TryGetReference(current, out var name); hops++)
        {
            if (hops > 32)
            {
                throw new FormatException($"The reference '{DefinitionPrefix}{name}' is circular.");
            }

            current = definitions[name] as JObject ?? throw new FormatException($"The reference '{DefinitionPrefix}{name}' does not resolve.");
        }

        return current;
    }

    /// <summary>The schema of one element of an array schema (root references followed).</summary>
    /// <param name="schema">A schema with an <c>items</c> schema, directly or through a root <c>$ref</c>; not changed.</param>
    /// <param name="definitions">Where references point.</param>
    /// <param name="what">What the schema is, for messages.</param>
    /// <returns>The items schema (not copied).</returns>
    /// <exception cref="FormatException">The schema has no single items schema.</exception>
    public static JObject ItemsOf(JObject schema, SchemaDefinitions definitions, string what) =>
        FollowRootReference(schema, definitions)["items"] as JObject
        ?? throw new FormatException($"{what} should be an array with an items schema, but it has none.");

    /// <summary>
    /// The property names a schema accepts at its root: its own <c>properties</c> plus those of its
    /// <c>allOf</c>/<c>anyOf</c>/<c>oneOf</c> branches, references followed.
    /// </summary>
    /// <param name="schema">The schema whose root to read; a root <c>$ref</c> is followed.</param>
    /// <param name="definitions">Where references point.</param>
    /// <returns>The names, produced lazily in no set order; a name declared by several branches comes once per branch, and none when the schema declares no properties.</returns>
    public static IEnumerable<string> RootPropertyNames(JObject schema, SchemaDefinitions definitions)
    {
        var seen = new HashSet<JObject>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<JObject>();
        pending.Push(schema);
        while (pending.Count > 0)
        {
            var next = FollowRootReference(pending.Pop(), definitions);
            if (!seen.Add(next))
            {
                continue;
            }

            if (next["properties"] is JObject properties)
            {
                foreach (var property in properties.Properties())
                {
                    yield return property.Name;
                }
            }

            foreach (var keyword in new[] { "allOf", "anyOf", "oneOf" })
            {
                foreach (var branch in (next[keyword] as JArray ?? []).OfType<JObject>())
                {
                    pending.Push(branch);
                }
            }
        }
    }

    private static bool TryGetReference(JObject schema, out string name)
    {
        name = string.Empty;
        if (schema["$ref"] is not JValue { Type: JTokenType.String } value)
        {
            return false;
        }

        var target = (string)value!;
        if (!target.StartsWith(DefinitionPrefix, StringComparison.Ordinal))
        {
            throw new FormatException($"The reference '{target}' does not point into the definitions.");
        }

        name = target[DefinitionPrefix.Length..];
        return true;
    }
}
