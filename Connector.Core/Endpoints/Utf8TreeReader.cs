using System.Text.Json;
using Newtonsoft.Json.Linq;

namespace Connector.Core.Endpoints;

/// <summary>
/// Builds the Newtonsoft tree of one JSON value with System.Text.Json's reader: framework code, precompiled, so a fresh
/// process reads at full speed where Newtonsoft's own reader is still being compiled. The tree is the one Newtonsoft's
/// reader builds with the derived data's settings: strings as written (no dates), integers as <see cref="long"/>, other
/// numbers as <see cref="double"/>, a repeated name's last value in its first place. What the two readers could read
/// differently (an integer beyond <see cref="long"/>, a number beyond <see cref="double"/>, text that is not valid UTF-8
/// or UTF-16) is not read here: the caller's Newtonsoft parse reads it.
/// </summary>
internal static class Utf8TreeReader
{
    /// <summary>The depth the full Newtonsoft parse allows (<c>JsonReader.MaxDepth</c>); both readers count it alike.</summary>
    public const int MaxDepth = 64;

    /// <summary>Reads one JSON value.</summary>
    /// <param name="utf8">The value's text; nothing but whitespace may follow it.</param>
    /// <returns>The new tree (without a parent), or null when the text is not one plain JSON value this reader reads as Newtonsoft does.</returns>
    public static JToken? TryRead(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            return reader.Read() && Value(ref reader) is { } value && !reader.Read() ? value : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Not well-formed, or a string GetString refuses (invalid UTF-8, a lone surrogate): Newtonsoft decides.
            return null;
        }
    }

    /// <summary>The value the reader is on; the reader ends on its last token.</summary>
    private static JToken? Value(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var members = new JObject();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString()!;
                    reader.Read();
                    if (Value(ref reader) is not { } member)
                    {
                        return null;
                    }

                    members[name] = member;
                }

                return members;
            case JsonTokenType.StartArray:
                var items = new JArray();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (Value(ref reader) is not { } item)
                    {
                        return null;
                    }

                    items.Add(item);
                }

                return items;
            case JsonTokenType.String:
                return new JValue(reader.GetString());
            case JsonTokenType.Number:
                return Number(ref reader);
            case JsonTokenType.True or JsonTokenType.False:
                return new JValue(reader.GetBoolean());
            default:
                return JValue.CreateNull();
        }
    }

    /// <summary>As Newtonsoft reads a number: an integer when it parses as a <see cref="long"/>, else a <see cref="double"/>; null for what only Newtonsoft reads (beyond those ranges).</summary>
    private static JValue? Number(ref Utf8JsonReader reader)
    {
        if (reader.ValueSpan.IndexOfAny(".eE"u8) < 0)
        {
            return reader.TryGetInt64(out var integer) ? new JValue(integer) : null;
        }

        return reader.TryGetDouble(out var number) && double.IsFinite(number) ? new JValue(number) : null;
    }
}
