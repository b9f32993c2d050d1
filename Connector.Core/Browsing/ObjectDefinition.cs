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
        }
    }

    /// <summary>
    /// The profile's schema as compact JSON text, or null for BINARY and NONE content: the text the browser built
    /// (no NJsonSchema load needed), or for a definition made from a <see cref="JsonSchema"/> that schema's compact JSON.
    /// </summary>
    public string? ProfileJson => _profileJson.Value;

    /// <summary>The schema as JSON text, or null.</summary>
    /// <returns>The schema as JSON text, or null when the profile has no schema (BINARY or NONE content).</returns>
    public string? ToSchemaJson() => Schema?.ToJson();

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
