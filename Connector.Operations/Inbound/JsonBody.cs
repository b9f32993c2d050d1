using System.Text.Json;

namespace Connector.Operations.Inbound;

/// <summary>Reads a JSON answer body into bytes, checking it is well-formed JSON (an unreadable body is a FAILURE).</summary>
internal static class JsonBody
{
    public static async Task<byte[]> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        var bytes = buffer.ToArray();
        var reader = new Utf8JsonReader(bytes, isFinalBlock: true, default);
        if (!reader.Read() || !reader.TrySkip() || reader.Read())
        {
            throw new JsonException("the answer body is empty, truncated or has content after the JSON value");
        }

        return bytes;
    }
}
