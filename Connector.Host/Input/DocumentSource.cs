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
    /// documents and about <see cref="MaxChunkBytes"/>. When reading is cancelled, the documents already read are still
    /// handed on (they get their "cancelled" results) and the chunks end.
    /// </summary>
    public static async IAsyncEnumerable<List<TrackedDocument>> ChunkAsync(
        IAsyncEnumerable<TrackedDocument> documents,
        int size,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var chunk = new List<TrackedDocument>(Math.Min(size, 1024));
        long bytes = 0;
        var source = documents.GetAsyncEnumerator(cancellationToken);
        await using (source.ConfigureAwait(false))
        {
            while (await NextAsync(source, cancellationToken).ConfigureAwait(false))
            {
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
