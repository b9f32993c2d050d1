using System.Runtime.Loader;
using Connector.Core.Browsing;
using Connector.Core.Contexts;
using Connector.Core.Descriptors;
using Connector.Core.Hosting;
using Connector.Core.Operations;
using Connector.Core.Results;
using Newtonsoft.Json.Linq;

namespace Connector.Tests.PluginConnector;

/// <summary>A minimal connector: GET greeting answers <c>{"id","greeting","loadContext"}</c> without any I/O.</summary>
public sealed class GreetingConnector : IConnector
{
    /// <summary>Creates the connector.</summary>
    /// <param name="descriptor">Its descriptor.</param>
    public GreetingConnector(ConnectorDescriptor descriptor)
    {
        Descriptor = descriptor;
    }

    /// <inheritdoc />
    public ConnectorDescriptor Descriptor { get; }

    /// <inheritdoc />
    public Task<IBrowser> CreateBrowserAsync(PropertyValues connectionProperties, CancellationToken cancellationToken = default) =>
        Task.FromException<IBrowser>(new NotSupportedException("The greeting connector has no browser."));

    /// <inheritdoc />
    public IConnectionTester CreateConnectionTester(PropertyValues connectionProperties) => new AlwaysWorks();

    /// <inheritdoc />
    public IOperation CreateOperation(OperationContext context) => new GreetOperation();

    private sealed class AlwaysWorks : IConnectionTester
    {
        public Task TestConnectionAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class GreetOperation : IOperation
    {
        public async Task ExecuteAsync(OperationRequest request, OperationResponse response, CancellationToken cancellationToken)
        {
            var loadContext = AssemblyLoadContext.GetLoadContext(typeof(GreetingConnector).Assembly)?.Name ?? "unknown";
            foreach (var document in request.Documents)
            {
                var id = document.DynamicProperties.TryGetValue(OperationFieldIds.ObjectId, out var value) ? value : null;
                if (string.IsNullOrEmpty(id))
                {
                    await response.AddResultAsync(document, OperationStatus.ApplicationError, "MISSING_ID", $"document '{document.TrackingId}' has no id", null, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var payload = new JObject { ["id"] = id, ["greeting"] = "hello " + id, ["loadContext"] = loadContext };
                await response.AddSuccessAsync(document, "200", Payload.FromJson(payload), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
