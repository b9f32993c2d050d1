using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connector.LoopbackHosting;

/// <summary>
/// Kestrel the way every local server of the connector runs it (the sandbox, the designer, the webhook receiver):
/// a slim application listening on 127.0.0.1 only, without logging providers or a Server header, with a request
/// body limit of its own. This file is compiled into each of those assemblies (linked, internal: Connector.Sandbox,
/// Connector.Designer, Connector.Operations), so none of them depends on another for it.
/// </summary>
internal static class LoopbackWebApplication
{
    /// <summary>The host setting that decides whether the configuration files are watched and reloaded when they change.</summary>
    public const string ReloadConfigOnChangeKey = "hostBuilder:reloadConfigOnChange";

    /// <summary>A builder for an application named after <paramref name="owner"/>'s assembly, on 127.0.0.1:<paramref name="port"/> (0: a free port).</summary>
    public static WebApplicationBuilder CreateBuilder(Type owner, int port, long maxRequestBodyBytes)
    {
        // No reload of appsettings.json on change: that watches the working directory, on Linux with an inotify watch on
        // every folder below it (thousands from a home or /tmp), and wakes the server for every file written there.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = owner.Assembly.GetName().Name,
            Args = [$"--{ReloadConfigOnChangeKey}=false"],
        });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.Limits.MaxRequestBodySize = maxRequestBodyBytes;
            kestrel.AddServerHeader = false;
        });
        return builder;
    }

    /// <summary>The started application's root, <c>http://127.0.0.1:PORT/</c>, with the port Kestrel bound.</summary>
    public static Uri RootOf(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri($"http://127.0.0.1:{new Uri(address).Port}/");
    }

    /// <summary>Serves until <paramref name="cancellationToken"/> is cancelled (a foreground command's Ctrl+C), then stops the application.</summary>
    public static async Task RunUntilStoppedAsync(WebApplication app, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping is the expected end.
        }

        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
    }
}
