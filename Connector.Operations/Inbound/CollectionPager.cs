using Connector.Operations.Http;
using Connector.Operations.Querying;

namespace Connector.Operations.Inbound;

/// <summary>
/// Pages through one Connect collection (limit/offset, following Content-Range, kept honest by <see cref="PagingGuard"/>)
/// and hands each record to a callback as its page streams in, one record at a time, in constant memory. A page whose
/// body breaks while it is read (connection reset, truncated JSON) is read again (a GET is idempotent), up to the
/// connection's retry limit, skipping the records of that page already handed out, so each record is delivered once.
/// Used by QUERY and by raw API requests with paging.
/// </summary>
internal sealed class CollectionPager(ConnectHttpClient client)
{
    /// <summary>How many records were handed out so far (kept across pages and page re-reads).</summary>
    public long Emitted { get; private set; }

    /// <summary>
    /// Asks page after page until the collection, or <paramref name="maxResults"/>, is exhausted; returns how many
    /// pages were read. <paramref name="onTotal"/> hears the collection's total once, from the first page's Content-Range.
    /// </summary>
    /// <param name="path">The collection's path relative to the API base URL (<c>requests</c>), already encoded.</param>
    /// <param name="query">The query without limit and offset (RQL, other parameters), already encoded; may be empty.</param>
    /// <param name="pageSize">Records asked per page.</param>
    /// <param name="maxResults">Stop after this many records (0: no limit).</param>
    /// <param name="startOffset">The offset of the first page.</param>
    /// <param name="emit">Takes one record's raw JSON, lent from the page's read buffer for the call only: it copies what it keeps.</param>
    /// <param name="onTotal">Hears the total (null: not wanted).</param>
    /// <param name="cancellationToken">Stops paging.</param>
    public async Task<int> PageThroughAsync(
        string path,
        string query,
        int pageSize,
        long maxResults,
        long startOffset,
        Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> emit,
        Func<long, CancellationToken, ValueTask>? onTotal,
        CancellationToken cancellationToken)
    {
        var guard = new PagingGuard(pageSize);
        var offset = startOffset;
        var started = Emitted;
        while (true)
        {
            var limit = maxResults > 0 ? (int)Math.Min(pageSize, maxResults - (Emitted - started)) : pageSize;
            var page = new PageRequest(path, RqlQueryBuilder.AppendPage(query, limit, checked((int)offset)), offset, limit);
            var (inPage, range) = await ReadPageAsync(page, guard, emit, guard.Pages == 0 ? onTotal : null, startOffset, cancellationToken).ConfigureAwait(false);
            if (guard.IsLastPage(range, offset, inPage, limit) || (maxResults > 0 && Emitted - started >= maxResults))
            {
                return guard.Pages;
            }

            offset += inPage;
        }
    }

    private async Task<(int Records, ContentRange? Range)> ReadPageAsync(
        PageRequest page,
        PagingGuard guard,
        Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> emit,
        Func<long, CancellationToken, ValueTask>? onTotal,
        long startOffset,
        CancellationToken cancellationToken)
    {
        var delivered = 0;
        return await BrokenBodyRetry.RetryAsync(
            client.Settings.MaxRetries,
            async () =>
            {
                await using var answer = await client.SendAsync(new ConnectRequest(HttpMethod.Get, page.Path, page.Query), cancellationToken).ConfigureAwait(false);
                var range = guard.CheckHeader(answer.ContentRange, page.Offset);
                if (range is not null && onTotal is not null)
                {
                    // Before the first record, so that progress can show it; a page read again tells it once.
                    await onTotal(Math.Max(0, range.Total - startOffset), cancellationToken).ConfigureAwait(false);
                    onTotal = null;
                }

                var position = 0;
                // Records are lent to emit straight from the read buffer: it copies what it hands on.
                await foreach (var record in JsonArraySplitter.SplitBorrowedAsync(answer.Body, cancellationToken).ConfigureAwait(false))
                {
                    if (position == 0)
                    {
                        guard.CheckFirstRecord(range, record, page.Offset);
                    }

                    if (position++ < delivered)
                    {
                        continue;
                    }

                    if (delivered >= page.Limit)
                    {
                        break;
                    }

                    await emit(record, cancellationToken).ConfigureAwait(false);
                    delivered++;
                    Emitted++;
                }

                return (delivered, range);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One page to ask for: path, whole query string (query plus limit and offset), offset and limit.</summary>
    private sealed record PageRequest(string Path, string Query, long Offset, int Limit);
}
