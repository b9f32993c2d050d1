using Connector.Core.Descriptors;
using Connector.Core.Endpoints;
using Newtonsoft.Json.Linq;

namespace Connector.Browse.Profiles;

/// <summary>
/// THE read-only rule of the browser's OUTPUT profiles, in one place.
/// <para>
/// A field of an output profile is read-only when
/// (1) the API document marks it <c>readOnly: true</c> (kept as derived, at any depth); or
/// (2) it is the object type's id property (<see cref="ObjectTypeDescriptor.IdProperty"/>): Connect assigns every id,
/// and an id in a body (assign's <c>id</c>, bulk close's <c>id</c>) names something, it never sets the id; or
/// (3) it is a root property of the output that no write profile of the entry accepts at its root, so nothing this
/// connector sends can set it (created, updated, events...).
/// </para>
/// <para>
/// The write profiles of an entry are the object type's CREATE and UPDATE input profiles (the object's own
/// representation) plus the entry's own JSON input (an action's body sets what it names, e.g. CLOSE's
/// <c>external_billing_id</c>); <c>anyOf</c>/<c>allOf</c>/<c>oneOf</c> branches count. Other actions' bodies do not:
/// they are parameters of those actions (approve's <c>template_id</c>), not fields of the object. An object type
/// with no write profile (asset, product...) is read-only through this connector, so all its root output fields are.
/// Nested fields are read-only only where the document says so. INPUT profiles are not marked beyond the document.
/// </para>
/// </summary>
internal static class ReadOnlyMarking
{
    /// <summary>The root property names an entry's write profiles accept, less the id property (rules 2 and 3).</summary>
    /// <param name="objectType">The entry's object type; its id property is left out of the result even where a profile accepts it.</param>
    /// <param name="objectWriteProfiles">The derived schemas of the object type's CREATE and UPDATE JSON inputs.</param>
    /// <param name="entryInput">The derived schema of the entry's own JSON input, or null.</param>
    /// <param name="definitions">Where the schemas' references point.</param>
    /// <returns>The writable root property names.</returns>
    public static IReadOnlySet<string> WritableFields(
        ObjectTypeDescriptor objectType,
        IEnumerable<JObject> objectWriteProfiles,
        JObject? entryInput,
        SchemaDefinitions definitions) =>
        WritableFields(objectType, RootFields(objectWriteProfiles, definitions), entryInput, definitions);

    /// <summary><see cref="WritableFields(ObjectTypeDescriptor, IEnumerable{JObject}, JObject?, SchemaDefinitions)"/> with the object's write profiles' <see cref="RootFields"/> given (the same for every entry of the object type).</summary>
    public static IReadOnlySet<string> WritableFields(
        ObjectTypeDescriptor objectType,
        IReadOnlySet<string> objectWriteFields,
        JObject? entryInput,
        SchemaDefinitions definitions)
    {
        var writable = new HashSet<string>(objectWriteFields, StringComparer.Ordinal);
        if (entryInput is not null)
        {
            writable.UnionWith(SchemaShape.RootPropertyNames(entryInput, definitions));
        }

        writable.Remove(objectType.IdProperty);
        return writable;
    }

    /// <summary>The root property names the schemas accept (<see cref="SchemaShape.RootPropertyNames"/>), together.</summary>
    public static IReadOnlySet<string> RootFields(IEnumerable<JObject> schemas, SchemaDefinitions definitions) =>
        schemas.SelectMany(schema => SchemaShape.RootPropertyNames(schema, definitions)).ToHashSet(StringComparer.Ordinal);

    /// <summary>Marks the root properties of a standalone output schema that <paramref name="writable"/> lacks.</summary>
    /// <param name="output">The standalone output schema (root reference already inlined); changed in place.</param>
    /// <param name="writable">See <see cref="WritableFields(ObjectTypeDescriptor, IReadOnlySet{string}, JObject?, SchemaDefinitions)"/>.</param>
    /// <returns>The names marked here (those the document already marks excluded).</returns>
    public static IReadOnlyList<string> Mark(JObject output, IReadOnlySet<string> writable)
    {
        if (output["properties"] is not JObject properties)
        {
            return [];
        }

        var marked = new List<string>();
        foreach (var property in properties.Properties().ToList())
        {
            if (writable.Contains(property.Name) || property.Value is not JObject schema || IsReadOnly(schema))
            {
                continue;
            }

            // Siblings of "$ref" are ignored by draft-04 tools: wrap the reference instead.
            if (schema.ContainsKey("$ref"))
            {
                property.Value = new JObject { ["allOf"] = new JArray(schema), ["readOnly"] = true };
            }
            else
            {
                schema["readOnly"] = true;
            }

            marked.Add(property.Name);
        }

        return marked;
    }

    /// <summary>Whether the document marks the schema <c>readOnly: true</c> already.</summary>
    public static bool IsReadOnly(JObject schema) => schema["readOnly"] is JValue { Type: JTokenType.Boolean } value && (bool)value;
}
