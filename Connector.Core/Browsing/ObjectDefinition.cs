using System.Text;
using Newtonsoft.Json;
using NJsonSchema;

namespace Connector.Core.Browsing;

/// <summary>The profile of one role of an operation: its content type and, for JSON, a self-contained JSON schema.</summary>
/// <param name="Role">INPUT or OUTPUT.</param>
/// <param name="ContentType">JSON, BINARY or NONE.</param>
/// <param name="Schema">The JSON schema (definitions inside, every reference resolvable), for JSON profiles.</param>
public sealed record ObjectDefinition(ObjectDefinitionRole Role, DefinitionContentType ContentType, JsonSchema? Schema)
{
    private readonly Lazy<JsonSchema?> _schema = new(Schema);
    private readonly Lazy<string?> _profileJson = new(() => Schema?.ToJson(Formatting.None));

    // Whether the definition was given as its text (the text is the profile) rather than as a schema; a `with` that
    // gives a new schema makes it a schema's definition.
    private readonly bool _textGiven;

    /// <summary>
    /// A JSON profile given as its schema text, made on first read of <see cref="ProfileJson"/>; the NJsonSchema object
    /// is loaded from that text the first time <see cref="Schema"/> is read (a browser answers without paying for
    /// texts nobody reads or schemas nobody validates with).
    /// </summary>
    /// <param name="role">INPUT or OUTPUT.</param>
    /// <param name="profileJson">Makes the self-contained JSON schema text (definitions inside); called at most once.</param>
    public ObjectDefinition(ObjectDefinitionRole role, Func<string> profileJson)
        : this(role, DefinitionContentType.Json, (JsonSchema?)null)
    {
        ArgumentNullException.ThrowIfNull(profileJson);
        _profileJson = new Lazy<string?>(profileJson);
        _textGiven = true;

        // References all point inside the text, so the load completes without I/O; a malformed text throws on every read.
        _schema = new Lazy<JsonSchema?>(() => JsonSchema.FromJsonAsync(_profileJson.Value!).GetAwaiter().GetResult());
    }

    /// <summary>The JSON schema (definitions inside, every reference resolvable), for JSON profiles; loaded on first read when the definition was given as text.</summary>
    /// <exception cref="Newtonsoft.Json.JsonException">The definition was given as text that is not a JSON schema.</exception>
    public JsonSchema? Schema
    {
        get => _schema.Value;
        init
        {
            _schema = new Lazy<JsonSchema?>(value);
            _profileJson = new Lazy<string?>(() => value?.ToJson(Formatting.None));
            _textGiven = false;
        }
    }

    /// <summary>
    /// The profile's schema as compact JSON text, or null for BINARY and NONE content: the text the browser built
    /// (no NJsonSchema load needed), or for a definition made from a <see cref="JsonSchema"/> that schema's compact JSON.
    /// </summary>
    public string? ProfileJson => _profileJson.Value;

    /// <summary>
    /// The schema as indented JSON text, or null. A definition given as text (every profile the connector's browser makes)
    /// answers with that text itself, indented: its keywords, references and order as the browser wrote them (a value's
    /// documented type first in its <c>type</c> list, draft-07's <c>readOnly</c>), with no NJsonSchema load, where
    /// NJsonSchema's own serialization would sort each <c>type</c> list, write <c>readonly</c> and rename or inline
    /// definitions. A definition made from a <see cref="JsonSchema"/> answers with that schema's JSON.
    /// </summary>
    /// <returns>The schema as JSON text, or null when the profile has no schema (BINARY or NONE content).</returns>
    /// <exception cref="JsonReaderException">The definition was given as text that is not JSON.</exception>
    public string? ToSchemaJson() =>
        _textGiven
            ? Indented(ProfileJson!)
            : Schema?.ToJson();

    private static string Indented(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal };
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        using (var writer = new JsonTextWriter(text) { Formatting = Formatting.Indented })
        {
            writer.WriteToken(reader);
        }

        return text.ToString();
    }

    /// <summary>Equal when role, content type and <see cref="ProfileJson"/> text are.</summary>
    /// <param name="other">The other definition.</param>
    /// <returns>Whether both describe the same profile.</returns>
    public bool Equals(ObjectDefinition? other) =>
        other is not null && Role == other.Role && ContentType == other.ContentType
        && (ReferenceEquals(_profileJson, other._profileJson) || string.Equals(ProfileJson, other.ProfileJson, StringComparison.Ordinal));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Role, ContentType);

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Role = ").Append(Role).Append(", ContentType = ").Append(ContentType);
        return true;
    }
}
