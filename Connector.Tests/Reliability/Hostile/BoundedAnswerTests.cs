using System.Globalization;
using Connector.Core.Descriptors;
using Connector.Core.Results;
using Connector.Core.Testing;
using Connector.Operations;
using Connector.Operations.Connection;
using Microsoft.AspNetCore.Http;
using NUnit.Framework;

namespace Connector.Tests.Reliability.Hostile;

/// <summary>
/// Bounded reads against a hostile server: a gzip bomb, a 100 MB JSON body and a trickling body each end in one
/// FAILURE naming the limit, are not requested again (except a stalled body on an idempotent call, like a broken
/// connection), and memory stays bounded (measured with the GC's allocation counter; the fixture runs alone so the
/// counter sees only its own work).
/// </summary>
[TestFixture]
[NonParallelizable]
[Category("Reliability")]
public sealed class BoundedAnswerTests
{
    private const long Megabyte = 1024 * 1024;
    private static readonly byte[] Bomb = HostileServer.GzipBomb(1024);
    private ConnectorDescriptor _descriptor = null!;

    [OneTimeSetUp]
    public async Task LoadDescriptorAsync() => _descriptor = await DescriptorLoader.LoadAsync(TestPaths.Descriptor, CancellationToken.None);

    [Test]
    public async Task A_gzip_bomb_is_stopped_by_the_ratio_requested_once_in_bounded_memory()
    {
        await using var server = await HostileServer.StartAsync(WriteBombAsync);
        var (results, allocated) = await GetAsync(server, [], "PR-BOMB");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Bomb, Has.Length.LessThan(2 * Megabyte), "about 1 MB on the wire, 1 GB inflated");
            Assert.That(results[0].Status, Is.EqualTo(OperationStatus.Failure), results[0].ToString());
            Assert.That(results[0].StatusCode, Is.EqualTo("RESPONSE_TOO_LARGE"));
            Assert.That(results[0].Message, Does.Contain("maxDecompressionRatio"));
            Assert.That(server.Requests("/public/v1/requests/PR-BOMB"), Is.EqualTo(1), "an oversized answer is not requested again");
            Assert.That(allocated, Is.LessThan(64 * Megabyte), "bytes allocated while refusing the bomb");
        }
    }

    [Test]
    public async Task A_gzip_bomb_under_a_permissive_ratio_is_stopped_by_the_decoded_size()
    {
        await using var server = await HostileServer.StartAsync(WriteBombAsync);
        var (results, allocated) = await GetAsync(
            server,
            new() { [ConnectionFieldIds.MaxDecompressionRatio] = "100000", [ConnectionFieldIds.MaxResponseMegabytes] = "8" },
            "PR-BOMB");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(results[0].StatusCode, Is.EqualTo("RESPONSE_TOO_LARGE"), results[0].ToString());
            Assert.That(results[0].Message, Does.Contain("8 MB after decompression").And.Contain("maxResponseMegabytes"));
            Assert.That(server.Requests("/public/v1/requests/PR-BOMB"), Is.EqualTo(1));
            Assert.That(allocated, Is.LessThan(128 * Megabyte), "at most the 8 MB limit is buffered (plus growth copies)");
        }
    }

    [Test]
    public async Task A_100_mb_json_answer_is_refused_once_whether_declared_or_streamed()
    {
        await using var server = await HostileServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/json";
            if (context.Request.Path.Value!.EndsWith("PR-DECLARED", StringComparison.Ordinal))
            {
                context.Response.ContentLength = 100 * Megabyte;
            }

            await HostileServer.WriteHugeJsonArrayAsync(context, 100 * Megabyte);
        });
        var (results, allocated) = await GetAsync(server, new() { [ConnectionFieldIds.MaxResponseMegabytes] = "4" }, "PR-DECLARED", "PR-STREAMED");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(results.Select(r => r.StatusCode), Is.All.EqualTo("RESPONSE_TOO_LARGE"), string.Join("\n", results));
            Assert.That(results[0].Message, Does.Contain("declares 104857600 bytes"));
            Assert.That(results[1].Message, Does.Contain("larger than 4 MB as received"));
            Assert.That(server.Requests("/public/v1/requests/PR-DECLARED"), Is.EqualTo(1));
            Assert.That(server.Requests("/public/v1/requests/PR-STREAMED"), Is.EqualTo(1));
            Assert.That(allocated, Is.LessThan(64 * Megabyte));
        }
    }

    [Test]
    public async Task A_100_mb_page_ends_the_search_naming_the_limit_and_the_records_emitted()
    {
        await using var server = await HostileServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/json";
            context.Response.Headers["Content-Range"] = "items 0-999/100000";
            await HostileServer.WriteHugeJsonArrayAsync(context, 100 * Megabyte, padding: 16 * 1024);
        });
        using var connector = new ConnectConnector(_descriptor);
        var tester = new ConnectorTester(connector, Connection(server, new() { [ConnectionFieldIds.MaxResponseMegabytes] = "8" }));

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var result = await tester.QueryAsync("asset", Connector.Core.Querying.QueryFilter.All, new Dictionary<string, string?> { ["pageSize"] = "1000" });
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Status, Is.EqualTo(OperationStatus.Failure), result.ToString());
            Assert.That(result.StatusCode, Is.EqualTo("RESPONSE_TOO_LARGE"));
            Assert.That(result.Message, Does.Contain("maxResponseMegabytes").And.Contain("were emitted before the failure"));
            Assert.That(server.Requests("/public/v1/assets"), Is.EqualTo(1));
            Assert.That(allocated, Is.LessThan(128 * Megabyte), "the page streams; only the records before the limit are kept (by the tester)");
        }
    }

    [Test]
    public async Task A_stalled_body_times_out_and_later_documents_still_get_their_results()
    {
        await using var server = await HostileServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/json";
            if (context.Request.Path.Value!.EndsWith("PR-STALL", StringComparison.Ordinal))
            {
                await context.Response.Body.WriteAsync("{\"id\":"u8.ToArray(), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }

            await context.Response.WriteAsync("{\"id\":\"" + context.Request.Path.Value!.Split('/')[^1] + "\"}", context.RequestAborted);
        });
        var (results, _) = await GetAsync(
            server,
            new() { [ConnectionFieldIds.BodyIdleTimeoutSeconds] = "1", [ConnectionFieldIds.MaxRetries] = "1" },
            "PR-STALL",
            "PR-2",
            "PR-3");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(results, Has.Count.EqualTo(3));
            Assert.That(results[0].Status, Is.EqualTo(OperationStatus.Failure), results[0].ToString());
            Assert.That(results[0].StatusCode, Is.EqualTo("TRANSPORT"));
            Assert.That(results[0].Message, Does.Contain("bodyIdleTimeoutSeconds"));
            Assert.That(results.Skip(1).Select(r => r.Status), Is.All.EqualTo(OperationStatus.Success));
            Assert.That(server.Requests("/public/v1/requests/PR-STALL"), Is.EqualTo(2), "a GET whose body stalled is sent again once (maxRetries 1)");
        }
    }

    [Test]
    public async Task A_body_that_trickles_forever_is_cut_by_the_total_body_timeout()
    {
        await using var server = await HostileServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync("{\"id\":\""u8.ToArray(), context.RequestAborted);
            while (true)
            {
                await context.Response.Body.WriteAsync("x"u8.ToArray(), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(200, context.RequestAborted);
            }
        });
        var (results, _) = await GetAsync(
            server,
            new() { [ConnectionFieldIds.BodyTimeoutSeconds] = "2", [ConnectionFieldIds.MaxRetries] = "0" },
            "PR-DRIP");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(results[0].StatusCode, Is.EqualTo("TRANSPORT"), results[0].ToString());
            Assert.That(results[0].Message, Does.Contain("bodyTimeoutSeconds"));
            Assert.That(server.Requests("/public/v1/requests/PR-DRIP"), Is.EqualTo(1));
        }
    }

    private static async Task WriteBombAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json";
        context.Response.Headers.ContentEncoding = "gzip";
        context.Response.ContentLength = Bomb.Length;
        await context.Response.Body.WriteAsync(Bomb, context.RequestAborted);
    }

    private static Dictionary<string, string?> Connection(HostileServer server, Dictionary<string, string?> extra)
    {
        var properties = new Dictionary<string, string?>
        {
            [ConnectionFieldIds.Url] = server.BaseUrl.ToString(),
            [ConnectionFieldIds.ApiKey] = "SU-000-000-000:hostile-test",
            [ConnectionFieldIds.MaxRetries] = "3",
            [ConnectionFieldIds.RetryBaseDelayMilliseconds] = "10",
        };
        foreach (var (key, value) in extra)
        {
            properties[key] = value;
        }

        return properties;
    }

    private async Task<(IReadOnlyList<DocumentResult> Results, long Allocated)> GetAsync(HostileServer server, Dictionary<string, string?> extra, params string[] ids)
    {
        using var connector = new ConnectConnector(_descriptor);
        var tester = new ConnectorTester(connector, Connection(server, extra));
        var documents = ids.Select(id => tester.EmptyDocument(new Dictionary<string, string?> { ["objectId"] = id })).ToList();
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var results = await tester.ExecuteAsync("request", "GET", documents);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"allocated {allocated / Megabyte} MB"));
        return (results, allocated);
    }
}
