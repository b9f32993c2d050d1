using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Connector.Benchmarks.Baseline;
using Connector.Benchmarks.Connect;
using Connector.Benchmarks.Harness;
using Connector.Core.Descriptors;
using Connector.Core.Operations;
using Connector.Core.Querying;
using Connector.Sandbox;

namespace Connector.Benchmarks.Scenarios;

/// <summary>
/// <c>search</c>: every asset of a sandbox seeded with N assets, page size 1000. The connector runs its QUERY operation
/// (records streamed as partial results into a counting sink); the baseline GETs the same pages with HttpClient and
/// walks each page as it streams in with a <see cref="Utf8JsonReader"/>, skipping record by record (the minimum a client must parse;
/// a JsonDocument per page, which indexes every token, was several times slower than the connector). Both follow Content-Range to the end.
/// The sandbox serves from a child process (<see cref="SandboxProcess"/>), started once; its request log is emptied before each run.
/// </summary>
internal sealed class SearchScenario : PairedScenario
{
    public const int PageSize = 1000;
    private readonly SandboxProcess _sandbox;
    private readonly BenchmarkConnector _session;
    private readonly RawConnectClient _raw;
    private IReadOnlyList<SandboxRequestLogEntry> _connectorRequests = [];

    private SearchScenario(SandboxProcess sandbox, BenchmarkConnector session, int records)
    {
        _sandbox = sandbox;
        _session = session;
        _raw = new RawConnectClient(sandbox.BaseUrl);
        ExpectedItems = records;
    }

    public override long ExpectedItems { get; }

    public static async Task<SearchScenario> CreateAsync(int records, CancellationToken cancellationToken)
    {
        var sandbox = await SandboxProcess.StartAsync(new SandboxOptions { Port = 0, Seed = 42, RecordsPerType = 200, AssetCount = records }, cancellationToken).ConfigureAwait(false);
        try
        {
            var session = await BenchmarkConnector.CreateAsync(cancellationToken).ConfigureAwait(false);
            return new SearchScenario(sandbox, session, records);
        }
        catch
        {
            await sandbox.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override SandboxProcess? Server => _sandbox;

    public override Task PrepareAsync(Side side, CancellationToken cancellationToken) => _sandbox.ClearRequestLogAsync(cancellationToken);

    public override async Task<long> RunAsync(Side side, CancellationToken cancellationToken) => side == Side.Connector
        ? await RunConnectorAsync(_session, _sandbox.BaseUrl, PageSize, null, cancellationToken).ConfigureAwait(false)
        : await RunBaselineAsync(cancellationToken).ConfigureAwait(false);

    public override async Task VerifyAsync(Side side, CancellationToken cancellationToken)
    {
        var requests = await _sandbox.GetRequestLogAsync(cancellationToken).ConfigureAwait(false);
        if (side == Side.Connector)
        {
            _connectorRequests = requests;
        }
        else
        {
            RequestLogComparison.EnsureSame("search", _connectorRequests, requests);
        }
    }

    /// <summary>The connector's QUERY of every asset; returns the number of records emitted.</summary>
    public static async Task<long> RunConnectorAsync(
        BenchmarkConnector session, Uri baseUrl, int pageSize, Action<long>? onRecord, CancellationToken cancellationToken, long maxResults = 0)
    {
        var sink = new CountingResultSink(onRecord);
        var properties = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [OperationFieldIds.PageSize] = pageSize.ToString(CultureInfo.InvariantCulture),
            [OperationFieldIds.MaxResults] = maxResults.ToString(CultureInfo.InvariantCulture),
        };
        await session.ExecuteAsync(baseUrl, "asset", "QUERY", properties, OperationRequest.ForQuery(QueryFilter.All), sink, cancellationToken).ConfigureAwait(false);
        return sink.Successes == 1 ? sink.PartialResults : throw new InvalidOperationException("the search failed: " + string.Join("; ", sink.Failures));
    }

    public override async ValueTask DisposeAsync()
    {
        _raw.Dispose();
        _session.Dispose();
        await _sandbox.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<long> RunBaselineAsync(CancellationToken cancellationToken)
    {
        long records = 0;
        var offset = 0;
        while (true)
        {
            var query = string.Create(CultureInfo.InvariantCulture, $"limit={PageSize}&offset={offset}");
            using var response = await _raw.Http.GetAsync(_raw.Target("assets", query), HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            var inPage = await CountRecordsAsync(response.Content, cancellationToken).ConfigureAwait(false);
            records += inPage;
            if (inPage == 0 || IsLastPage(response.Content.Headers.NonValidated, offset + inPage))
            {
                return records;
            }

            offset += inPage;
        }
    }

    /// <summary>
    /// Walks a page as it arrives with a <see cref="Utf8JsonReader"/> over a pooled buffer, skipping over each record
    /// (the least parsing that still delimits and validates every record; no copy, no tree).
    /// </summary>
    internal static async Task<int> CountRecordsAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            await using var body = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var scan = new PageScan(0, default, 0, false, false);
            int start = 0, filled = 0, records = 0;
            var final = false;
            while (true)
            {
                scan = Scan(buffer.AsSpan(start, filled - start), final, scan.State, scan.InArray);
                start += scan.Consumed;
                records += scan.Records;
                if (scan.Ended)
                {
                    return records;
                }

                if (final)
                {
                    throw new JsonException("the page ended before its array was closed");
                }

                Buffer.BlockCopy(buffer, start, buffer, 0, filled - start);
                filled -= start;
                start = 0;
                if (filled == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    Buffer.BlockCopy(buffer, 0, bigger, 0, filled);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                var read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                final = read == 0;
                filled += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static PageScan Scan(ReadOnlySpan<byte> data, bool final, JsonReaderState state, bool inArray)
    {
        var reader = new Utf8JsonReader(data, final, state);
        var consumed = 0;
        var saved = state;
        var records = 0;
        while (reader.Read())
        {
            if (!inArray)
            {
                inArray = reader.TokenType == JsonTokenType.StartArray ? true : throw new JsonException("a JSON array was expected");
            }
            else if (reader.TokenType == JsonTokenType.EndArray)
            {
                return new PageScan((int)reader.BytesConsumed, reader.CurrentState, records, true, true);
            }
            else if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("a record that is not an object");
            }
            else if (reader.TrySkip())
            {
                records++;
            }
            else
            {
                break;
            }

            consumed = (int)reader.BytesConsumed;
            saved = reader.CurrentState;
        }

        return new PageScan(consumed, saved, records, inArray, false);
    }

    private readonly record struct PageScan(int Consumed, JsonReaderState State, int Records, bool InArray, bool Ended);

    /// <summary>Content-Range: <c>items FIRST-LAST/TOTAL</c>; the last page is the one whose end reaches the total.</summary>
    private static bool IsLastPage(HttpHeadersNonValidated headers, long end)
    {
        if (!headers.TryGetValues("Content-Range", out var values))
        {
            return true;
        }

        var text = values.ToString();
        var slash = text.LastIndexOf('/');
        return slash < 0 || !long.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var total) || end >= total;
    }
}
