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

    /// <summary>
    /// Reads a document as a JSON object. An empty document is null (ids may come from dynamic properties).
    /// Malformed JSON, JSON that is not an object and oversized documents are refused naming what and where.
    /// </summary>
    public static async Task<JObject?> ReadObjectAsync(TrackedDocument document, CancellationToken cancellationToken)
    {
        var bytes = await ReadJsonSizedAsync(document, cancellationToken).ConfigureAwait(false);
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
        var bytes = await ReadJsonSizedAsync(document, cancellationToken).ConfigureAwait(false);
        if (bytes.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
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

    /// <summary>A JSON document's bytes, refused when bigger than <see cref="MaxJsonDocumentBytes"/>.</summary>
    private static async Task<byte[]> ReadJsonSizedAsync(TrackedDocument document, CancellationToken cancellationToken) =>
        await ReadBoundedAsync(document.Data, MaxJsonDocumentBytes, cancellationToken).ConfigureAwait(false)
        ?? throw new DocumentInputException(
            DocumentInputException.InvalidDocument,
            $"document '{document.TrackingId}' is larger than {MaxJsonDocumentBytes / (1024 * 1024)} MB; a Connect request body is never that big");

    private static async Task<byte[]?> ReadBoundedAsync(Stream stream, long limit, CancellationToken cancellationToken)
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
