using System.Reflection;

namespace Connector.Operations.Http;

/// <summary>The User-Agent of every request: <c>CloudBlueConnectConnector/&lt;version&gt; (+.NET &lt;runtime&gt;)</c>.</summary>
internal static class ConnectUserAgent
{
    /// <summary>The first token of the header, before the version: what Connect's logs show as the client.</summary>
    public const string Product = "CloudBlueConnectConnector";

    /// <summary>The whole header value, built once per process from the assembly's informational version and the runtime's.</summary>
    public static string Value { get; } = Build();

    private static string Build()
    {
        var assembly = typeof(ConnectUserAgent).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "0.0.0";
        return $"{Product}/{version} (+.NET {Environment.Version})";
    }
}
