using System.Text.Json.Nodes;

namespace Connector.Sandbox.Data;

/// <summary>
/// One field of an unmodified seeded record computed straight from the seed, without building the record. A computed
/// field is a JSON string in the generated record (ids, names, statuses, ISO dates), or a JSON number when
/// <see cref="IsNumber"/> (a tier configuration's <c>tier_level</c>): <see cref="Text"/> returns exactly that string, or
/// the number's JSON text, so filters and orderings test it without a JSON node per record.
/// </summary>
/// <param name="Text">The field's string, or its number's JSON text, for a seeded index (null for JSON null).</param>
/// <param name="RisesWithIndex">True when the value strictly increases with the index (ids, creation dates): index order is its sort order.</param>
/// <param name="IsNumber">True when the record holds the field as a JSON number: filters and orderings then compare it as RQL compares numbers.</param>
internal sealed record SeededField(Func<int, string?> Text, bool RisesWithIndex = false, bool IsNumber = false)
{
    /// <summary>The field's value as the generated record holds it: a JSON string or number, or null.</summary>
    public JsonNode? Value(int index) => Text(index) switch
    {
        null => null,
        var text when !IsNumber => JsonValue.Create(text),
        var text when long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var whole) => JsonValue.Create(whole),
        var text => JsonValue.Create(double.Parse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture)),
    };
}
