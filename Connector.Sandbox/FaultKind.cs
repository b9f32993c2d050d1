namespace Connector.Sandbox;

/// <summary>What an injected fault does to a matching request.</summary>
public enum FaultKind
{
    /// <summary>429 with a Retry-After header and a Connect error body.</summary>
    TooManyRequests,

    /// <summary>500 with a Connect error body.</summary>
    ServerError500,

    /// <summary>502 with a plain body, as a gateway sends it.</summary>
    BadGateway502,

    /// <summary>503, with Retry-After when <see cref="FaultRule.RetryAfter"/> is set.</summary>
    ServiceUnavailable503,

    /// <summary>Waits <see cref="FaultRule.Delay"/>, then answers normally.</summary>
    Latency,

    /// <summary>Writes the headers and part of the body, then aborts the connection.</summary>
    ResetMidBody,

    /// <summary>Answers 200 with a syntactically incomplete JSON body.</summary>
    TruncatedJson,

    /// <summary>Answers normally but without the Content-Range header.</summary>
    MissingContentRange,

    /// <summary>Answers normally but with a Content-Range header that contradicts the body.</summary>
    WrongContentRange,
}
