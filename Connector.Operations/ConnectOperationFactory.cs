using Connector.Browse.Catalog;
using Connector.Core.Contexts;
using Connector.Core.Descriptors;
using Connector.Core.Operations;
using Connector.Operations.Connection;
using Connector.Operations.Inbound;
using Connector.Operations.Listen;
using Connector.Operations.Outbound;
using Connector.Operations.Requests;
using Microsoft.Extensions.Logging;

namespace Connector.Operations;

/// <summary>
/// Builds, from the descriptor and a context, the operation for any entry: GET, QUERY, LISTEN, and for outbound entries an
/// object operation or, when the endpoint answers per-record statuses, a bulk operation. Connection properties are
/// validated here (a bad URL or a missing key is a configuration error, before any document runs). With the
/// <c>dryRun</c> connection setting, the operations run over a client that sends nothing and report each request.
/// Every outbound operation of the connector shares its input profiles (<see cref="InputProfiles"/>).
/// </summary>
internal sealed class ConnectOperationFactory(ConnectClientPool clients, CatalogStore catalogs)
{
    /// <summary>The logger of every operation's left-out fields, made once: a logger per execution cost a category name built from the type each time.</summary>
    private readonly ILogger<LeftOutFields> _leftOutLogger = clients.LoggerFactory.CreateLogger<LeftOutFields>();

    /// <summary>The connector's input profiles, kept across executions.</summary>
    internal InputProfileCache InputProfiles { get; } = new();

    public IOperation Create(OperationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var client = clients.Get(ConnectionSettingsReader.Read(context.ConnectionProperties));
        if (context.OperationKind == OperationKind.Listen)
        {
            // Not deferred: a host asks the operation itself for IListenOperation.
            return new ListenOperation(context, client, catalogs, clients.TimeProvider, clients.LoggerFactory.CreateLogger<ListenOperation>());
        }

        if (context.OperationKind == OperationKind.Get)
        {
            // A GET needs no derived API data: it starts without loading it.
            return new GetOperation(context, client);
        }

        var leftOut = new LeftOutFields(_leftOutLogger, context.OperationProperties.GetBoolean(OperationFieldIds.Strict));
        return new DeferredOperation(async ct =>
        {
            var catalog = await ConnectApiData.GetAsync(catalogs, InputProfiles, ct).ConfigureAwait(false);
            return context.OperationKind switch
            {
                OperationKind.Query => new SearchOperation(context, client, catalog.Endpoint(context.Operation)),
                _ when context.Operation.Response.PerRecordStatus => new BulkOperation(context, client, catalog, leftOut),
                _ => new ObjectOperation(context, client, catalog, leftOut),
            };
        });
    }

    /// <summary>Loads the connector's derived API data (once per connector) the first time the operation runs; a cancellation that escapes the operation settles every unfinished document as CANCELLED.</summary>
    private sealed class DeferredOperation(Func<CancellationToken, Task<IOperation>> build) : IOperation
    {
        public async Task ExecuteAsync(OperationRequest request, Core.Results.OperationResponse response, CancellationToken cancellationToken)
        {
            try
            {
                var operation = await build(cancellationToken).ConfigureAwait(false);
                await operation.ExecuteAsync(request, response, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Cancelled while the catalogue or an input profile loaded (before any document ran): each document
                // still gets its one result.
                await response.AddResultToUnfinishedAsync(
                    Core.Results.OperationStatus.Failure,
                    Core.Results.OperationResponse.CancelledCode,
                    "cancelled before this document was processed",
                    CancellationToken.None).ConfigureAwait(false);
            }
        }
    }
}
