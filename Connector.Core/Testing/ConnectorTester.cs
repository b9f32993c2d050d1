using Connector.Core.Browsing;
using Connector.Core.Contexts;
using Connector.Core.Documents;
using Connector.Core.Execution;
using Connector.Core.Hosting;
using Connector.Core.Operations;
using Connector.Core.Querying;
using Connector.Core.Results;

namespace Connector.Core.Testing;

/// <summary>
/// The operation-level test harness (what Boomi's ConnectorTester is to its SDK): builds a context from ids and
/// properties in one line, runs an operation on documents or a filter, and returns each document's results to
/// assert on; browses the same way. Usable by anyone embedding a connector to test their configuration.
/// </summary>
public sealed class ConnectorTester
{
    private readonly IReadOnlyDictionary<string, string?> _connectionProperties;
    private int _nextDocument;

    /// <summary>Creates a tester.</summary>
    /// <param name="connector">The connector under test.</param>
    /// <param name="connectionProperties">Connection properties by field id (url, apiKey...).</param>
    public ConnectorTester(IConnector connector, IReadOnlyDictionary<string, string?> connectionProperties)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(connectionProperties);
        Connector = connector;
        _connectionProperties = connectionProperties;
    }

    /// <summary>The connector under test.</summary>
    public IConnector Connector { get; }

    /// <summary>The invariant violations of the last run (empty when the operation behaved).</summary>
    public IReadOnlyList<string> LastViolations { get; private set; } = [];

    /// <summary>The connection properties, with the descriptor's defaults and checks.</summary>
    public PropertyValues ConnectionProperties => new(_connectionProperties, Connector.Descriptor.FindConnectionField, "connection");

    /// <summary>A browser for the tester's connection.</summary>
    /// <param name="cancellationToken">Stops waiting for the catalogue.</param>
    /// <returns>The browser.</returns>
    public Task<IBrowser> BrowserAsync(CancellationToken cancellationToken = default) => Connector.CreateBrowserAsync(ConnectionProperties, cancellationToken);

    /// <summary>Creates a context in one line.</summary>
    /// <param name="objectType">The object type id.</param>
    /// <param name="operation">GET, QUERY, ..., or an action id.</param>
    /// <param name="operationProperties">Operation properties by field id.</param>
    /// <returns>The context.</returns>
    public OperationContext Context(string objectType, string operation, IReadOnlyDictionary<string, string?>? operationProperties = null) =>
        OperationContext.Create(Connector.Descriptor, objectType, operation, _connectionProperties, operationProperties);

    /// <summary>Makes a JSON input document with a fresh tracking id.</summary>
    /// <param name="json">The document's JSON (or any text).</param>
    /// <param name="dynamicProperties">Per-document overrides (objectId, parentId...).</param>
    /// <returns>The document.</returns>
    public TrackedDocument Document(string json, IReadOnlyDictionary<string, string?>? dynamicProperties = null) =>
        TrackedDocument.FromText(NextTrackingId(), json, dynamicProperties);

    /// <summary>Makes an empty input document carrying only dynamic properties.</summary>
    /// <param name="dynamicProperties">Per-document overrides (objectId, parentId...).</param>
    /// <returns>The document.</returns>
    public TrackedDocument EmptyDocument(IReadOnlyDictionary<string, string?> dynamicProperties) =>
        TrackedDocument.Empty(NextTrackingId(), dynamicProperties);

    /// <summary>Makes a binary input document (a file to upload).</summary>
    /// <param name="bytes">The bytes.</param>
    /// <param name="dynamicProperties">Per-document overrides.</param>
    /// <returns>The document.</returns>
    public TrackedDocument BinaryDocument(byte[] bytes, IReadOnlyDictionary<string, string?>? dynamicProperties = null) =>
        TrackedDocument.FromBytes(NextTrackingId(), bytes, dynamicProperties);

    /// <summary>Runs an operation on documents and returns each document's results, in input order.</summary>
    /// <param name="objectType">The object type id.</param>
    /// <param name="operation">GET, CREATE, UPDATE, DELETE, or an action id.</param>
    /// <param name="documents">The input documents.</param>
    /// <param name="operationProperties">Operation properties by field id.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>One entry per input document.</returns>
    public Task<IReadOnlyList<DocumentResult>> ExecuteAsync(
        string objectType,
        string operation,
        IReadOnlyList<TrackedDocument> documents,
        IReadOnlyDictionary<string, string?>? operationProperties = null,
        CancellationToken cancellationToken = default) =>
        RunAsync(Context(objectType, operation, operationProperties), OperationRequest.ForDocuments(documents), cancellationToken);

    /// <summary>Runs a query and returns its one input's results (every record as a payload).</summary>
    /// <param name="objectType">The object type id.</param>
    /// <param name="filter">The filter.</param>
    /// <param name="operationProperties">Operation properties (pageSize, maxResults, parentId...).</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The query's result.</returns>
    public async Task<DocumentResult> QueryAsync(
        string objectType,
        QueryFilter filter,
        IReadOnlyDictionary<string, string?>? operationProperties = null,
        CancellationToken cancellationToken = default)
    {
        var results = await RunAsync(Context(objectType, "QUERY", operationProperties), OperationRequest.ForQuery(filter, TrackedDocument.Empty(NextTrackingId())), cancellationToken).ConfigureAwait(false);
        return results[0];
    }

    /// <summary>Runs any operation with a prepared context and request (the run sequence of <see cref="ConnectorRunner"/>: the documents are disposed afterwards).</summary>
    /// <param name="context">The context.</param>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>One entry per input document.</returns>
    public async Task<IReadOnlyList<DocumentResult>> RunAsync(OperationContext context, OperationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        var collector = new ResultCollector();
        LastViolations = await ConnectorRunner.RunAsync(Connector, context, request, collector, cancellationToken).ConfigureAwait(false);
        return collector.ToDocumentResults(request.Documents.Select(d => d.TrackingId));
    }

    private string NextTrackingId() => "doc-" + Interlocked.Increment(ref _nextDocument).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
