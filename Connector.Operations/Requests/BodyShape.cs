using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
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

    /// <summary>
    /// Writes the shape of a UTF-8 JSON object document into <paramref name="key"/>, exactly as <see cref="Key(JToken)"/>
    /// writes the shape of the same document read by the input reader (Newtonsoft, numbers with a fraction or an
    /// exponent as decimals), without building a tree. False, and nothing to rely on, for anything whose reading could
    /// differ between the two: not an object, a byte order mark, JSON System.Text.Json does not accept (comments,
    /// trailing content...), a repeated property name, a fraction a decimal cannot hold, or a key longer than the span.
    /// </summary>
    /// <param name="utf8Json">The document's bytes.</param>
    /// <param name="key">Where the key is written; <see cref="MaxKeyLength"/> characters are enough for any remembered shape.</param>
    /// <param name="length">The key's length in <paramref name="key"/>.</param>
    /// <returns>Whether <paramref name="key"/> holds the document's shape.</returns>
    public static bool TryKey(ReadOnlySpan<byte> utf8Json, Span<char> key, out int length)
    {
        length = 0;
        if (utf8Json.Length == 0 || utf8Json[0] != (byte)'{')
        {
            return false;
        }

        // Names seen in each open object: (start in key, length) pairs, popped when the object closes.
        var slots = ArrayPool<int>.Shared.Rent(256);
        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            var written = 0;
            var names = new ShapeNames(slots);
            while (reader.Read())
            {
                if (!AppendToken(ref reader, key, ref written, ref names))
                {
                    return false;
                }
            }

            length = written;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(slots);
        }
    }

    private static bool AppendToken(ref Utf8JsonReader reader, Span<char> key, ref int written, ref ShapeNames names)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                return names.Open() && Put(key, ref written, '{');
            case JsonTokenType.EndObject:
                names.Close();
                return Put(key, ref written, '}');
            case JsonTokenType.StartArray:
                return Put(key, ref written, '[');
            case JsonTokenType.EndArray:
                return Put(key, ref written, ']');
            case JsonTokenType.PropertyName:
                return AppendName(ref reader, key, ref written, ref names);
            case JsonTokenType.String:
                return Put(key, ref written, Letter(JTokenType.String));
            case JsonTokenType.Number:
                var isFloat = reader.ValueSpan.IndexOfAny(".eE"u8) >= 0;
                return (!isFloat || reader.TryGetDecimal(out _)) && Put(key, ref written, Letter(isFloat ? JTokenType.Float : JTokenType.Integer));
            case JsonTokenType.True or JsonTokenType.False:
                return Put(key, ref written, Letter(JTokenType.Boolean));
            case JsonTokenType.Null:
                return Put(key, ref written, Letter(JTokenType.Null));
            default:
                return false;
        }
    }

    /// <summary>Appends <c>length:name</c> (the name unescaped, its length in UTF-16 units); false for a name seen before in the same object.</summary>
    private static bool AppendName(ref Utf8JsonReader reader, Span<char> key, ref int written, ref ShapeNames names)
    {
        // The name is copied past the room its length prefix needs at most, then moved behind the prefix.
        const int prefixRoom = 12;
        if (written + prefixRoom >= key.Length)
        {
            return false;
        }

        var nameArea = key[(written + prefixRoom)..];
        if (reader.ValueSpan.Length > nameArea.Length)
        {
            return false;
        }

        var nameLength = reader.CopyString(nameArea);
        if (!nameLength.TryFormat(key[written..], out var digits, provider: CultureInfo.InvariantCulture))
        {
            return false;
        }

        key[written + digits] = ':';
        var nameStart = written + digits + 1;
        nameArea[..nameLength].CopyTo(key[nameStart..]);
        if (!names.Add(key, nameStart, nameLength))
        {
            return false;
        }

        written = nameStart + nameLength;
        return true;
    }

    private static bool Put(Span<char> key, ref int written, char c)
    {
        if (written >= key.Length)
        {
            return false;
        }

        key[written++] = c;
        return true;
    }

    private static char Letter(JTokenType type) => (char)('a' + (int)type);

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
                key.Append(Letter(token.Type));
                return true;
        }
    }

    /// <summary>The property names of the objects open while a shape is read, to refuse a name repeated in one object (Newtonsoft keeps only its last value).</summary>
    private ref struct ShapeNames(int[] slots)
    {
        private int _count;

        /// <summary>Starts an object: a marker slot that <see cref="Close"/> pops back to.</summary>
        public bool Open()
        {
            if (_count >= slots.Length)
            {
                return false;
            }

            slots[_count++] = -1;
            return true;
        }

        public void Close()
        {
            while (_count > 0 && slots[--_count] != -1)
            {
                _count--;
            }
        }

        /// <summary>Records a name of the innermost object (its place in the key); false when that object already has it.</summary>
        public bool Add(ReadOnlySpan<char> key, int start, int length)
        {
            var name = key.Slice(start, length);
            for (var i = _count - 1; i >= 0 && slots[i] != -1; i -= 2)
            {
                if (key.Slice(slots[i - 1], slots[i]).SequenceEqual(name))
                {
                    return false;
                }
            }

            if (_count + 2 > slots.Length)
            {
                return false;
            }

            slots[_count++] = start;
            slots[_count++] = length;
            return true;
        }
    }
}
