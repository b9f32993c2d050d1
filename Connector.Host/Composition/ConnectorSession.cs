using System.Net;
using Connector.Core.Browsing;
using Connector.Core.Contexts;
using Connector.Core.Descriptors;
using Connector.Core.Endpoints;
using Connector.Core.Hosting;
using Connector.Sandbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connector.Host.Composition;

/// <summary>
/// The composed connector for one command: the descriptor, the DI container (logging to stderr, the connector
/// loaded in its own load context), the connection properties and, when no URL was given, the embedded sandbox.
/// </summary>
internal sealed class ConnectorSession : IAsyncDisposable
{
    /// <summary>Fixed, so every command on the embedded sandbox sees the same generated records (ids, names) from run to run.</summary>
    public const int EmbeddedSandboxSeed = 42;

    private readonly ServiceProvider _services;
    private ConnectSandbox? _sandbox;

    private ConnectorSession(ServiceProvider services, ConnectorDescriptor descriptor, IConnector connector)
    {
        _services = services;
        Descriptor = descriptor;
        Connector = connector;
    }

    public ConnectorDescriptor Descriptor { get; }

    public IConnector Connector { get; }

    public ILoggerFactory LoggerFactory => _services.GetRequiredService<ILoggerFactory>();

    public TimeProvider TimeProvider => _services.GetRequiredService<TimeProvider>();

    /// <summary>The connection properties (empty until <see cref="ConnectAsync"/>).</summary>
    public IReadOnlyDictionary<string, string?> ConnectionProperties { get; private set; } = new Dictionary<string, string?>();

    /// <summary>Every way to give an API key, named when none was given.</summary>
    public const string MissingKeyMessage =
        "no API key for --url: give one with --api-key-file PATH (or --api-key - to read it from stdin), the CONNECT_API_KEY environment variable, "
        + "a saved account (--account NAME; 'connector account add NAME --url URL' saves one), or --api-key KEY (visible to other users in 'ps')";

