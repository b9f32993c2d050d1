using System.Globalization;
using Connector.Core.Descriptors;

namespace Connector.Core.Contexts;

/// <summary>
/// Property values (connection or operation properties) read through typed getters that apply the descriptor's
/// defaults and check the descriptor's ranges. Secrets (password fields) never appear in <see cref="ToString"/>.
/// </summary>
public sealed class PropertyValues
{
    private readonly IReadOnlyDictionary<string, string?> _values;
    private readonly Func<string, FieldDescriptor?> _fields;

    /// <summary>Creates property values.</summary>
    /// <param name="values">The values given, as text, by field id.</param>
    /// <param name="fields">Finds the descriptor field of an id (for defaults, ranges and secrecy).</param>
    /// <param name="scope">What these properties are, for messages ("connection", "operation").</param>
    public PropertyValues(IReadOnlyDictionary<string, string?> values, Func<string, FieldDescriptor?> fields, string scope)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(fields);
        _values = new Dictionary<string, string?>(values, StringComparer.OrdinalIgnoreCase);
        _fields = fields;
        Scope = scope;
    }

    /// <summary>What these properties are ("connection", "operation").</summary>
    public string Scope { get; }

    /// <summary>The ids of the values given explicitly.</summary>
    public IEnumerable<string> GivenIds => _values.Keys;

    /// <summary>Whether a value was given explicitly for the field.</summary>
    /// <param name="id">The field id, case-insensitive; an id the descriptor does not declare has no default and no range.</param>
    /// <returns>False for a missing id and for one given as null, even when the descriptor has a default for it.</returns>
    public bool IsGiven(string id) => _values.TryGetValue(id, out var v) && v is not null;

    /// <summary>Reads a string, falling back to the descriptor default.</summary>
    /// <param name="id">The field id, case-insensitive; an id the descriptor does not declare has no default and no range.</param>
    /// <returns>The value, or null when neither given nor defaulted.</returns>
    public string? GetString(string id) =>
        _values.TryGetValue(id, out var value) && value is not null ? value : _fields(id)?.DefaultValue?.ToString();

    /// <summary>Reads a string that must be present.</summary>
    /// <param name="id">The field id, case-insensitive; an id the descriptor does not declare has no default and no range.</param>
    /// <returns>The given or default value; never null or blank.</returns>
    /// <exception cref="InvalidPropertyException">No value was given and the field has no default.</exception>
    public string GetRequiredString(string id)
    {
        var value = GetString(id);
        return string.IsNullOrWhiteSpace(value)
            ? throw new InvalidPropertyException(Scope, id, $"the {Scope} property '{Label(id)}' ({id}) is required")
            : value;
    }

    /// <summary>Reads an integer, falling back to the descriptor default, checked against the field's range.</summary>
    /// <param name="id">The field id, case-insensitive; an id the descriptor does not declare has no default and no range.</param>
    /// <param name="fallback">Used when neither given nor defaulted.</param>
    /// <returns>The given value, else the field's default, else <paramref name="fallback"/>; within the field's range whichever it is.</returns>
    /// <exception cref="InvalidPropertyException">The value is not a whole number or outside the range.</exception>
    public long GetInt64(string id, long fallback = 0)
    {
        var field = _fields(id);
        long value;
        if (_values.TryGetValue(id, out var text) && text is not null)
        {
            if (!long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out value))
            {
                throw new InvalidPropertyException(Scope, id, $"the {Scope} property '{Label(id)}' ({id}) must be a whole number, not '{Shown(field, text)}'");
            }
        }
        else
        {
            value = field?.DefaultValue is long d ? d : fallback;
        }

        if ((field?.Minimum is { } min && value < min) || (field?.Maximum is { } max && value > max))
        {
            throw new InvalidPropertyException(
                Scope,
                id,
                $"the {Scope} property '{Label(id)}' ({id}) must be between {field?.Minimum?.ToString(CultureInfo.InvariantCulture) ?? "-inf"} and {field?.Maximum?.ToString(CultureInfo.InvariantCulture) ?? "+inf"}, not {value}");
        }

        return value;
    }

    /// <summary>Reads an integer that fits an <see cref="int"/>.</summary>
    /// <param name="id">The field id, case-insensitive; an id the descriptor does not declare has no default and no range.</param>
    /// <param name="fallback">Used when neither given nor defaulted.</param>
    /// <returns>The given value, else the field's default, else <paramref name="fallback"/>; within the field's range.</returns>
    public int GetInt32(string id, int fallback = 0)
    {
        var value = GetInt64(id, fallback);
        return value is < int.MinValue or > int.MaxValue
            ? throw new InvalidPropertyException(Scope, id, $"the {Scope} property '{Label(id)}' ({id}) is too large")
            : (int)value;
    }

    /// <summary>Reads a boolean (true/false/yes/no/1/0), falling back to the descriptor default.</summary>
    /// <param name="id">The field id, case-insensitive; an id the descriptor does not declare has no default and no range.</param>
    /// <param name="fallback">Used when neither given nor defaulted.</param>
    /// <returns>The given value (true/yes/1/on or false/no/0/off, any case; anything else throws <see cref="InvalidPropertyException"/>), else the field's default, else <paramref name="fallback"/>.</returns>
    public bool GetBoolean(string id, bool fallback = false)
    {
        if (_values.TryGetValue(id, out var text) && text is not null)
        {
            return text.Trim().ToUpperInvariant() switch
            {
                "TRUE" or "YES" or "1" or "ON" => true,
                "FALSE" or "NO" or "0" or "OFF" => false,
                _ => throw new InvalidPropertyException(Scope, id, $"the {Scope} property '{Label(id)}' ({id}) must be true or false, not '{text}'"),
            };
        }

        return _fields(id)?.DefaultValue is bool d ? d : fallback;
    }

    /// <summary>Returns new values where the given ones replace these (for per-document overrides).</summary>
    /// <param name="overrides">Values by field id, case-insensitive; a null value removes the given one, so the descriptor default applies.</param>
    /// <returns>New values (these are not changed), or this instance when there are no overrides.</returns>
    public PropertyValues With(IReadOnlyDictionary<string, string?> overrides)
    {
        if (overrides.Count == 0)
        {
            return this;
        }

        var merged = new Dictionary<string, string?>(_values, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in overrides)
        {
            merged[key] = value;
        }

        return new PropertyValues(merged, _fields, Scope);
    }

    /// <summary>Lists the values, with secrets masked.</summary>
    /// <returns>A safe description.</returns>
    public override string ToString() =>
        string.Join(", ", _values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => v.Key + "=" + Shown(_fields(v.Key), v.Value)));

    private static string Shown(FieldDescriptor? field, string? value) =>
        field?.Type == FieldType.Password ? "***" : value ?? "null";

    private string Label(string id) => _fields(id)?.Label ?? id;
}
