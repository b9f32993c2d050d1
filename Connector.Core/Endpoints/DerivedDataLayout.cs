using System.Text.Json;

namespace Connector.Core.Endpoints;

/// <summary>
/// Where the parts of derived OpenAPI data lie in its UTF-8 text: the root's <c>source</c>, each endpoint (with its
/// method and path, what <see cref="ApiCatalog.Find"/> looks it up by) and each shared definition. Found by one pass
/// of System.Text.Json's reader (framework code, precompiled: cheap in a fresh process) that also checks the whole
/// text is well-formed JSON no deeper than the full parse allows, so each part parses alone later.
/// </summary>
internal sealed class DerivedDataLayout
{
    private DerivedDataLayout(Range? source, List<(string? Method, string? Path, Range Value)> endpoints, List<(string Name, Range Value)> definitions)
    {
        Source = source;
        Endpoints = endpoints;
        Definitions = definitions;
    }

    /// <summary>Where the root's last <c>source</c> value lies, or null when the root has none.</summary>
    public Range? Source { get; }

    /// <summary>Each endpoint object of <c>endpoints</c>, in file order, with its <c>method</c> and <c>path</c> when they are strings (other items are left out, as the full load leaves them out).</summary>
    public IReadOnlyList<(string? Method, string? Path, Range Value)> Endpoints { get; }

    /// <summary>Each member of <c>definitions</c>, in file order (a repeated name comes once per occurrence).</summary>
    public IReadOnlyList<(string Name, Range Value)> Definitions { get; }

    /// <summary>Reads the layout of derived data.</summary>
    /// <param name="utf8">The text, without a byte order mark.</param>
    /// <returns>
    /// The layout, or null when the text is not plain well-formed JSON whose root object has an <c>endpoints</c> array
    /// and a <c>definitions</c> object (the last of each name, as a JSON object keeps it): the caller's full parse then
    /// says what is wrong, or accepts what its more lenient reader does. What follows the root object is not read, as
    /// the full parse does not read it.
    /// </returns>
    public static DerivedDataLayout? TryRead(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = Utf8TreeReader.MaxDepth });
        Range? source = null;
        List<(string?, string?, Range)>? endpoints = null;
        List<(string, Range)>? definitions = null;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("endpoints"u8))
                {
                    reader.Read();
                    endpoints = reader.TokenType == JsonTokenType.StartArray ? ReadEndpoints(ref reader) : null;
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("definitions"u8))
                {
                    reader.Read();
                    definitions = reader.TokenType == JsonTokenType.StartObject ? ReadMembers(ref reader) : null;
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("source"u8))
                {
                    reader.Read();
                    source = ValueRange(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Not well-formed (or a name that is not valid UTF-8, which GetString refuses): the full parse decides.
            return null;
        }

        return endpoints is null || definitions is null ? null : new DerivedDataLayout(source, endpoints, definitions);
    }

    /// <summary>The endpoints array's object items with their method and path; the reader ends on the array's end.</summary>
    private static List<(string?, string?, Range)> ReadEndpoints(ref Utf8JsonReader reader)
    {
        var endpoints = new List<(string?, string?, Range)>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            var start = (int)reader.TokenStartIndex;
            string? method = null;
            string? path = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isMethod = reader.ValueTextEquals("method"u8);
                var isPath = !isMethod && reader.ValueTextEquals("path"u8);
                reader.Read();
                var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                method = isMethod ? text : method;
                path = isPath ? text : path;
                reader.Skip();
            }

            endpoints.Add((method, path, start..(int)reader.BytesConsumed));
        }

        return endpoints;
    }

    /// <summary>An object's members by name, each value's range; the reader ends on the object's end.</summary>
    private static List<(string, Range)> ReadMembers(ref Utf8JsonReader reader)
    {
        var members = new List<(string, Range)>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            members.Add((name, ValueRange(ref reader)));
        }

        return members;
    }

    /// <summary>The range of the value the reader is on (its first token); the reader ends on its last token.</summary>
    private static Range ValueRange(ref Utf8JsonReader reader)
    {
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        return start..(int)reader.BytesConsumed;
    }
}
