using System.Globalization;
using System.Runtime.CompilerServices;
using Connector.Core.Descriptors;
using Connector.Core.Documents;

namespace Connector.Host.Input;

/// <summary>
/// Reads input documents: NDJSON lines (tracking id <c>line-N</c>, N the 1-based line number; blank lines skipped;
/// a malformed line still becomes a document, which the operation answers with an APPLICATION_ERROR naming it),
/// each with the --set assignments applied. Lines are capped while they are read (<see cref="BoundedLineReader"/>):
/// a line over the limit becomes a document that holds none of its bytes and that the operation refuses as too large.
/// </summary>
internal static class DocumentSource
{
    /// <summary>How many bytes of documents one chunk may hold before it is handed on, whatever its count.</summary>
    public const long MaxChunkBytes = 64L * 1024 * 1024;

    /// <summary>How long a started chunk waits for the next document before it is handed on anyway (50 ms).</summary>
    public static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(50);

    public static async IAsyncEnumerable<TrackedDocument> ReadLinesAsync(
        BoundedLineReader reader,
        BodyAssignments assignments,
        IReadOnlyDictionary<string, string?>? dynamicProperties,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Text is not { } text)
            {
                yield return Skipped(line, dynamicProperties);
            }
            else if (!string.IsNullOrWhiteSpace(text))
            {
                yield return TrackedDocument.FromText(TrackingId(line), assignments.ApplyTo(text), dynamicProperties);
            }
        }
    }

    /// <summary>
    /// The ids for get: a bare id per line, or a JSON document per line (a line starting with <c>{</c>, <c>[</c> or
    /// <c>"</c> is JSON; the operation takes an object's id field and refuses any other JSON value, as exec does).
    /// </summary>
    public static async IAsyncEnumerable<TrackedDocument> ReadIdLinesAsync(BoundedLineReader reader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Text is null)
            {
                yield return Skipped(line, null);
                continue;
            }

            var text = line.Text.Trim();
            if (text.Length == 0)
            {
                continue;
            }

            yield return text[0] is '{' or '[' or '"'
                ? TrackedDocument.FromText(TrackingId(line), text)
                : TrackedDocument.Empty(TrackingId(line), new Dictionary<string, string?> { [OperationFieldIds.ObjectId] = text });
        }
    }

    /// <summary>
    /// Groups documents into chunks (each chunk runs as one operation request) of at most <paramref name="size"/>
    /// documents and about <see cref="MaxChunkBytes"/>. A chunk is also handed on when the next document has not
    /// arrived within <see cref="Linger"/>, so a slow producer (a long-running <c>listen</c> piped in) has each line
    /// processed as it arrives instead of at the end of input, while a fast one still fills whole chunks. When reading
    /// is cancelled, the documents already read are still handed on (they get their "cancelled" results) and the
    /// chunks end.
    /// </summary>
    public static async IAsyncEnumerable<List<TrackedDocument>> ChunkAsync(
        IAsyncEnumerable<TrackedDocument> documents, int size, [EnumeratorCancellation] CancellationToken cancellationToken, TimeProvider? time = null)
    {
        var chunk = new List<TrackedDocument>(Math.Min(size, 1024));
        long bytes = 0;
        var source = documents.GetAsyncEnumerator(cancellationToken);
        var pending = false;
        try
        {
            while (true)
            {
                var next = NextAsync(source, cancellationToken);
                if (!next.IsCompleted && chunk.Count > 0)
                {
                    // The next document is late: hand on what was read if it has not come within the linger time.
                    var waiting = next.AsTask();
                    pending = true;
                    if (await Task.WhenAny(waiting, Task.Delay(Linger, time ?? TimeProvider.System, CancellationToken.None)).ConfigureAwait(false) != waiting)
                    {
                        yield return chunk;
                        chunk = new List<TrackedDocument>(Math.Min(size, 1024));
                        bytes = 0;
                    }

                    next = new ValueTask<bool>(waiting);
                }

                var more = await next.ConfigureAwait(false);
                pending = false;
                if (!more)
                {
                    break;
                }

                var document = source.Current;
                chunk.Add(document);
                bytes += document.Data is { CanSeek: true } data and not SkippedLineStream ? data.Length : 0;
                if (chunk.Count >= size || bytes >= MaxChunkBytes)
                {
                    yield return chunk;
                    chunk = new List<TrackedDocument>(Math.Min(size, 1024));
                    bytes = 0;
                }
            }
        }
        finally
        {
            // A consumer that stops while a read is still pending abandons the reader: disposing it mid-read is not allowed.
            if (!pending)
            {
                await source.DisposeAsync().ConfigureAwait(false);
            }
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }

    private static async ValueTask<bool> NextAsync(IAsyncEnumerator<TrackedDocument> source, CancellationToken cancellationToken)
    {
        try
        {
            return await source.MoveNextAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static string TrackingId(InputLine line) => "line-" + line.Number.ToString(CultureInfo.InvariantCulture);

    private static TrackedDocument Skipped(InputLine line, IReadOnlyDictionary<string, string?>? dynamicProperties) =>
        new(TrackingId(line), new SkippedLineStream(line.Number, line.Bytes), dynamicProperties);
}
