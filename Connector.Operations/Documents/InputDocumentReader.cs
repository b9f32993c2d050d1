using System.Buffers;
using System.Globalization;
using Connector.Core.Documents;
using Connector.Operations.Execution;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Connector.Operations.Documents;

/// <summary>Reads input documents as JSON objects (bounded in size, with clear errors); uploads are sent by <see cref="UploadContent"/>.</summary>
internal static class InputDocumentReader
{
    /// <summary>The largest JSON input document accepted (Connect request bodies are small; a bigger one is a mistake).</summary>
    public const int MaxJsonDocumentBytes = 4 * 1024 * 1024;

    /// <summary>The largest file accepted for an upload (512 MB).</summary>
    public const long MaxUploadBytes = 512L * 1024 * 1024;

    /// <summary>The bytes JSON allows between tokens.</summary>
    private static readonly SearchValues<byte> JsonWhitespace = SearchValues.Create(" \t\r\n"u8);

    /// <summary>
    /// Reads a document as a JSON object. An empty document is null (ids may come from dynamic properties).
    /// Malformed JSON, JSON that is not an object and oversized documents are refused naming what and where.
    /// </summary>
    public static async Task<JObject?> ReadObjectAsync(TrackedDocument document, CancellationToken cancellationToken) =>
        ParseObject(document, await ReadBoundedBytesAsync(document, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Parses a document's bytes (from <see cref="ReadBoundedBytesAsync"/>) as a JSON object, as <see cref="ReadObjectAsync"/> does:
    /// null when blank; malformed JSON and JSON that is not an object are refused naming what and where.
    /// </summary>
    public static JObject? ParseObject(TrackedDocument document, byte[] bytes)
    {
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        JToken token;
        try
        {
            using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal, ArrayPool = SharedCharBufferPool.Instance };
            token = JToken.ReadFrom(reader);
            if (reader.Read() && reader.TokenType != JsonToken.Comment)
            {
                throw new JsonReaderException($"unexpected content after the JSON value at line {reader.LineNumber}, position {reader.LinePosition}");
            }
        }
        catch (JsonReaderException ex)
        {
            throw new DocumentInputException(
                DocumentInputException.InvalidDocument,
                $"document '{document.TrackingId}' is not valid JSON: {ex.Message}");
        }

        return token as JObject ?? throw new DocumentInputException(
            DocumentInputException.InvalidDocument,
            $"document '{document.TrackingId}' must be a JSON object, not {Describe(token.Type)}");
    }

    /// <summary>
    /// Reads a document that must be one JSON value of any kind (a raw request body): empty for an empty (or blank)
    /// document; malformed JSON and oversized documents are refused naming what and where.
    /// </summary>
    public static async Task<byte[]> ReadJsonBytesAsync(TrackedDocument document, CancellationToken cancellationToken)
    {
        var bytes = await ReadBoundedBytesAsync(document, cancellationToken).ConfigureAwait(false);
        if (bytes.All(IsWhitespace))
        {
            return [];
        }

        try
        {
            using var parsed = System.Text.Json.JsonDocument.Parse(bytes);
            return bytes;
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new DocumentInputException(DocumentInputException.InvalidDocument, $"document '{document.TrackingId}' is not valid JSON: {ex.Message}");
        }
    }

    /// <summary>
    /// The JSON text without the whitespace between its tokens (the array itself when there is none), as compact as
    /// Newtonsoft writes it; strings, escapes and numbers are kept byte for byte. <paramref name="utf8Json"/> must be
    /// well-formed JSON.
    /// </summary>
    public static byte[] Compact(byte[] utf8Json)
    {
        // A document a program wrote usually holds no whitespace byte at all: one vectorized search settles it.
        if (utf8Json.AsSpan().IndexOfAny(JsonWhitespace) < 0)
        {
            return utf8Json;
        }

        var whitespace = 0;
        var inString = false;
        for (var i = 0; i < utf8Json.Length; i++)
        {
            var b = utf8Json[i];
            if (inString)
            {
                i += b == (byte)'\\' ? 1 : 0;
                inString = b != (byte)'"';
            }
            else
            {
                inString = b == (byte)'"';
                whitespace += IsWhitespace(b) ? 1 : 0;
            }
        }

        return whitespace == 0 ? utf8Json : WithoutWhitespace(utf8Json, whitespace);
    }

    /// <summary>
    /// The string value of a top-level property of a well-formed JSON object without repeated names (one that
    /// <see cref="Requests.BodyShape.TryKey"/> read), or null when the property is missing or not a string.
    /// </summary>
    public static string? TopLevelString(ReadOnlySpan<byte> utf8Json, string name)
    {
        var reader = new System.Text.Json.Utf8JsonReader(utf8Json);
        reader.Read();
        while (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.PropertyName)
        {
            var found = reader.ValueTextEquals(name);
            reader.Read();
            if (found)
            {
                return reader.TokenType == System.Text.Json.JsonTokenType.String ? reader.GetString() : null;
            }

            reader.Skip();
        }

        return null;
    }

    private static byte[] WithoutWhitespace(byte[] utf8Json, int whitespace)
    {
        var compact = new byte[utf8Json.Length - whitespace];
        var written = 0;
        var inString = false;
        for (var i = 0; i < utf8Json.Length; i++)
        {
            var b = utf8Json[i];
            if (inString)
            {
                compact[written++] = b;
                if (b == (byte)'\\')
                {
                    compact[written++] = utf8Json[++i];
                }

                inString = b != (byte)'"';
            }
            else if (!IsWhitespace(b))
            {
                compact[written++] = b;
                inString = b == (byte)'"';
            }
        }

        return compact;
    }

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    /// <summary>
    /// A JSON document's bytes as they are, unparsed (a fast path looks at them before <see cref="ParseObject"/>),
    /// refused naming what and where when bigger than <see cref="MaxJsonDocumentBytes"/>. A document held in memory
    /// whose buffer is exactly its bytes (<see cref="TrackedDocument.FromText"/>'s) is taken in place, with neither a copy
    /// nor an asynchronous read; its stream is left read to the end, as a read leaves any other.
    /// </summary>
    public static ValueTask<byte[]> ReadBoundedBytesAsync(TrackedDocument document, CancellationToken cancellationToken)
    {
        if (WholeBuffer(document.Data) is { } bytes)
        {
            if (bytes.Length > MaxJsonDocumentBytes)
            {
                return ValueTask.FromException<byte[]>(TooLarge(document));
            }

            document.Data.Position = bytes.Length;
            return new ValueTask<byte[]>(bytes);
        }

        return ReadCopyAsync(document, cancellationToken);
    }

    private static async ValueTask<byte[]> ReadCopyAsync(TrackedDocument document, CancellationToken cancellationToken) =>
        await ReadBoundedAsync(document.Data, MaxJsonDocumentBytes, cancellationToken).ConfigureAwait(false) ?? throw TooLarge(document);

    private static DocumentInputException TooLarge(TrackedDocument document) => new(
        DocumentInputException.InvalidDocument,
        $"document '{document.TrackingId}' is larger than {MaxJsonDocumentBytes / (1024 * 1024)} MB; a Connect request body is never that big");

    /// <summary>
    /// The buffer of an unread <see cref="MemoryStream"/> whose visible buffer is exactly its content, or null for any
    /// other stream (one that hides its buffer, starts or ends inside it, or was partly read).
    /// </summary>
    private static byte[]? WholeBuffer(Stream stream) =>
        stream is MemoryStream memory && memory.TryGetBuffer(out var segment) && memory.Position == 0
            && segment.Offset == 0 && segment.Array is { } array && segment.Count == array.Length && memory.Length == array.Length
            ? array
            : null;

    private static async ValueTask<byte[]?> ReadBoundedAsync(Stream stream, long limit, CancellationToken cancellationToken)
    {
        // A seekable stream (a MemoryStream, a file) knows its size: read it into an exact array, with no copy buffer.
        if (stream.CanSeek)
        {
            var remaining = stream.Length - stream.Position;
            if (remaining > limit)
            {
                return null;
            }

            var exact = new byte[remaining];
            await stream.ReadExactlyAsync(exact, cancellationToken).ConfigureAwait(false);
            return exact;
        }

        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    private static string Describe(JTokenType type) => type switch
    {
        JTokenType.Array => "an array",
        JTokenType.String => "a string",
        JTokenType.Integer or JTokenType.Float => "a number",
        JTokenType.Boolean => "a boolean",
        JTokenType.Null => "null",
        _ => type.ToString().ToLowerInvariant(),
    };
}
