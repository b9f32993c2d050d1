using System.Buffers;
using System.Globalization;
using Connector.Core.Documents;
using Connector.Operations.Execution;

namespace Connector.Operations.Documents;

/// <summary>
/// The bytes of one upload, sent from where they are instead of being copied into memory: a seekable document (a file
/// given with <c>--file</c>) is sent from its own stream, read again from its first byte by each attempt; a document
/// that cannot seek (a pipe) is first copied, at most <see cref="InputDocumentReader.MaxUploadBytes"/> bytes, into a
/// private temporary file deleted when this is disposed. Empty or oversized documents are refused before anything is sent.
/// </summary>
internal sealed class UploadContent : IAsyncDisposable
{
    private readonly Stream _source;
    private readonly long _start;
    private readonly PrivateTemporaryFile? _spool;

    private UploadContent(Stream source, long start, long length, PrivateTemporaryFile? spool)
    {
        _source = source;
        _start = start;
        Length = length;
        _spool = spool;
    }

    /// <summary>How many bytes the upload sends.</summary>
    public long Length { get; }

    /// <summary>Prepares the upload of a document, spooling it first when it cannot seek.</summary>
    /// <exception cref="DocumentInputException">The document is empty or larger than the upload limit.</exception>
    public static async Task<UploadContent> OpenAsync(TrackedDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var content = document.Data.CanSeek
            ? new UploadContent(document.Data, document.Data.Position, document.Data.Length - document.Data.Position, spool: null)
            : await SpoolAsync(document, cancellationToken).ConfigureAwait(false);
        if (content.Length == 0)
        {
            await content.DisposeAsync().ConfigureAwait(false);
            throw new DocumentInputException(DocumentInputException.InvalidDocument, $"document '{document.TrackingId}' is empty: an upload needs the file's bytes as the document");
        }

        if (content.Length > InputDocumentReader.MaxUploadBytes)
        {
            await content.DisposeAsync().ConfigureAwait(false);
            throw TooLarge(document);
        }

        return content;
    }

    /// <summary>A stream over the whole upload for one attempt; disposing it leaves the content usable for the next.</summary>
    public Stream OpenAttempt() => new UploadWindowStream(_source, _start, Length);

    public async ValueTask DisposeAsync()
    {
        if (_spool is not null)
        {
            await _spool.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task<UploadContent> SpoolAsync(TrackedDocument document, CancellationToken cancellationToken)
    {
        var spool = PrivateTemporaryFile.Create("upload");
        var chunk = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int read;
            while ((read = await document.Data.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (spool.Length + read > InputDocumentReader.MaxUploadBytes)
                {
                    throw TooLarge(document);
                }

                await spool.WriteAsync(chunk.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }

            await spool.FlushAsync(cancellationToken).ConfigureAwait(false);
            return new UploadContent(spool, 0, spool.Length, spool);
        }
        catch
        {
            await spool.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private static DocumentInputException TooLarge(TrackedDocument document) => new(
        DocumentInputException.InvalidDocument,
        $"document '{document.TrackingId}' is larger than {(InputDocumentReader.MaxUploadBytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture)} MB, the largest upload");
}
