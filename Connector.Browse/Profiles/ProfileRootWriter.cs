using System.Collections.Concurrent;
using System.Text;
using Connector.Core.Endpoints;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Connector.Browse.Profiles;

/// <summary>
/// Writes a profile's root (<see cref="ProfileSchemaFactory.BuildRoot"/>, then <see cref="ReadOnlyMarking.Mark"/>) as
/// compact JSON text straight from the derived schemas, without copying them: the text of each shared schema token
/// (a root property's value, a field's schema) is serialized once and reused by every profile that shows it. The
/// same text the copying path serializes to. Belongs to one <see cref="ProfileJsonWriter"/>; safe to use concurrently.
/// </summary>
internal sealed class ProfileRootWriter(SchemaDefinitions definitions)
{
    private readonly ConcurrentDictionary<JToken, string> _texts = new(ReferenceEqualityComparer.Instance);

    /// <summary>The root text of a derived schema that has no <c>definitions</c> of its own.</summary>
    /// <param name="schema">The derived schema (not changed).</param>
    /// <param name="title">The root title.</param>
    /// <param name="summary">The fallback description, or null.</param>
    /// <param name="writable">The root fields something can write (the others are marked read-only); null marks nothing.</param>
    /// <returns>A JSON object's text, without <c>definitions</c>.</returns>
    /// <exception cref="FormatException">A root reference does not resolve.</exception>
    public string Write(JObject schema, string title, string? summary, IReadOnlySet<string>? writable)
    {
        var root = RootProperties(schema);
        var description = root.FindIndex(p => p.Name == "description") is var at and >= 0 ? (string?)root[at].Value : null;
        description ??= summary;
        var text = new StringBuilder("{\"$schema\":").Append(JsonConvert.ToString(ProfileSchemaFactory.SchemaVersion))
            .Append(",\"title\":").Append(JsonConvert.ToString(title));
        if (!string.IsNullOrWhiteSpace(description))
        {
            text.Append(",\"description\":").Append(JsonConvert.ToString(description));
        }

        var onlyObject = ProfileSchemaFactory.NarrowsToObject(root.Find(p => p.Name == "type").Value);
        foreach (var (name, value) in root.Where(p => p.Name is not "$schema" and not "title" and not "description" and not "definitions"))
        {
            if (onlyObject && !ProfileSchemaFactory.AppliesToObjects(name))
            {
                continue;
            }

            text.Append(',').Append(JsonConvert.ToString(name)).Append(':');
            if (name == "type" && onlyObject)
            {
                text.Append("\"object\"");
            }
            else if (name == "properties" && writable is not null && value is JObject properties)
            {
                AppendMarked(text, properties, writable);
            }
            else
            {
                text.Append(TextOf(value));
            }
        }

        return text.Append('}').ToString();
    }

    /// <summary>The root's keywords in order: a bare root reference's definition with the reference's siblings set over it.</summary>
    private List<(string Name, JToken Value)> RootProperties(JObject schema)
    {
        if (!schema.ContainsKey("$ref"))
        {
            return schema.Properties().Select(p => (p.Name, p.Value)).ToList();
        }

        var root = SchemaShape.FollowRootReference(schema, definitions).Properties().Select(p => (p.Name, p.Value)).ToList();
        foreach (var sibling in schema.Properties().Where(p => p.Name is not "$ref" and not "definitions"))
        {
            var at = root.FindIndex(p => p.Name == sibling.Name);
            if (at >= 0)
            {
                root[at] = (sibling.Name, sibling.Value);
            }
            else
            {
                root.Add((sibling.Name, sibling.Value));
            }
        }

        return root;
    }

    /// <summary>The root <c>properties</c>, each field <paramref name="writable"/> lacks marked read-only as <see cref="ReadOnlyMarking.Mark"/> marks it.</summary>
    private void AppendMarked(StringBuilder text, JObject properties, IReadOnlySet<string> writable)
    {
        text.Append('{');
        var first = true;
        foreach (var property in properties.Properties())
        {
            text.Append(first ? "" : ",").Append(JsonConvert.ToString(property.Name)).Append(':');
            first = false;
            if (writable.Contains(property.Name) || property.Value is not JObject schema || ReadOnlyMarking.IsReadOnly(schema))
            {
                text.Append(TextOf(property.Value));
            }
            else if (schema.ContainsKey("$ref"))
            {
                text.Append("{\"allOf\":[").Append(TextOf(schema)).Append("],\"readOnly\":true}");
            }
            else if (schema.ContainsKey("readOnly"))
            {
                // readOnly: false (or not a boolean) is replaced where it stands: rare, so the copy is made here.
                var marked = (JObject)schema.DeepClone();
                marked["readOnly"] = true;
                text.Append(marked.ToString(Formatting.None));
            }
            else
            {
                var schemaText = TextOf(schema);
                text.Append(schemaText, 0, schemaText.Length - 1).Append(schema.Count == 0 ? "" : ",").Append("\"readOnly\":true}");
            }
        }

        text.Append('}');
    }

    /// <summary>A shared token's compact JSON text, serialized once.</summary>
    public string TextOf(JToken token) => _texts.GetOrAdd(token, t => t.ToString(Formatting.None));
}
