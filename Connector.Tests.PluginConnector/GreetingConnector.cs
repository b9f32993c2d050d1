using System.Runtime.Loader;
using Connector.Core.Browsing;
using Connector.Core.Contexts;
using Connector.Core.Descriptors;
using Connector.Core.Execution;
using Connector.Core.Hosting;
using Connector.Core.Operations;
using Connector.Core.Results;
using Newtonsoft.Json.Linq;

namespace Connector.Tests.PluginConnector;

/// <summary>
/// The smallest complete connector written against Connector.Core alone, and the example for plugin authors:
/// <list type="number">
/// <item>The descriptor (<c>greeting.descriptor.json</c>) declares the object type <c>greeting</c> with one GET and
/// names this type as its <c>implementation</c>; the host loads the assembly in its own load context and creates
/// the connector with the descriptor plus any services its constructor asks for.</item>
/// <item><see cref="CreateOperation"/> turns a context (object type, operation, properties) into an operation.</item>
/// <item>The operation answers every input document through an <see cref="OrderedDocumentRunner"/>: documents run
/// a few at a time, results are reported in input order, an exception becomes that document's FAILURE, and a
/// cancelled run reports the unfinished documents CANCELLED, so every document gets exactly one result.</item>
/// </list>
/// GET greeting answers <c>{"id","greeting","loadContext"}</c> without any I/O; a document without an id gets
/// APPLICATION_ERROR <c>MISSING_ID</c>.
/// </summary>
public sealed class GreetingConnector : IConnector
{
    /// <summary>How many documents one operation greets at once.</summary>
    private const int Parallelism = 4;

    /// <summary>Creates the connector; the host passes the descriptor that names this type.</summary>
    /// <param name="descriptor">The greeting descriptor.</param>
    public GreetingConnector(ConnectorDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        Descriptor = descriptor;
    }

    /// <inheritdoc />
    public ConnectorDescriptor Descriptor { get; }

    /// <summary>The greeting connector has no profiles to browse: the task fails with <see cref="NotSupportedException"/>.</summary>
    /// <param name="connectionProperties">Ignored (the connector has no connection).</param>
    /// <param name="cancellationToken">Ignored.</param>
    /// <returns>A failed task.</returns>
    public Task<IBrowser> CreateBrowserAsync(PropertyValues connectionProperties, CancellationToken cancellationToken = default) =>
        Task.FromException<IBrowser>(new NotSupportedException("The greeting connector has no browser."));

    /// <summary>A tester that always succeeds: greeting needs no connection.</summary>
    /// <param name="connectionProperties">Ignored.</param>
    /// <returns>The tester.</returns>
    public IConnectionTester CreateConnectionTester(PropertyValues connectionProperties) => new AlwaysWorks();

    /// <inheritdoc />
    public IOperation CreateOperation(OperationContext context) => new GreetOperation();

    private sealed class AlwaysWorks : IConnectionTester
    {
        public Task TestConnectionAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class GreetOperation : IOperation
    {
        private static readonly string LoadContext = AssemblyLoadContext.GetLoadContext(typeof(GreetingConnector).Assembly)?.Name ?? "unknown";

        public Task ExecuteAsync(OperationRequest request, OperationResponse response, CancellationToken cancellationToken) =>
            new OrderedDocumentRunner(response, request.Documents).RunEachAsync(Parallelism, GreetAsync, cancellationToken);

        private static async Task<DocumentOutcome> GreetAsync(Core.Documents.TrackedDocument document, CancellationToken cancellationToken)
        {
            // A real connector calls its API here; the greeting is computed, after yielding as an API call would.
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            var id = document.DynamicProperties.TryGetValue(OperationFieldIds.ObjectId, out var value) ? value : null;
            if (string.IsNullOrEmpty(id))
            {
                return DocumentOutcome.ApplicationError("MISSING_ID", $"document '{document.TrackingId}' has no id");
            }

            var payload = new JObject { ["id"] = id, ["greeting"] = "hello " + id, ["loadContext"] = LoadContext };
            return DocumentOutcome.Success(200, Payload.FromJson(payload));
        }
    }
}
