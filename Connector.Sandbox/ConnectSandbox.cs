using Connector.LoopbackHosting;
using Connector.Sandbox.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Connector.Sandbox;

/// <summary>
/// A local, stateful CloudBlue Connect API on 127.0.0.1: every endpoint of the connector's matrix under
/// <c>/public/v1</c>, seeded deterministic data, RQL filtering, Connect paging, life cycles, usage spreadsheets,
/// fault injection and a request log. Start it with <see cref="StartAsync"/>, dispose it to stop.
/// </summary>
public sealed class ConnectSandbox : IAsyncDisposable
{
    private readonly WebApplication app;

    private ConnectSandbox(WebApplication app, Uri baseUrl, SandboxRequestLog log, FaultInjector faults, SandboxStore store)
    {
        this.app = app;
        BaseUrl = baseUrl;
        RequestLog = log;
        Faults = faults;
        Store = store;
    }

    /// <summary>The API base URL, <c>http://127.0.0.1:PORT/public/v1</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Every request received (method, path, raw query, body, status, timestamp).</summary>
    public SandboxRequestLog RequestLog { get; }

    /// <summary>The active fault rules; add or clear them at run time.</summary>
    public FaultInjector Faults { get; }

    /// <summary>The data, for tests to read and seed.</summary>
    public SandboxStore Store { get; }

    /// <summary>The webhooks registered through <c>/notifications/webhooks</c> and their delivery log.</summary>
    public Events.SandboxWebhooks Webhooks => Store.Webhooks;

    /// <summary>Starts a sandbox and returns once it accepts connections.</summary>
    /// <param name="options">Port, seed, sizes, API key and initial faults.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<ConnectSandbox> StartAsync(SandboxOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = LoopbackWebApplication.CreateBuilder(typeof(ConnectSandbox), options.Port, 512L * 1024 * 1024);
        builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(form => form.MultipartBodyLengthLimit = 512L * 1024 * 1024);
        var app = builder.Build();

        var log = new SandboxRequestLog(options.RequestLogCapacity);
        var faults = new FaultInjector(options.Seed, options.Faults);
        var store = new SandboxStore(options);
        var pipeline = new SandboxPipeline(log, faults, options.ApiKey, options.TimeProvider);
        app.Use(pipeline.InvokeAsync);
        app.UseRouting();

        var api = new SandboxApi(store);
        var group = app.MapGroup(SandboxPipeline.ApiPrefix);
        FulfillmentRoutes.Map(group, api);
        TierRoutes.Map(group, api);
        SubscriptionRoutes.Map(group, api);
        CatalogRoutes.Map(group, api);
        UsageRoutes.Map(group, api);
        HelpdeskRoutes.Map(group, api);
        NotificationRoutes.Map(group, api, store.Webhooks);
        AdminRoutes.Map(app, log, faults, store);
        app.MapFallback(context => context.Request.Path.StartsWithSegments(SandboxPipeline.ApiPrefix, StringComparison.Ordinal)
            ? ConnectResponses.Error(context, StatusCodes.Status404NotFound, "NTF_001", $"No endpoint {context.Request.Method} {context.Request.Path}.")
            : ConnectResponses.Error(context, StatusCodes.Status404NotFound, "NTF_001", "Not found."));

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new ConnectSandbox(app, new Uri(LoopbackWebApplication.RootOf(app), "public/v1"), log, faults, store);
    }

    /// <summary>Serves until <paramref name="cancellationToken"/> is cancelled (for a foreground <c>sandbox</c> command), then stops.</summary>
    /// <param name="cancellationToken">Stops the sandbox when cancelled.</param>
    public Task RunUntilStoppedAsync(CancellationToken cancellationToken) => LoopbackWebApplication.RunUntilStoppedAsync(app, cancellationToken);

    /// <summary>Stops the server and releases the port.</summary>
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await Store.Webhooks.DisposeAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
