using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Connector.Benchmarks.Harness;
using Connector.Sandbox;

namespace Connector.Benchmarks.Scenarios;

/// <summary>
/// <c>sandbox-page</c>: how fast the sandbox itself keeps up at scale. A sandbox of a million assets is started (timed:
/// records are generated lazily, target &lt; 1 s), then filtered, sorted pages of 100 are fetched over HTTP at several
/// offsets (each page timed from request to last byte; target &lt; 200 ms at the median). Then the same over the other
/// large collections, in a sandbox of a million records of every type: requests (with the listener's poll, ordered by
/// a field that does not rise with the index), subscription assets, tier accounts, tier config requests and cases.
/// </summary>
internal static class SandboxPageScenario
{
    /// <summary>Page size of every timed request.</summary>
    public const int PageSize = 100;

    /// <summary>The asset queries timed: a filter on computed fields ordered by a rising field, and a general ordering.</summary>
    private static readonly string[] AssetQueries =
    [
        "assets?and(eq(status,active),in(marketplace.id,(MP-0042-0000-0001,MP-0042-0000-0003)))&ordering(-created)",
        "assets?and(in(status,(suspended,terminated)),gt(created,2023-06-01))&ordering(status,-updated)",
        "assets?eq(product.id,PRD-0042-0000-0007)&ordering(created)",
    ];

    /// <summary>The queries over the other collections: what searches and listeners ask of each.</summary>
    private static readonly string[] CollectionQueries =
    [
        "requests?and(eq(status,pending),gt(created,2023-06-01))&ordering(-updated)",
        "requests?gt(updated,2024-06-01T00:00:00%2B00:00)&ordering(updated)",
        "subscriptions/assets?eq(status,active)&ordering(billing.next_date)",
        "tier/accounts?eq(type,reseller)&ordering(name)",
        "tier/config-requests?in(status,(pending,inquiring))&ordering(-events.created.at)",
        "helpdesk/cases?eq(state,pending)&ordering(-events.updated.at)",
    ];

    public static async Task<IReadOnlyList<ScenarioRow>> RunAsync(int records, int rounds, TextWriter log, CancellationToken cancellationToken)
    {
        var (startSeconds, pages) = await TimeQueriesAsync(new SandboxOptions { Port = 0, Seed = 42, RecordsPerType = 200, AssetCount = records, RequestLogCapacity = 100 }, AssetQueries, rounds, log, cancellationToken).ConfigureAwait(false);
        await log.WriteLineAsync($"  sandbox-page: {records:N0} assets started in {startSeconds:0.000} s").ConfigureAwait(false);
        var (everyTypeStart, collectionPages) = await TimeQueriesAsync(new SandboxOptions { Port = 0, Seed = 42, RecordsPerType = records, RequestLogCapacity = 100 }, CollectionQueries, rounds, log, cancellationToken).ConfigureAwait(false);
        await log.WriteLineAsync($"  sandbox-page: {records:N0} records of every type started in {everyTypeStart:0.000} s").ConfigureAwait(false);
        return
        [
            new ScenarioRow
            {
                Scenario = "sandbox start",
                Records = records,
                ConnectorSeconds = startSeconds,
                Target = "< 1 s",
                Met = startSeconds < 1.0,
                Notes = $"ConnectSandbox.StartAsync with AssetCount set; records are generated when read ({everyTypeStart:0.000} s with {records:N0} records of every type)",
            },
            PageRow("sandbox filtered page", records, pages, AssetQueries.Length, "assets"),
            PageRow("sandbox filtered page, other collections", records, collectionPages, CollectionQueries.Length, "requests (a listener's poll among them), subscription assets, tier accounts, tier config requests, cases; that many records of every type"),
        ];
    }

    private static ScenarioRow PageRow(string scenario, int records, List<double> pages, int queries, string over)
    {
        var median = Statistics.Median([.. pages]);
        return new ScenarioRow
        {
            Scenario = scenario,
            Records = records,
            ConnectorSeconds = median,
            Target = "< 0.200 s per page",
            Met = median < 0.200,
            Notes = $"median of {pages.Count} pages of {PageSize} (offsets 0, 1,000, 4,000) over {queries} filtered, sorted queries of {over}, request to last byte; slowest page {pages.Max():0.000} s",
        };
    }

    /// <summary>Starts a sandbox (timed) and times every query's pages, <paramref name="rounds"/> times each.</summary>
    private static async Task<(double StartSeconds, List<double> Pages)> TimeQueriesAsync(SandboxOptions options, string[] queries, int rounds, TextWriter log, CancellationToken cancellationToken)
    {
        var start = Stopwatch.StartNew();
        await using var sandbox = await ConnectSandbox.StartAsync(options, cancellationToken).ConfigureAwait(false);
        var startSeconds = start.Elapsed.TotalSeconds;
        using var http = new HttpClient { BaseAddress = new Uri(sandbox.BaseUrl + "/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", SandboxOptions.DefaultApiKey);
        var pages = new List<double>();
        foreach (var query in queries)
        {
            for (var round = 0; round < Math.Max(1, rounds); round++)
            {
                foreach (var offset in new[] { 0, 1_000, 4_000 })
                {
                    pages.Add(await TimePageAsync(http, $"{query}&limit={PageSize}&offset={offset.ToString(CultureInfo.InvariantCulture)}", cancellationToken).ConfigureAwait(false));
                }
            }

            await log.WriteLineAsync($"  sandbox-page: {query}: last page {pages[^1]:0.000} s").ConfigureAwait(false);
        }

        return (startSeconds, pages);
    }

    private static async Task<double> TimePageAsync(HttpClient http, string relative, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        using var response = await http.GetAsync(relative, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        watch.Stop();
        if (body.Length < 3)
        {
            throw new InvalidOperationException($"{relative} selected nothing: the timed query must return a page.");
        }

        return watch.Elapsed.TotalSeconds;
    }
}
