using System.Net;
using Connector.Designer.Api;
using Connector.Designer.Running;
using Connector.Designer.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connector.Designer;

/// <summary>
/// The designer's web server on 127.0.0.1: the page and its assets (embedded in this assembly, nothing fetched from
/// elsewhere) and a small JSON API over the connector. Every API call must carry the run's random token and every
/// request a loopback Host header of this port (no DNS rebinding); connection properties never leave the server.
/// </summary>
public sealed class DesignerServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DesignerServer(WebApplication app, Uri address, string token)
    {
        _app = app;
        Address = address;
        Token = token;
    }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:5000/</c>.</summary>
    public Uri Address { get; }

    /// <summary>The run's token: the API answers 401 without it.</summary>
    public string Token { get; }

    /// <summary>The address to open: the root with the token in its fragment-free query (<c>/?token=…</c>).</summary>
    public Uri LaunchUrl => new(Address, "?token=" + Token);

    /// <summary>Starts the server and returns once it accepts connections.</summary>
    /// <param name="options">The connector, connection and port.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server.</returns>
    public static async Task<DesignerServer> StartAsync(DesignerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, 65535);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(DesignerServer).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port);
            kestrel.Limits.MaxRequestBodySize = 4L * 1024 * 1024;
            kestrel.AddServerHeader = false;
        });
        var app = builder.Build();
        var token = DesignerToken.Create();
        var guard = new RequestGuard(token);
        app.Use(guard.InvokeAsync);
        app.UseRouting();

        var workbench = new DesignerWorkbench(options);
        AssetEndpoints.Map(app);
        BrowseEndpoints.Map(app, workbench);
        RunEndpoints.Map(app, workbench);
        LearnEndpoints.Map(app, workbench);

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        guard.Port = port;
        return new DesignerServer(app, new Uri($"http://127.0.0.1:{port}/"), token);
    }

    /// <summary>Serves until <paramref name="cancellationToken"/> is cancelled, then stops.</summary>
    /// <param name="cancellationToken">Stops the server when cancelled.</param>
    /// <returns>A task that completes once the server stopped.</returns>
    public async Task RunUntilStoppedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping is the expected end.
        }

        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Stops the server and releases the port.</summary>
    /// <returns>A task that completes once stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
