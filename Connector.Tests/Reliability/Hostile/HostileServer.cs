using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Connector.Tests.Reliability.Hostile;

/// <summary>
/// A Kestrel server on 127.0.0.1 (free port) that answers every request with what a test's handler writes: the
/// hostile server of the bounded-read tests (bombs, huge bodies, trickles, repeated pages). Counts requests per path.
/// </summary>
internal sealed class HostileServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);

    private HostileServer(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<HostileServer> StartAsync(Func<HttpContext, Task> handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(options =>
        {
            options.Listen(IPAddress.Loopback, 0);
            options.Limits.MinResponseDataRate = null;
        });
        var app = builder.Build();
        var server = new HostileServer(app);
        app.Run(async context =>
        {
            server._requests.AddOrUpdate(context.Request.Path.Value ?? string.Empty, 1, (_, n) => n + 1);
            try
            {
                await handler(context).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
                // The client went away (it refused the answer): nothing more to write.
            }
        });
        await app.StartAsync().ConfigureAwait(false);
        server.BaseUrl = new Uri(app.Urls.First() + "/public/v1");
        return server;
    }

    /// <summary>How many requests reached a path (e.g. <c>/public/v1/requests/PR-1</c>).</summary>
    public int Requests(string path) => _requests.TryGetValue(path, out var n) ? n : 0;

    /// <summary>
    /// A gzip body of <paramref name="members"/> concatenated members, each inflating to 1 MB of zeros (about 1 KB
    /// compressed): 1024 members are a 1 MB answer that inflates to 1 GB.
    /// </summary>
    public static byte[] GzipBomb(int members)
    {
        using var one = new MemoryStream();
        using (var gzip = new GZipStream(one, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(new byte[1024 * 1024]);
        }

        var member = one.ToArray();
        var bomb = new byte[member.Length * members];
        for (var i = 0; i < members; i++)
        {
            member.CopyTo(bomb, i * member.Length);
        }

        return bomb;
    }

    /// <summary>Writes <paramref name="bytes"/> of a JSON array (<c>[{"id":"x"},...</c>) without holding it, until done or the client leaves.</summary>
    public static async Task WriteHugeJsonArrayAsync(HttpContext context, long bytes, int padding = 900)
    {
        var element = System.Text.Encoding.UTF8.GetBytes("{\"id\":\"PR-0000-0000-0000\",\"status\":\"pending\",\"padding\":\"" + new string('x', padding) + "\"},");
        await context.Response.Body.WriteAsync("["u8.ToArray(), context.RequestAborted).ConfigureAwait(false);
        for (long written = 1; written < bytes; written += element.Length)
        {
            await context.Response.Body.WriteAsync(element, context.RequestAborted).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
