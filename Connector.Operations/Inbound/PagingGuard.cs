using System.Globalization;

namespace Connector.Operations.Inbound;

/// <summary>
/// Keeps one search's paging honest. With a Content-Range: each page must start at the offset asked for, the total
/// must not change mid-search, the range must match the records that arrived (an empty page only past the end), and
/// no more than total/pageSize + 1 pages are read (the page size being what the first page held, when the server caps
/// the limit). Without one: a short page is the last, and a page that starts with
/// the same record as the one before it (a server repeating itself) ends the search. The header checks run before a
/// page's records are emitted; a broken rule throws <see cref="InconsistentPagingException"/>.
/// </summary>
internal sealed class PagingGuard(int pageSize)
{
    private long? _total;
    private byte[]? _previousFirstRecord;
    private long _previousOffset = -1;
    private int _pageSize = pageSize;

    /// <summary>How many pages were read to the end so far (a page read again after a broken answer counts once).</summary>
    public int Pages { get; private set; }

    /// <summary>Checks a page's Content-Range as soon as its headers arrive; null when it has none (or one that cannot be read).</summary>
    public ContentRange? CheckHeader(string? header, long offset)
    {
        var page = Pages + 1;
        var range = ContentRange.Parse(header);
        if (range is null)
        {
            return null;
        }

        if (range.First != offset)
        {
            throw new InconsistentPagingException(Invariant($"the page asked at offset {offset} came back as records {range.First}-{range.Last} (Content-Range '{header}'): the server does not page as asked"));
        }

        if (_total is { } total && total != range.Total)
        {
            throw new InconsistentPagingException(Invariant($"the collection's total changed from {total} to {range.Total} during the search (Content-Range '{header}' at offset {offset}); records were added or removed while paging: search again, sorted by a stable key such as created"));
        }

        _total = range.Total;
        var allowed = (range.Total / Math.Max(1, _pageSize)) + 1;
        return page > allowed
            ? throw new InconsistentPagingException(Invariant($"page {page} was asked for but a total of {range.Total} records in pages of {_pageSize} needs at most {allowed}: the server keeps answering past the end"))
            : range;
    }

    /// <summary>Without a Content-Range, refuses a page whose first record is the previous page's first record.</summary>
    public void CheckFirstRecord(ContentRange? range, ReadOnlyMemory<byte> record, long offset)
    {
        if (range is not null || offset == _previousOffset)
        {
            return;
        }

        if (_previousFirstRecord is not null && record.Span.SequenceEqual(_previousFirstRecord))
        {
            throw new InconsistentPagingException(Invariant($"the page at offset {offset} starts with the same record as the page at offset {_previousOffset} and there is no Content-Range: the server repeats its pages"));
        }

        _previousFirstRecord = record.ToArray();
        _previousOffset = offset;
    }

    /// <summary>Whether the page just read (with <paramref name="records"/> records of at most <paramref name="limit"/>) ends the search.</summary>
    public bool IsLastPage(ContentRange? range, long offset, int records, int limit)
    {
        if (++Pages == 1 && records > 0)
        {
            _pageSize = Math.Min(_pageSize, records);
        }

        if (range is null)
        {
            return records < limit;
        }

        if (records == 0)
        {
            return range.Total <= offset
                ? true
                : throw new InconsistentPagingException(Invariant($"the page at offset {offset} was empty but its Content-Range counts {range.Total} records"));
        }

        return range.Last == offset + records - 1
            ? range.IsLastPage
            : throw new InconsistentPagingException(Invariant($"the Content-Range 'items {range.First}-{range.Last}/{range.Total}' announces {range.Last - range.First + 1} records but the page at offset {offset} held {records}"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
