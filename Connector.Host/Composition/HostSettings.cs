using Microsoft.Extensions.Logging;

namespace Connector.Host.Composition;

/// <summary>The global settings every command shares.</summary>
/// <param name="DescriptorPath">The descriptor given with --descriptor, else the shipped one (<see cref="DefaultDescriptor.Find"/>); not checked to exist yet.</param>
/// <param name="Url">The API URL given with --url (or CONNECT_API_URL), or null for the embedded sandbox.</param>
/// <param name="ApiKey">The API key given with --api-key (or CONNECT_API_KEY). A secret: never printed.</param>
/// <param name="AllowInsecure">Allow http:// to a non-loopback host.</param>
/// <param name="LogLevel">The minimum log level (Warning, -v Information, -vv Debug).</param>
/// <param name="Progress">Draw a live progress line on stderr even when it is not a terminal.</param>
/// <param name="AllowExternalAssembly">Let the descriptor load its connector assembly from outside its own folder and the host's.</param>
/// <param name="DryRun">Send no request: operations describe the requests they would send (--dry-run).</param>
internal sealed record HostSettings(string DescriptorPath, string? Url, string? ApiKey, bool AllowInsecure, LogLevel LogLevel, bool Progress, bool AllowExternalAssembly = false, bool DryRun = false);
