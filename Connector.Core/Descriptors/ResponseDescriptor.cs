namespace Connector.Core.Descriptors;

/// <summary>The response side of an operation's endpoint.</summary>
/// <param name="Body">What the body is.</param>
/// <param name="Status">The documented success status code.</param>
/// <param name="IsList">The answer is a page of records (QUERY).</param>
/// <param name="Reread">An empty answer is followed by a GET of the object when the returnResource field is on.</param>
/// <param name="PerRecordStatus">The answer is an array of per-record statuses (bulk operations).</param>
public sealed record ResponseDescriptor(ResponseBodyKind Body, int Status, bool IsList, bool Reread, bool PerRecordStatus);
