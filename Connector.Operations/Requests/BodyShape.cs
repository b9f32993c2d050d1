using System.Text;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace Connector.Operations.Requests;

/// <summary>
/// Where validation can be remembered: a schema that constrains only which properties exist and the JSON types of
/// values (types, required, additional properties, and any/all/one-of or not of such schemas; no enum, pattern,
/// format, length, range, item count or discriminator anywhere) gives the same verdict for every body of the same
/// shape. A body's shape is its structure with every value replaced by its JSON type, in document order.
/// </summary>
internal static class BodyShape
{
    /// <summary>The longest shape key remembered (a body with a huge structure is validated every time).</summary>
    public const int MaxKeyLength = 2048;

    /// <summary>Whether validation against <paramref name="schema"/> depends only on a body's shape.</summary>
    public static bool DecidesValidity(JsonSchema schema) => DecidesValidity(schema, new HashSet<JsonSchema>(ReferenceEqualityComparer.Instance));

    /// <summary>The body's shape as a string, or null when it is longer than <see cref="MaxKeyLength"/>.</summary>
    public static string? Key(JToken body)
    {
        var key = new StringBuilder();
        return Append(body, key) ? key.ToString() : null;
    }

    private static bool DecidesValidity(JsonSchema schema, HashSet<JsonSchema> visited)
    {
        var actual = schema.ActualSchema;
        if (!visited.Add(actual))
        {
            return true;
        }

        if (actual.Enumeration.Count > 0 || actual.Pattern is not null || actual.Format is not null
            || actual.MinLength is not null || actual.MaxLength is not null
            || actual.Minimum is not null || actual.Maximum is not null || actual.ExclusiveMinimum is not null || actual.ExclusiveMaximum is not null || actual.IsExclusiveMinimum || actual.IsExclusiveMaximum
            || actual.MultipleOf is not null || actual.MinItems > 0 || actual.MaxItems > 0 || actual.UniqueItems
            || actual.MinProperties > 0 || actual.MaxProperties > 0 || actual.PatternProperties.Count > 0
            || actual.DiscriminatorObject is not null)
        {
            return false;
        }

        IEnumerable<JsonSchema?> parts =
        [
            .. actual.Properties.Values, .. actual.AllOf, .. actual.AnyOf, .. actual.OneOf, .. actual.Items,
            actual.Item, actual.Not, actual.AdditionalPropertiesSchema, actual.AdditionalItemsSchema,
        ];
        return parts.All(part => part is null || DecidesValidity(part, visited));
    }

    private static bool Append(JToken token, StringBuilder key)
    {
        if (key.Length > MaxKeyLength)
        {
            return false;
        }

        switch (token)
        {
            case JObject obj:
                key.Append('{');
                foreach (var property in obj.Properties())
                {
                    key.Append(property.Name.Length).Append(':').Append(property.Name);
                    if (!Append(property.Value, key))
                    {
                        return false;
                    }
                }

                key.Append('}');
                return true;
            case JArray array:
                key.Append('[');
                foreach (var item in array)
                {
                    if (!Append(item, key))
                    {
                        return false;
                    }
                }

                key.Append(']');
                return true;
            default:
                key.Append((char)('a' + (int)token.Type));
                return true;
        }
    }
}
