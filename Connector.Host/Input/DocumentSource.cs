using System.Globalization;
using System.Runtime.CompilerServices;
using Connector.Core.Documents;

namespace Connector.Host.Input;

/// <summary>
/// Reads input documents: NDJSON lines (tracking id <c>line-N</c>, N the 1-based line number; blank lines skipped;
/// a malformed line still becomes a document, which the operation answers with an APPLICATION_ERROR naming it),
/// each with the --set assignments applied.
/// </summary>
internal static class DocumentSource
{
    public static async IAsyncEnumerable<TrackedDocument> ReadLinesAsync(
        TextReader reader,
        BodyAssignments assignments,
        IReadOnlyDictionary<string, string?>? dynamicProperties,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var number = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            yield return TrackedDocument.FromText("line-" + number.ToString(CultureInfo.InvariantCulture), assignments.ApplyTo(line), dynamicProperties);
        }
    }

    /// <summary>
    /// Groups documents into chunks (each chunk runs as one operation request). A chunk is handed on as soon as the
    /// next document is not already available, so a slow producer (a <c>listen</c> piped in) has each line processed
    /// as it arrives instead of at the end of input; a fast one still fills whole chunks.
    /// </summary>
    public static async IAsyncEnumerable<List<TrackedDocument>> ChunkAsync(
        IAsyncEnumerable<TrackedDocument> documents,
        int size,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var chunk = new List<TrackedDocument>(size);
        var enumerator = documents.GetAsyncEnumerator(cancellationToken);
        var pending = false;
        try
        {
            while (true)
            {
                var next = enumerator.MoveNextAsync();
                pending = true;
                if (!next.IsCompleted && chunk.Count > 0)
                {
                    yield return chunk;
                    chunk = new List<TrackedDocument>(size);
                }

                var more = await next.ConfigureAwait(false);
                pending = false;
                if (!more)
                {
                    break;
                }

                chunk.Add(enumerator.Current);
                if (chunk.Count >= size)
                {
                    yield return chunk;
                    chunk = new List<TrackedDocument>(size);
                }
            }
        }
        finally
        {
            // A consumer that stops while a read is still pending (Ctrl+C on an idle pipe) abandons the reader:
            // disposing it mid-read is not allowed, and the read may never end.
            if (!pending)
            {
                await enumerator.DisposeAsync().ConfigureAwait(false);
            }
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }
}
