namespace Connector.Operations.Http.Errors;

/// <summary>How the connector reports a failed call.</summary>
internal enum ErrorSeverity
{
    /// <summary>The request was wrong or not allowed (4xx): an APPLICATION_ERROR, the document failed, the process goes on.</summary>
    Application,

    /// <summary>The service or the connection failed (5xx, transport, unreadable answer): a FAILURE.</summary>
    Failure,
}
