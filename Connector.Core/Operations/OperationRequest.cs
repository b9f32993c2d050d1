using Connector.Core.Documents;
using Connector.Core.Querying;

namespace Connector.Core.Operations;

/// <summary>
/// What an operation runs on: a batch of tracked documents (GET ids, DELETE ids, CREATE/UPDATE/EXECUTE bodies),
/// or for QUERY one input document plus its filter.
/// </summary>
public sealed class OperationRequest
{
    private OperationRequest(IReadOnlyList<TrackedDocument> documents, QueryFilter? filter)
    {
        Documents = documents;
        Filter = filter;
    }

    /// <summary>The input documents, in the order results are expected; a query request has exactly one.</summary>
    public IReadOnlyList<TrackedDocument> Documents { get; }

    /// <summary>The filter of a QUERY request (never null there); null for every other request.</summary>
    public QueryFilter? Filter { get; }

    /// <summary>A request for GET, CREATE, UPDATE, DELETE or EXECUTE: one result per document, no filter.</summary>
    /// <param name="documents">The documents; tracking ids must be unique.</param>
    /// <returns>A request over the documents as given (the list is kept, not copied).</returns>
    public static OperationRequest ForDocuments(IReadOnlyList<TrackedDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        return new OperationRequest(documents, null);
    }

    /// <summary>A query request: one input document (carrying dynamic properties such as a parent id) and the filter.</summary>
    /// <param name="filter">Expression, sorts and selected fields; <see cref="QueryFilter.All"/> for every record. Must not be null.</param>
    /// <param name="input">The input document; an empty one named "query" when null.</param>
    /// <returns>A request with exactly one document.</returns>
    public static OperationRequest ForQuery(QueryFilter filter, TrackedDocument? input = null)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return new OperationRequest([input ?? TrackedDocument.Empty("query")], filter);
    }
}