    /// <summary>Loads the descriptor and composes the connector (no connection yet).</summary>
    public static async Task<ConnectorSession> OpenAsync(HostSettings settings, HostConsole console, CancellationToken cancellationToken)
    {
        var descriptorPath = Path.GetFullPath(settings.DescriptorPath);
        var markers = ValidationMarkers.ForUser(console.Environment);
        ConnectorDescriptor descriptor;
        try
        {
            descriptor = await DescriptorLoader.LoadAsync(descriptorPath, markers, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            throw new UsageException($"the descriptor {descriptorPath} does not exist (give another one with --descriptor PATH)");
        }
        catch (InvalidDescriptorException ex)
        {
            throw new UsageException($"the descriptor is invalid: {ex.Message}");
        }

        await CheckOpenApiDataAsync(descriptor, descriptorPath, markers, cancellationToken).ConfigureAwait(false);

        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(settings.LogLevel).AddProvider(new TextWriterLoggerProvider(console.Error)));
        services.AddSingleton<IConnectorTypeResolver>(new IsolatedConnectorTypeResolver(descriptorPath, settings.AllowExternalAssembly));
        services.AddConnector(descriptor);
        var provider = services.BuildServiceProvider();
        try
        {
            var connector = provider.GetRequiredService<IConnector>();
            return new ConnectorSession(provider, descriptor, connector);
        }
        catch (ConnectorLoadException ex)
        {
            await provider.DisposeAsync().ConfigureAwait(false);
            throw new UsageException(ex.Message);
        }
        catch
        {
            await provider.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Checks the descriptor's derived OpenAPI data (a streaming read, not a load; skipped while the file is the one
    /// that passed before) so that a bad 'openApi' file is a descriptor error naming the file, never a crash later; the
    /// message never quotes the file's content. (The connector instance loads its own copy when it needs it.)
    /// </summary>
    private static async Task CheckOpenApiDataAsync(ConnectorDescriptor descriptor, string descriptorPath, ValidationMarkers? markers, CancellationToken cancellationToken)
    {
        if (descriptor.OpenApiPath is not { } path || !File.Exists(path))
        {
            return;
        }

        var key = ValidationMarkers.FileKey("derived OpenAPI data", path);
        if (markers?.IsValidated(key) == true)
        {
            return;
        }

        try
        {
            await ApiCatalog.CheckFileAsync(path, cancellationToken).ConfigureAwait(false);
            markers?.RememberValidated(key);
        }
        catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
        {
            var reason = ex is FormatException ? ex.Message : $"{path} cannot be read ({ex.GetType().Name})";
            throw new UsageException($"the descriptor {descriptorPath} is invalid: its 'openApi' file {reason}");
        }
    }

    /// <summary>Creates a browser (design time needs no connection).</summary>
    public Task<IBrowser> CreateBrowserAsync(CancellationToken cancellationToken) =>
        Connector.CreateBrowserAsync(new PropertyValues(ConnectionProperties, Descriptor.FindConnectionField, "connection"), cancellationToken);

    /// <summary>
    /// Builds the connection properties from the descriptor's connection roles: the URL and key given, or the
    /// embedded sandbox when the descriptor has an endpoint field and no URL was given. Refuses http:// to a
    /// non-loopback host unless allowed.
    /// </summary>
    public async Task ConnectAsync(HostSettings settings, HostConsole console, CancellationToken cancellationToken)
    {
        var properties = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var url = settings.Url;
        var apiKey = settings.ApiKey;
        if (Descriptor.FindConnectionField(ConnectionRole.Endpoint) is { } endpoint)
        {
            if (string.IsNullOrWhiteSpace(url))
            {
                _sandbox = await ConnectSandbox.StartAsync(new SandboxOptions { Port = 0, Seed = EmbeddedSandboxSeed, RecordsPerType = 200 }, cancellationToken).ConfigureAwait(false);
                url = _sandbox.BaseUrl.ToString();
                apiKey = SandboxOptions.DefaultApiKey;
                await console.Error.WriteLineAsync($"using the embedded sandbox at {url} (seed {EmbeddedSandboxSeed})").ConfigureAwait(false);
            }
            else
            {
                CheckTransport(url, settings.AllowInsecure);
            }

            properties[endpoint.Id] = url;
        }

        var credential = Descriptor.FindConnectionField(ConnectionRole.Credential);
        if (credential is { Required: true } && string.IsNullOrEmpty(apiKey))
        {
            throw new UsageException(MissingKeyMessage);
        }

        if (credential is not null && !string.IsNullOrEmpty(apiKey))
        {
            properties[credential.Id] = apiKey;
        }

        if (settings.AllowInsecure && Descriptor.FindConnectionField(ConnectionRole.AllowInsecureTransport) is { } insecure)
        {
            properties[insecure.Id] = "true";
        }

        if (settings.DryRun)
        {
            var dryRun = Descriptor.FindConnectionField(ConnectionRole.DryRun)
                ?? throw new UsageException("--dry-run: this connector's descriptor declares no connection field with the dryRun role");
            properties[dryRun.Id] = "true";
        }

        ConnectionProperties = properties;
    }

    /// <summary>Checks that the connection works (exit code 2 with the reason when it does not).</summary>
    public async Task TestConnectionAsync(CancellationToken cancellationToken)
    {
        var tester = Connector.CreateConnectionTester(new PropertyValues(ConnectionProperties, Descriptor.FindConnectionField, "connection"));
        try
        {
            await tester.TestConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectionTestException ex)
        {
            throw new UsageException($"the connection does not work: {ex.Message}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync().ConfigureAwait(false);
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static void CheckTransport(string url, bool allowInsecure)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new UsageException($"--url '{url}' is not an absolute http(s) URL (e.g. https://api.connect.cloudblue.com/public/v1)");
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !allowInsecure && !IsLoopback(uri))
        {
            throw new UsageException(
                $"--url uses plain http to the non-loopback host '{uri.Host}': the API key would travel unencrypted. Use https, or pass --allow-insecure if you really mean it.");
        }
    }

    private static bool IsLoopback(Uri uri) =>
        string.Equals(uri.IdnHost, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
