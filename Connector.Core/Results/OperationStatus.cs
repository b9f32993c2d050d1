namespace Connector.Core.Results;

/// <summary>The status of a result, as in Boomi's operation model. Never move an error between the two failure kinds.</summary>
public enum OperationStatus
{
    /// <summary>The document was processed.</summary>
    Success,

    /// <summary>The endpoint rejected this document (a 4xx, a failed validation); the process may route it on.</summary>
    ApplicationError,

    /// <summary>The connector or the transport failed for this document.</summary>
    Failure,
}
