namespace Connector.Core.Results;

/// <summary>A result reported for an input document.</summary>
/// <param name="TrackingId">The input document's tracking id.</param>
/// <param name="Status">SUCCESS, APPLICATION_ERROR (the endpoint refused the document) or FAILURE (the connector or transport failed); for a partial result always SUCCESS.</param>
/// <param name="StatusCode">The status code (the HTTP status for API answers, or a connector code).</param>
/// <param name="Message">What happened, for people.</param>
/// <param name="Payloads">Output documents (zero or more).</param>
/// <param name="IsPartial">A partial result (one record of a query); the document's final result comes later.</param>
public sealed record OperationResult(
    string TrackingId,
    OperationStatus Status,
    string StatusCode,
    string Message,
    IReadOnlyList<Payload> Payloads,
    bool IsPartial);
