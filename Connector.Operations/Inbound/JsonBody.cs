using System.Text.Json;

namespace Connector.Operations.Inbound;

/// <summary>
/// Reads a JSON answer body into bytes (bounded by the answer stream's limits), checking it is one well-formed JSON
/// value: a body cut short throws <see cref="TruncatedJsonException"/>, malformed JSON a <see cref="JsonException"/>.
/// </summary>
internal static class JsonBody
{
    public static async Task<byte[]> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        var bytes = buffer.ToArray();
        var complete = new Utf8JsonReader(bytes, isFinalBlock: false, default);
        if (!complete.Read() || !complete.TrySkip())
        {
            throw new TruncatedJsonException("the answer body is empty or ends before its JSON value does");
        }

        var reader = new Utf8JsonReader(bytes, isFinalBlock: true, default);
        if (!reader.Read() || !reader.TrySkip() || reader.Read())
        {
            throw new JsonException("the answer body has content after its JSON value");
        }

        return bytes;
    }
}
