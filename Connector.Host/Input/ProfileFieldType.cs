using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace Connector.Host.Input;

/// <summary>
/// What an input profile says about one field path, for typing a <c>--set</c> value: whether the field takes a string
/// (the value then stays the text given, even <c>true</c> or <c>42</c>) or a non-string (number, integer, boolean,
/// object, array: the value is then read as JSON). The derived Connect profiles let every string field also take a
/// number and every number also take a string (the "scalar twins" relaxation), so a field typed string-or-number
/// wants a number only when its constraints are numeric (a minimum, maximum or multipleOf, or documented values that
/// are all numbers, e.g. a helpdesk case's priority 0-3); otherwise it is a string field.
/// </summary>
internal static class ProfileFieldType
{
    private const int MaxDepth = 16;
    private const JsonObjectType NonString = JsonObjectType.Integer | JsonObjectType.Boolean | JsonObjectType.Object | JsonObjectType.Array;

    /// <summary>True when the field takes a string, false when it takes a non-string, null when the profile does not describe the path or its type.</summary>
    public static bool? WantsString(JsonSchema profile, IReadOnlyList<string> path)
    {
        var schemas = new List<JsonSchema> { profile.ActualSchema };
        foreach (var name in path)
        {
            schemas = schemas.SelectMany(s => Alternatives(s, 0)).SelectMany(s => Property(s, name)).ToList();
            if (schemas.Count == 0)
            {
                return null;
            }
        }

        var field = schemas.SelectMany(s => Alternatives(s, 0)).ToList();
        var types = field.Aggregate(JsonObjectType.None, (all, s) => all | s.Type);
        if ((types & ~JsonObjectType.Null) == JsonObjectType.None)
        {
            return null;
        }

        if (!types.HasFlag(JsonObjectType.String) || (types & NonString) != 0)
        {
            return false;
        }

        return !(types.HasFlag(JsonObjectType.Number) && field.Any(IsNumeric));
    }

    /// <summary>A schema and the schemas of its allOf/anyOf/oneOf parts, references resolved.</summary>
    private static IEnumerable<JsonSchema> Alternatives(JsonSchema schema, int depth)
    {
        var actual = schema.ActualSchema;
        yield return actual;
        if (depth >= MaxDepth)
        {
            yield break;
        }

        foreach (var part in actual.AllOf.Concat(actual.AnyOf).Concat(actual.OneOf).SelectMany(p => Alternatives(p, depth + 1)))
        {
            yield return part;
        }
    }

    private static IEnumerable<JsonSchema> Property(JsonSchema schema, string name) =>
        schema.ActualProperties.TryGetValue(name, out var property) ? [property.ActualSchema] : [];

    /// <summary>Numeric constraints, or documented values (<c>enum</c>, or <c>x-enum</c> where the relaxations moved it) that are all numbers.</summary>
    private static bool IsNumeric(JsonSchema schema)
    {
        if (schema.Minimum is not null || schema.Maximum is not null || schema.MultipleOf is not null || schema.ExclusiveMinimum is not null || schema.ExclusiveMaximum is not null)
        {
            return true;
        }

        object? extension = null;
        List<object?> documented = schema.Enumeration.Count > 0 ? [.. schema.Enumeration]
            : schema.ExtensionData?.TryGetValue("x-enum", out extension) == true && extension is System.Collections.IEnumerable values and not string ? [.. values.Cast<object?>()]
            : [];
        return documented.Count > 0 && documented.All(IsNumber);
    }

    private static bool IsNumber(object? value) => value switch
    {
        JToken token => token.Type is JTokenType.Integer or JTokenType.Float,
        sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal => true,
        _ => false,
    };
}
