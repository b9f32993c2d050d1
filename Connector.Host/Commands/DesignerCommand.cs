using System.CommandLine;
using System.ComponentModel;
using System.Diagnostics;
using Connector.Core.Descriptors;
using Connector.Designer;
using Connector.Host.Composition;

namespace Connector.Host.Commands;

/// <summary>
/// designer: serves the designer page on 127.0.0.1 over the same connection as every command (the embedded sandbox
/// by default), prints its address with the run's token on stderr, opens it in a browser unless --no-open, and runs
/// until Ctrl+C.
/// </summary>
internal static class DesignerCommand
{
    public static Command Create(GlobalOptions global, HostConsole console)
    {
        var port = new Option<int>("--port") { Description = "The port on 127.0.0.1 (default: a free one).", DefaultValueFactory = _ => 0 };
        var noOpen = new Option<bool>("--no-open") { Description = "Do not open a browser; only print the address." };
        var command = new Command(
            "designer",
            "Open the designer: a local web page to browse object types and profiles, build and run queries, and try actions. "
            + "It listens on 127.0.0.1 only; the address printed on stderr carries a token every call needs. Ctrl+C stops it.\n\n"
            + "Examples:\n  connector designer\n  connector designer --port 5080 --no-open\n  connector designer --url https://api.connect.cloudblue.com/public/v1")
        {
            port,
            noOpen,
        };
        command.SetAction((result, ct) => CommandGuard.RunAsync(console, async () =>
        {
            if (result.GetValue(port) is < 0 or > 65535)
            {
                throw new UsageException($"--port {result.GetValue(port)} is not a port number");
            }

            var settings = global.Read(result, console);
            await using var session = await ConnectorSession.OpenAsync(settings, console, ct).ConfigureAwait(false);
            await session.ConnectAsync(settings, console, ct).ConfigureAwait(false);
            var url = session.Descriptor.FindConnectionField(ConnectionRole.Endpoint) is { } endpoint && session.ConnectionProperties.TryGetValue(endpoint.Id, out var u) ? u : null;
            var options = new DesignerOptions
            {
                Connector = session.Connector,
                ConnectionProperties = session.ConnectionProperties,
                ConnectionDescription = settings.Url is null ? $"embedded sandbox at {url} (seed {ConnectorSession.EmbeddedSandboxSeed})" : url ?? string.Empty,
                CommandConnectionArguments = settings.Url is null ? [] : ["--url", settings.Url],
                Port = result.GetValue(port),
            };
            DesignerServer server;
            try
            {
                server = await DesignerServer.StartAsync(options, ct).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                throw new UsageException($"the designer cannot listen on 127.0.0.1:{options.Port}: {ex.Message}");
            }

            await using (server.ConfigureAwait(false))
            {
                await console.Error.WriteLineAsync($"designer running at {server.LaunchUrl} (the token in it is needed by every call); Ctrl+C stops it").ConfigureAwait(false);
                await console.Error.FlushAsync(ct).ConfigureAwait(false);
                if (!result.GetValue(noOpen))
                {
                    await OpenAsync(server.LaunchUrl, console).ConfigureAwait(false);
                }

                await server.RunUntilStoppedAsync(ct).ConfigureAwait(false);
            }

            await console.Error.WriteLineAsync("designer stopped").ConfigureAwait(false);
            return ExitCodes.Success;
        }, CancellationToken.None));
        return command;
    }

    /// <summary>Opens the address in the system's browser, or says to open it by hand.</summary>
    private static async Task OpenAsync(Uri address, HostConsole console)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(address.ToString()) { UseShellExecute = true });
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException or PlatformNotSupportedException)
        {
            await console.Error.WriteLineAsync("could not open a browser (" + ex.Message + "): open the address above yourself").ConfigureAwait(false);
        }
    }
}
