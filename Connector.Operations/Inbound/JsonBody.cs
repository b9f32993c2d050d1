using System.Text.Json;
using Connector.Operations.Http;

namespace Connector.Operations.Inbound;

/// <summary>
/// Reads a JSON answer body into bytes (bounded by the answer stream's limits), checking it is one well-formed JSON
/// value: a body cut short throws <see cref="TruncatedJsonException"/>, malformed JSON a <see cref="JsonException"/>.
/// </summary>
internal static class JsonBody
{
    /// <summary>The largest declared length read straight into an array of that size (a bigger body grows a buffer as it arrives).</summary>
    private const int LargestDeclaredRead = 1024 * 1024;

    public static async ValueTask<byte[]> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        var bytes = await ReadBytesAsync(body, cancellationToken).ConfigureAwait(false);
        CheckOneValue(bytes);
        return bytes;
    }

    /// <summary>
    /// Reads the body into bytes (bounded by the answer stream's limits) without looking at them, for a caller whose
    /// own reading of the JSON checks it (and throws as <see cref="CheckOneValue"/> does), or who calls
    /// <see cref="CheckOneValue"/> itself. The read's own asynchronous method is returned as it is (no layer around it).
    /// </summary>
    public static ValueTask<byte[]> ReadBytesAsync(Stream body, CancellationToken cancellationToken) =>
        body is MeteredWireStream { DeclaredLength: > 0 and <= LargestDeclaredRead and var declared }
            ? ReadDeclaredAsync(body, (int)declared, cancellationToken)
            : ReadToEndAsync(body, cancellationToken);

    /// <summary>
    /// Checks the bytes hold exactly one complete JSON value. An answer that is one is read once; only a failing one is
    /// read again, to tell a value cut short from malformed JSON or content after the value.
    /// </summary>
    /// <remarks>
    /// The pass over a good answer is a plain loop of <see cref="Utf8JsonReader.Read"/> over the whole body as a final
    /// block: with the default options that reader itself throws on no value, on a value cut short and on anything after
    /// the value, so the loop ending is the check. <see cref="Utf8JsonReader.TrySkip"/> reads the same tokens but took
    /// about a fifth longer (11.5 against 9.4 us for a 7.5 KB approved request, the answer of every APPROVE;
    /// the benchmarks' <c>AnswerCheckBenchmarks</c> keep the comparison).
    /// </remarks>
    /// <exception cref="TruncatedJsonException">The body is empty or ends before its value does.</exception>
    /// <exception cref="JsonException">The body is malformed, or has content after its value.</exception>
    internal static void CheckOneValue(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var whole = new Utf8JsonReader(bytes, isFinalBlock: true, default);
            while (whole.Read())
            {
            }
        }
        catch (JsonException)
        {
            // Read as a block that may go on: a value cut short asks for more instead of failing.
            var partial = new Utf8JsonReader(bytes, isFinalBlock: false, default);
            if (!partial.Read() || !partial.TrySkip())
            {
                throw new TruncatedJsonException("the answer body is empty or ends before its JSON value does");
            }

            throw;
        }
    }

    /// <summary>
    /// An undecoded body of a declared length, read into one array of that length (shorter when the body ends early).
    /// The array is not zeroed first: every byte of it is overwritten by the body, and a body that ends early is
    /// returned as a copy of the bytes it filled.
    /// </summary>
    private static async ValueTask<byte[]> ReadDeclaredAsync(Stream body, int length, CancellationToken cancellationToken)
    {
        var bytes = GC.AllocateUninitializedArray<byte>(length);
        var filled = 0;
        int read;
        while (filled < length && (read = await body.ReadAsync(bytes.AsMemory(filled), cancellationToken).ConfigureAwait(false)) > 0)
        {
            filled += read;
        }

        return filled == length ? bytes : bytes[..filled];
    }

    private static async ValueTask<byte[]> ReadToEndAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }
}
