using Connector.Core.Endpoints;
using Newtonsoft.Json.Linq;

namespace Connector.Browse.Profiles;

/// <summary>Turns a derived schema into a profile's self-contained JSON schema.</summary>
internal static class ProfileSchemaFactory
{
    internal const string SchemaVersion = "http://json-schema.org/draft-07/schema#";

    /// <summary>
    /// Builds the standalone schema: every reached definition copied under <c>definitions</c>, a bare root reference
    /// replaced by the definition it names (so the root shows the object's own properties), the given title on the
    /// root and the endpoint's summary as description when the schema has none.
    /// </summary>
    /// <param name="api">The catalog the schema's references point into.</param>
    /// <param name="schema">The derived schema (not changed).</param>
    /// <param name="title">What the profile is for people (e.g. the object type and operation); replaces any title the schema had.</param>
    /// <param name="summary">The fallback description, or null.</param>
    /// <returns>A new draft-07 schema object the caller owns; nothing in it is shared with the catalog.</returns>
    /// <exception cref="FormatException">A reference does not resolve.</exception>
    public static JObject Build(ApiCatalog api, JObject schema, string title, string? summary)
    {
        var standalone = api.BuildStandaloneSchema(schema);
        var result = BuildRoot(standalone, api.Definitions, title, summary);
        if (standalone.Property("definitions") is { } definitionsProperty)
        {
            definitionsProperty.Remove();
            result.Add(definitionsProperty);
        }

        return result;
    }

    /// <summary>
    /// The root of a profile as <see cref="Build"/> makes it, without <c>definitions</c>: a bare root reference
    /// replaced by the definition it names, the title and description first, then the root's other keywords.
    /// </summary>
    /// <param name="copy">A private copy of the derived schema; its properties are moved into the result.</param>
    /// <param name="definitions">Where a root reference is followed (not changed: the followed definition is copied).</param>
    /// <param name="title">The root title.</param>
    /// <param name="summary">The fallback description, or null.</param>
    /// <returns>A new schema object without <c>definitions</c>.</returns>
    /// <exception cref="FormatException">A root reference does not resolve.</exception>
    public static JObject BuildRoot(JObject copy, SchemaDefinitions definitions, string title, string? summary)
    {
        var root = copy;
        if (copy.ContainsKey("$ref"))
        {
            root = (JObject)SchemaShape.FollowRootReference(copy, definitions).DeepClone();
            foreach (var sibling in copy.Properties().Where(p => p.Name is not "$ref" and not "definitions"))
            {
                root[sibling.Name] = sibling.Value;
            }
        }

        var description = (string?)root["description"] ?? summary;
        var result = new JObject { ["$schema"] = SchemaVersion, ["title"] = title };
        if (!string.IsNullOrWhiteSpace(description))
        {
            result["description"] = description;
        }

        // Move (not copy) the properties: the root is already a private copy.
        var onlyObject = NarrowsToObject(root["type"]);
        foreach (var property in root.Properties().Where(p => p.Name is not "$schema" and not "title" and not "description" and not "definitions").ToList())
        {
            property.Remove();
            if (!onlyObject || AppliesToObjects(property.Name))
            {
                result.Add(property);
            }
        }

        if (onlyObject)
        {
            result["type"] = "object";
        }

        return result;
    }

    /// <summary>
    /// Whether a root's <c>type</c> is a list that allows an object, which the profile's root narrows to <c>"object"</c>:
    /// a profile describes one document, an object, never null, a list or a string itself (its nested values may be).
    /// </summary>
    internal static bool NarrowsToObject(JToken? type) => type is JArray types && types.Any(t => (string?)t == "object");

    /// <summary>
    /// Whether a root keyword still says something once the root is narrowed to an object: the keywords of the other
    /// types it allowed (a relaxation's <c>maxLength: 0</c> for an empty string, an array's <c>items</c>) are left out.
    /// </summary>
    internal static bool AppliesToObjects(string keyword) => keyword is not (
        "maxLength" or "minLength" or "pattern" or "items" or "additionalItems" or "minItems" or "maxItems" or "uniqueItems"
        or "contains" or "minimum" or "maximum" or "exclusiveMinimum" or "exclusiveMaximum" or "multipleOf");
}
