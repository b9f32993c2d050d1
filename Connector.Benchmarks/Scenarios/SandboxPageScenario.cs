using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Connector.Benchmarks.Harness;
using Connector.Sandbox;

namespace Connector.Benchmarks.Scenarios;

/// <summary>
/// <c>sandbox-page</c>: how fast the sandbox itself keeps up at scale. A sandbox of a million assets is started (timed:
/// records are generated lazily, target &lt; 1 s), then filtered, sorted pages of 100 are fetched over HTTP at several
/// offsets (each page timed from request to last byte; target &lt; 200 ms at the median).
/// </summary>
internal static class SandboxPageScenario
{
    /// <summary>Page size of every timed request.</summary>
    public const int PageSize = 100;

    /// <summary>The queries timed: a filter on computed fields ordered by a rising field, and a general ordering.</summary>
    private static readonly string[] Queries =
    [
        "and(eq(status,active),in(marketplace.id,(MP-0042-0000-0001,MP-0042-0000-0003)))&ordering(-created)",
        "and(in(status,(suspended,terminated)),gt(created,2023-06-01))&ordering(status,-updated)",
        "eq(product.id,PRD-0042-0000-0007)&ordering(created)",
    ];

    public static async Task<IReadOnlyList<ScenarioRow>> RunAsync(int records, int rounds, TextWriter log, CancellationToken cancellationToken)
    {
        var start = Stopwatch.StartNew();
        await using var sandbox = await ConnectSandbox.StartAsync(new SandboxOptions { Port = 0, Seed = 42, RecordsPerType = 200, AssetCount = records, RequestLogCapacity = 100 }, cancellationToken).ConfigureAwait(false);
        var startSeconds = start.Elapsed.TotalSeconds;
        await log.WriteLineAsync($"  sandbox-page: {records:N0} assets started in {startSeconds:0.000} s").ConfigureAwait(false);

        using var http = new HttpClient { BaseAddress = new Uri(sandbox.BaseUrl + "/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", SandboxOptions.DefaultApiKey);
        var times = new List<double>();
        var firstPages = new List<double>();
        foreach (var query in Queries)
        {
            for (var round = 0; round < Math.Max(1, rounds); round++)
            {
                foreach (var offset in new[] { 0, 1_000, 4_000 })
                {
                    var seconds = await TimePageAsync(http, $"assets?{query}&limit={PageSize}&offset={offset.ToString(CultureInfo.InvariantCulture)}", cancellationToken).ConfigureAwait(false);
                    (round == 0 && offset == 0 ? firstPages : times).Add(seconds);
                }
            }

            await log.WriteLineAsync($"  sandbox-page: {query}: last page {times[^1]:0.000} s").ConfigureAwait(false);
        }

        var median = Statistics.Median([.. times, .. firstPages]);
        return
        [
            new ScenarioRow
            {
                Scenario = "sandbox start",
                Records = records,
                ConnectorSeconds = startSeconds,
                Target = "< 1 s",
                Met = startSeconds < 1.0,
                Notes = "ConnectSandbox.StartAsync with AssetCount set; records are generated when read",
            },
            new ScenarioRow
            {
                Scenario = "sandbox filtered page",
                Records = records,
                ConnectorSeconds = median,
                Target = "< 0.200 s per page",
                Met = median < 0.200,
                Notes = $"median of {times.Count + firstPages.Count} pages of {PageSize} (offsets 0, 1,000, 4,000) over {Queries.Length} filtered, sorted queries, request to last byte; slowest page {Math.Max(times.Max(), firstPages.Max()):0.000} s",
            },
        ];
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
