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

    /// <summary>Creates a tester; nothing is sent until an operation runs.</summary>
    /// <param name="connector">The connector under test; the tester does not dispose it.</param>
    /// <param name="connectionProperties">Connection properties by field id (url, apiKey...); kept, not copied, and used by every context the tester creates.</param>
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
    /// <returns>The connector's browser, given <see cref="ConnectionProperties"/> (the descriptor's defaults applied).</returns>
    public Task<IBrowser> BrowserAsync(CancellationToken cancellationToken = default) => Connector.CreateBrowserAsync(ConnectionProperties, cancellationToken);

    /// <summary>Creates a context in one line.</summary>
    /// <param name="objectType">The object type id, any letter case; an unknown one throws <see cref="UnknownOperationException"/> naming the valid ones.</param>
    /// <param name="operation">GET, QUERY, ..., or an action id.</param>
    /// <param name="operationProperties">Operation properties by field id.</param>
    /// <returns>A new context; unknown ids throw <see cref="UnknownOperationException"/> naming the valid ones.</returns>
    public OperationContext Context(string objectType, string operation, IReadOnlyDictionary<string, string?>? operationProperties = null) =>
        OperationContext.Create(Connector.Descriptor, objectType, operation, _connectionProperties, operationProperties);

    /// <summary>Makes a JSON input document with a fresh tracking id.</summary>
    /// <param name="json">The document's JSON (or any text).</param>
    /// <param name="dynamicProperties">Per-document overrides (objectId, parentId...).</param>
    /// <returns>A new document with the next <c>doc-N</c> tracking id; the run it is given to disposes it.</returns>
    public TrackedDocument Document(string json, IReadOnlyDictionary<string, string?>? dynamicProperties = null) =>
        TrackedDocument.FromText(NextTrackingId(), json, dynamicProperties);

    /// <summary>Makes an empty input document carrying only dynamic properties.</summary>
    /// <param name="dynamicProperties">Per-document overrides (objectId, parentId...).</param>
    /// <returns>A new document with no data and the next <c>doc-N</c> tracking id; the run it is given to disposes it.</returns>
    public TrackedDocument EmptyDocument(IReadOnlyDictionary<string, string?> dynamicProperties) =>
        TrackedDocument.Empty(NextTrackingId(), dynamicProperties);

    /// <summary>Makes a binary input document (a file to upload).</summary>
    /// <param name="bytes">The file content; wrapped, not copied, in a read-only stream, so leave the array unchanged until the run is over.</param>
    /// <param name="dynamicProperties">Per-document overrides.</param>
    /// <returns>A new document with the next <c>doc-N</c> tracking id; the run it is given to disposes it.</returns>
    public TrackedDocument BinaryDocument(byte[] bytes, IReadOnlyDictionary<string, string?>? dynamicProperties = null) =>
        TrackedDocument.FromBytes(NextTrackingId(), bytes, dynamicProperties);

    /// <summary>Runs an operation on documents and returns each document's results, in input order.</summary>
    /// <param name="objectType">The object type id, any letter case; an unknown one throws <see cref="UnknownOperationException"/> naming the valid ones.</param>
    /// <param name="operation">GET, CREATE, UPDATE, DELETE, or an action id.</param>
    /// <param name="documents">Each with its own tracking id; all are disposed when the run ends, even when it fails.</param>
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
    /// <param name="objectType">The object type id, any letter case; an unknown one throws <see cref="UnknownOperationException"/> naming the valid ones.</param>
    /// <param name="filter">Expression, sorts and selected fields, checked by the operation; <see cref="QueryFilter.All"/> for every record. Must not be null.</param>
    /// <param name="operationProperties">Operation properties (pageSize, maxResults, parentId...).</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The one query document's result: every record as a payload in the order read, then the final status (a failed query keeps the records read before it failed).</returns>
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
    /// <param name="context">Which object type and operation, with their properties (e.g. from <see cref="Context"/>); must not be null.</param>
    /// <param name="request">The documents, and the filter for a query; its documents are disposed when the run ends, even when it fails.</param>
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
