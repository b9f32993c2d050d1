namespace Connector.Core.Descriptors;

/// <summary>
/// What a connection field means to a host that fills it from its own settings (a command line's <c>--url</c> and
/// <c>--api-key</c>, say), so the host never needs to know a connector's field ids.
/// </summary>
public enum ConnectionRole
{
    /// <summary>No meaning a host relies on: set only through explicit connection properties.</summary>
    None,

    /// <summary>The address of the API (a base URL); a host may point it at a local stand-in such as a sandbox.</summary>
    Endpoint,

    /// <summary>The secret that authenticates calls (an API key); never shown or logged.</summary>
    Credential,

    /// <summary>A boolean that lets the connector use plain http to a host other than loopback.</summary>
    AllowInsecureTransport,

    /// <summary>A boolean that makes the connector send no request and report, per document, the request it would have sent.</summary>
    DryRun,
}
