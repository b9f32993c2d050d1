namespace Connector.Sandbox;

/// <summary>One request the sandbox received.</summary>
/// <param name="Method">The method as the client sent it (<c>GET</c>, <c>POST</c>...).</param>
/// <param name="Path">Request path, for example <c>/public/v1/assets</c>.</param>
/// <param name="RawQuery">The query string as received (still percent-encoded), without the leading <c>?</c>.</param>
/// <param name="Body">The request body as UTF-8 text, truncated to 64 KB; empty when there was none.</param>
/// <param name="Status">The status code sent (also for faulted requests).</param>
/// <param name="Timestamp">When the request arrived.</param>
public sealed record SandboxRequestLogEntry(string Method, string Path, string RawQuery, string Body, int Status, DateTimeOffset Timestamp);
