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

    /// <summary>Groups documents into chunks (each chunk runs as one operation request).</summary>
    public static async IAsyncEnumerable<List<TrackedDocument>> ChunkAsync(
        IAsyncEnumerable<TrackedDocument> documents,
        int size,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var chunk = new List<TrackedDocument>(size);
        await foreach (var document in documents.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            chunk.Add(document);
            if (chunk.Count >= size)
            {
                yield return chunk;
                chunk = new List<TrackedDocument>(size);
            }
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }
}
