using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Connector.Tests.Operations.Http;

/// <summary>What the loopback server does with one request.</summary>
internal sealed record ServerBehaviour
{
    public int Status { get; init; } = 200;

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public byte[] Body { get; init; } = [];

    /// <summary>Waits this long before answering (cut short when the client goes away).</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Drops the connection without an answer.</summary>
    public bool Abort { get; init; }

    /// <summary>Writes the answer itself (overrides Body).</summary>
    public Func<HttpContext, Task>? Writer { get; init; }

    public static ServerBehaviour Json(int status, string json, params (string Name, string Value)[] headers) => new()
    {
        Status = status,
        Body = System.Text.Encoding.UTF8.GetBytes(json),
        Headers = headers.Append(("Content-Type", "application/json")).ToDictionary(h => h.Item1, h => h.Item2),
    };

    public static ServerBehaviour Empty(int status, params (string Name, string Value)[] headers) => new()
    {
        Status = status,
        Headers = headers.ToDictionary(h => h.Name, h => h.Value),
    };
}

/// <summary>What the loopback server received.</summary>
internal sealed record ReceivedRequest(string Method, string RawTarget, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);

    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : string.Empty;
}

/// <summary>
/// A Kestrel server on 127.0.0.1 (free port) that plays queued behaviours (then 200 <c>[]</c>) and logs every request.
/// </summary>
internal sealed class LoopbackConnectServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ServerBehaviour> _behaviours = new();
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();

    private LoopbackConnectServer(WebApplication app)
    {
        _app = app;
    }

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<ReceivedRequest> Received => [.. _received];

    public static async Task<LoopbackConnectServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new LoopbackConnectServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        server.BaseUrl = new Uri(app.Urls.First() + "/public/v1");
        return server;
    }

    public LoopbackConnectServer Enqueue(params ServerBehaviour[] behaviours)
    {
        foreach (var behaviour in behaviours)
        {
            _behaviours.Enqueue(behaviour);
        }

        return this;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var rawTarget = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        _received.Enqueue(new ReceivedRequest(context.Request.Method, rawTarget, headers, body.ToArray()));

        var behaviour = _behaviours.TryDequeue(out var next) ? next : ServerBehaviour.Json(200, "[]");
        if (behaviour.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(behaviour.Delay, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (behaviour.Abort)
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = behaviour.Status;
        foreach (var (name, value) in behaviour.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (behaviour.Writer is not null)
        {
            await behaviour.Writer(context).ConfigureAwait(false);
        }
        else if (behaviour.Body.Length > 0)
        {
            await context.Response.Body.WriteAsync(behaviour.Body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
