using System.Text;
using System.Text.Json;

namespace Connector.Operations.Http;

/// <summary>
/// Connect's error body <c>{"error_code": "VAL_001", "errors": ["..."]}</c>, read robustly: a missing, empty,
/// non-JSON or differently shaped body still yields a short text for the message.
/// </summary>
internal sealed record ConnectErrorBody(string? ErrorCode, IReadOnlyList<string> Errors, string? RawSnippet)
{
    /// <summary>How much of an error body is read at most.</summary>
    public const int MaxBytes = 256 * 1024;

    private const int SnippetLength = 200;

    /// <summary>What an empty or unreadable body reads as: no code, no errors, no snippet (one shared instance).</summary>
    public static readonly ConnectErrorBody Empty = new(null, [], null);

    /// <summary>The errors joined for a message, or the raw snippet, or null.</summary>
    public string? Summary => Errors.Count > 0 ? string.Join("; ", Errors) : RawSnippet;

    /// <summary>Reads at most <see cref="MaxBytes"/> of the body and parses it; never throws for bad content.</summary>
    public static async Task<ConnectErrorBody> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        byte[] bytes;
        try
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while (buffer.Length < MaxBytes
                   && (read = await body.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, MaxBytes - buffer.Length)), cancellationToken).ConfigureAwait(false)) > 0)
            {
                buffer.Write(chunk, 0, read);
            }

            bytes = buffer.ToArray();
        }
        catch (Exception e) when (e is IOException or HttpRequestException or ObjectDisposedException or Connector.Operations.Http.Errors.ConnectException)
        {
            return Empty;
        }

        return Parse(bytes);
    }

    /// <summary>
    /// Reads Connect's <c>error_code</c> and <c>errors</c> (or a problem's <c>detail</c>); never throws: a body that is not
    /// such JSON (a proxy's HTML page, plain text) keeps its first 200 characters as <see cref="RawSnippet"/>.
    /// </summary>
    public static ConnectErrorBody Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty || bytes.Trim(" \t\r\n"u8).IsEmpty)
        {
            return Empty;
        }

        try
        {
            using var document = JsonDocument.Parse(bytes.ToArray());
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                string? code = root.TryGetProperty("error_code", out var codeElement) && codeElement.ValueKind == JsonValueKind.String
                    ? codeElement.GetString()
                    : null;
                var errors = root.TryGetProperty("errors", out var errorsElement) ? ReadErrors(errorsElement) : [];
                if (code is null && errors.Count == 0 && root.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String)
                {
                    errors = [detail.GetString()!];
                }

                return new ConnectErrorBody(string.IsNullOrWhiteSpace(code) ? null : code, errors, code is null && errors.Count == 0 ? Snippet(bytes) : null);
            }

            if (root.ValueKind == JsonValueKind.Array)
            {
                var errors = ReadErrors(root);
                return new ConnectErrorBody(null, errors, errors.Count == 0 ? Snippet(bytes) : null);
            }
        }
        catch (JsonException)
        {
            // Not JSON (an HTML page of a proxy, plain text): fall through to the snippet.
        }

        return new ConnectErrorBody(null, [], Snippet(bytes));
    }

    private static List<string> ReadErrors(JsonElement element)
    {
        var errors = new List<string>();
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                errors.Add(element.GetString()!);
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    errors.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText());
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    errors.Add(property.Name + ": " + (property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText()));
                }

                break;
        }

        return errors;
    }

    private static string Snippet(ReadOnlySpan<byte> bytes)
    {
        var text = Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, SnippetLength * 4)]);
        var builder = new StringBuilder(SnippetLength + 1);
        var lastWasSpace = false;
        foreach (var c in text)
        {
            if (builder.Length >= SnippetLength)
            {
                builder.Append('…');
                break;
            }

            var isSpace = char.IsWhiteSpace(c) || char.IsControl(c);
            if (isSpace && (lastWasSpace || builder.Length == 0))
            {
                continue;
            }

            builder.Append(isSpace ? ' ' : c);
            lastWasSpace = isSpace;
        }

        return builder.ToString().TrimEnd();
    }
}
