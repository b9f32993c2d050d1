namespace Connector.Operations.Http.Errors;

/// <summary>Why no HTTP answer was received.</summary>
internal enum ConnectTransportFailure
{
    /// <summary>The server refused the connection: the request was certainly not sent.</summary>
    ConnectionRefused,

    /// <summary>No connection could be established (unreachable host or network): the request was certainly not sent.</summary>
    ConnectionFailed,

    /// <summary>The host name could not be resolved: the request was certainly not sent.</summary>
    NameResolution,

    /// <summary>The TLS handshake failed (e.g. an untrusted certificate): the request was not sent.</summary>
    Tls,

    /// <summary>No response headers arrived within the request timeout.</summary>
    Timeout,

    /// <summary>The connection broke (reset, closed early) after the request may have been sent.</summary>
    ConnectionLost,
}
