
using Connector.Browse.Catalog;
using Connector.Core.Browsing;
using Connector.Core.Contexts;
using Connector.Core.Descriptors;
using Connector.Core.Hosting;
using Connector.Core.Operations;
using Connector.Core.RawApi;
using Connector.Operations.Connection;
using Connector.Operations.RawApi;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connector.Operations;

/// <summary>
/// The CloudBlue Connect connector: creates browsers (design time) and operations (run time) for every object type
/// and operation its descriptor declares, and raw requests to any endpoint (<see cref="IRawApiConnector"/>). One HTTP
/// client per connection is shared by every operation it creates, and the instance owns its design-time state
/// (<see cref="Catalogs"/>): nothing is shared between connectors.
/// Register it with <c>services.AddConnector(descriptor)</c>; the descriptor names this type.
/// </summary>
public sealed class ConnectConnector : IConnector, IRawApiConnector, IInputProfileSource, IDisposable
{
    private readonly ConnectClientPool _clients;
    private readonly ConnectOperationFactory _factory;

    /// <summary>Creates the connector.</summary>
    /// <param name="descriptor">The loaded descriptor (see <see cref="DefaultDescriptorPath"/>).</param>
    /// <param name="loggerFactory">Where HTTP and operation logs go; none when null.</param>
    /// <param name="timeProvider">The clock used for retry delays; the system clock when null.</param>
    public ConnectConnector(ConnectorDescriptor descriptor, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        Descriptor = descriptor;
        _clients = new ConnectClientPool(loggerFactory ?? NullLoggerFactory.Instance, timeProvider ?? TimeProvider.System);
        Catalogs = new CatalogStore(descriptor);
        _factory = new ConnectOperationFactory(_clients, Catalogs);
    }

    /// <summary>The descriptor shipped with the connector, next to its assembly.</summary>
    public static string DefaultDescriptorPath => Path.Combine(AppContext.BaseDirectory, "descriptor", "connect.descriptor.json");

    /// <inheritdoc />
    public ConnectorDescriptor Descriptor { get; }

    /// <summary>The derived API data, catalogue and compiled input schemas of this connector's descriptor, loaded on first use.</summary>
    public CatalogStore Catalogs { get; }

    /// <summary>Loads the shipped descriptor and creates the connector.</summary>
    public static async Task<ConnectConnector> CreateDefaultAsync(ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default) =>
        new(await DescriptorLoader.LoadAsync(DefaultDescriptorPath, cancellationToken).ConfigureAwait(false), loggerFactory);

    /// <inheritdoc />
    public Task<IBrowser> CreateBrowserAsync(PropertyValues connectionProperties, CancellationToken cancellationToken = default) =>
        Catalogs.GetBrowserAsync(cancellationToken);

    /// <inheritdoc />
    public Task<NJsonSchema.JsonSchema?> GetInputProfileAsync(OperationContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Operation.Request.Body == RequestBodyKind.Json
            ? Catalogs.GetInputSchemaAsync(context.ObjectType, context.Operation, cancellationToken)
            : Task.FromResult<NJsonSchema.JsonSchema?>(null);
    }

    /// <inheritdoc />
    public IConnectionTester CreateConnectionTester(PropertyValues connectionProperties)
    {
        ArgumentNullException.ThrowIfNull(connectionProperties);
        var settings = ConnectionSettingsReader.Read(connectionProperties);
        var probe = Descriptor.ObjectTypes
            .SelectMany(o => o.Operations)
            .First(o => o.Type.Kind == OperationKind.Query && !o.NeedsParent);
        return new ConnectConnectionTester(_clients.Get(settings with { DryRun = false }), settings.BaseUrl!, probe.Path);
    }

    /// <inheritdoc />
    public IOperation CreateOperation(OperationContext context) => _factory.Create(context);

    /// <inheritdoc />
    public IOperation CreateRawApiOperation(PropertyValues connectionProperties, RawApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(connectionProperties);
        var target = RawApiTarget.From(request);
        return new RawApiOperation(_clients.Get(ConnectionSettingsReader.Read(connectionProperties)), target);
    }

    /// <inheritdoc />
    public void Dispose() => _clients.Dispose();
}
