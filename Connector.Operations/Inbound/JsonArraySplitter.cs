using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Connector.Operations.Inbound;

/// <summary>
/// Splits a JSON array arriving on a stream into its elements' raw UTF-8 bytes, one element at a time, without
/// building a document tree and without holding more than one element plus a read buffer in memory. A body that is
/// not an array throws <see cref="JsonException"/>; one that ends before the array is closed throws
/// <see cref="TruncatedJsonException"/>. The reader never treats a block as final (an array always ends in <c>]</c>),
/// so running out of data is always told apart from bad syntax.
/// </summary>
internal static class JsonArraySplitter
{
    private const int InitialBufferSize = 64 * 1024;

    /// <summary>Splits the array into its elements, each a copy of its own that the caller may keep.</summary>
    /// <param name="stream">The body, read to the array's end.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The elements' raw UTF-8 bytes, in order.</returns>
    public static IAsyncEnumerable<ReadOnlyMemory<byte>> SplitAsync(Stream stream, CancellationToken cancellationToken) =>
        SplitAsync(stream, borrowed: false, cancellationToken);

    /// <summary>
    /// Splits the array into its elements without copying them: each element is a slice of the read buffer, valid only
    /// until the enumeration moves on (copy what is kept, as <see cref="Connector.Core.Results.Payload.PooledCopyOfJson"/> does).
    /// </summary>
    /// <param name="stream">The body, read to the array's end.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The elements' raw UTF-8 bytes, in order, each valid until the next one is asked for.</returns>
    public static IAsyncEnumerable<ReadOnlyMemory<byte>> SplitBorrowedAsync(Stream stream, CancellationToken cancellationToken) =>
        SplitAsync(stream, borrowed: true, cancellationToken);

    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> SplitAsync(Stream stream, bool borrowed, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        try
        {
            var start = 0;
            var filled = 0;
            var endOfStream = false;
            var state = default(JsonReaderState);
            var insideArray = false;
            while (true)
            {
                var step = Advance(buffer.AsSpan(start, filled - start), state, insideArray);
                switch (step.Kind)
                {
                    case StepKind.ArrayStarted:
                        insideArray = true;
                        start += step.Consumed;
                        state = step.State;
                        continue;
                    case StepKind.Element:
                        var slice = buffer.AsMemory(start + step.ElementStart, step.ElementLength);
                        ReadOnlyMemory<byte> element = borrowed ? slice : slice.ToArray();
                        start += step.Consumed;
                        state = step.State;
                        yield return element;
                        continue;
                    case StepKind.ArrayEnded:
                        yield break;
                    case StepKind.NeedMoreData when endOfStream:
                        throw Truncated(insideArray);
                    case StepKind.NeedMoreData:
                        break;
                }

                (buffer, filled) = Compact(buffer, start, filled);
                start = 0;
                var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    endOfStream = true;
                }

                filled += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The error of a body that ends before its array is closed (<paramref name="insideArray"/>) or before it even starts
    /// one: also what any other reader of a whole JSON array answer throws for it.
    /// </summary>
    internal static TruncatedJsonException Truncated(bool insideArray) => new(insideArray
        ? "the JSON array ended before it was closed (truncated body)"
        : "the body is empty or truncated; a JSON array was expected");

    /// <summary>The error of a body whose first token (<paramref name="first"/>) does not start an array.</summary>
    internal static JsonException NotAnArray(JsonTokenType first) => new($"a JSON array was expected but the body starts with {first}");

    /// <summary>Moves the unread part to the front, and grows the buffer when that part fills it (one element is bigger than it).</summary>
    private static (byte[] Buffer, int Filled) Compact(byte[] buffer, int start, int filled)
    {
        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, filled - start);
            filled -= start;
        }

        if (filled < buffer.Length)
        {
            return (buffer, filled);
        }

        var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        Buffer.BlockCopy(buffer, 0, bigger, 0, filled);
        ArrayPool<byte>.Shared.Return(buffer);
        return (bigger, filled);
    }

    private static Step Advance(ReadOnlySpan<byte> data, JsonReaderState state, bool insideArray)
    {
        var reader = new Utf8JsonReader(data, isFinalBlock: false, state);
        if (!reader.Read())
        {
            return new Step(StepKind.NeedMoreData, 0, 0, 0, state);
        }

        if (!insideArray)
        {
            return reader.TokenType == JsonTokenType.StartArray
                ? new Step(StepKind.ArrayStarted, (int)reader.BytesConsumed, 0, 0, reader.CurrentState)
                : throw NotAnArray(reader.TokenType);
        }

        if (reader.TokenType == JsonTokenType.EndArray)
        {
            return new Step(StepKind.ArrayEnded, (int)reader.BytesConsumed, 0, 0, reader.CurrentState);
        }

        var elementStart = (int)reader.TokenStartIndex;
        if (!reader.TrySkip())
        {
            return new Step(StepKind.NeedMoreData, 0, 0, 0, state);
        }

        var consumed = (int)reader.BytesConsumed;
        return new Step(StepKind.Element, consumed, elementStart, consumed - elementStart, reader.CurrentState);
    }

    private enum StepKind
    {
        ArrayStarted,
        Element,
        ArrayEnded,
        NeedMoreData,
    }

    private readonly record struct Step(StepKind Kind, int Consumed, int ElementStart, int ElementLength, JsonReaderState State);
}
