using System.CommandLine;
using Connector.Core.Descriptors;
using Connector.Host.Composition;
using Connector.Sandbox;

namespace Connector.Host.Commands;

/// <summary>test-connection and sandbox.</summary>
internal static class ConnectionCommands
{
    public static Command TestConnection(GlobalOptions global, HostConsole console)
    {
        var command = new Command("test-connection", "Check that the API URL and key work (exit 0), or say why not (exit 2).");
        command.SetAction((result, ct) => CommandGuard.RunAsync(console, async () =>
        {
            var settings = global.Read(result, console);
            await using var session = await ConnectorSession.OpenAsync(settings, console, ct).ConfigureAwait(false);
            await session.ConnectAsync(settings, console, ct).ConfigureAwait(false);
            await session.TestConnectionAsync(ct).ConfigureAwait(false);
            var url = session.Descriptor.FindConnectionField(ConnectionRole.Endpoint) is { } endpoint && session.ConnectionProperties.TryGetValue(endpoint.Id, out var u) ? u : null;
            await console.Out.WriteLineAsync($"connection OK{(url is null ? string.Empty : " (" + url + ")")}").ConfigureAwait(false);
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    public static Command Sandbox(HostConsole console)
    {
        var port = new Option<int>("--port") { Description = "The port on 127.0.0.1 (default: a free one).", DefaultValueFactory = _ => 0 };
        var seed = new Option<int>("--seed") { Description = "The seed of the generated data.", DefaultValueFactory = _ => ConnectorSession.EmbeddedSandboxSeed };
        var records = new Option<int>("--records") { Description = "Records generated per object type.", DefaultValueFactory = _ => 200 };
        var command = new Command("sandbox", "Run the local Connect sandbox in the foreground until Ctrl+C; prints its URL and (non-secret) API key. A POST to its /_sandbox/reset puts the data back as seeded.") { port, seed, records };
        command.SetAction((result, ct) => CommandGuard.RunAsync(console, async () =>
        {
            if (result.GetValue(port) is < 0 or > 65535)
            {
                throw new UsageException($"--port {result.GetValue(port)} is not a port number");
            }

            if (result.GetValue(records) < 0)
            {
                throw new UsageException("--records must not be negative");
            }

            var options = new SandboxOptions { Port = result.GetValue(port), Seed = result.GetValue(seed), RecordsPerType = result.GetValue(records) };
            ConnectSandbox sandbox;
            try
            {
                sandbox = await ConnectSandbox.StartAsync(options, ct).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                throw new UsageException($"the sandbox cannot listen on 127.0.0.1:{options.Port}: {ex.Message}");
            }

            await using (sandbox.ConfigureAwait(false))
            {
                await console.Out.WriteLineAsync($"{GlobalOptions.UrlVariable}={sandbox.BaseUrl}").ConfigureAwait(false);
                await console.Out.WriteLineAsync($"{GlobalOptions.ApiKeyVariable}={SandboxOptions.DefaultApiKey}").ConfigureAwait(false);
                await console.Out.FlushAsync(ct).ConfigureAwait(false);
                await console.Error.WriteLineAsync($"sandbox running at {sandbox.BaseUrl} (seed {options.Seed}, {options.RecordsPerType} records per type); Ctrl+C stops it").ConfigureAwait(false);
                await console.Error.WriteLineAsync($"to put its data back as seeded without a restart: curl -X POST {new Uri(sandbox.BaseUrl, "/_sandbox/reset")}").ConfigureAwait(false);
                await sandbox.RunUntilStoppedAsync(ct).ConfigureAwait(false);
            }

            await console.Error.WriteLineAsync("sandbox stopped").ConfigureAwait(false);
            return ExitCodes.Success;
        }, CancellationToken.None));
        return command;
    }
}
