using System.Reflection;
using System.Runtime.Loader;

namespace Connector.Host.Composition;

/// <summary>
/// The load context of one connector assembly: the connector's own dependencies come from its folder (through its
/// .deps.json when it has one), while the contract it shares with the host (Connector.Core, the assemblies Core's
/// public API exposes, Microsoft.Extensions.*) comes from the host, so that <c>IConnector</c>, payloads, schemas and
/// loggers are the same types on both sides.
/// </summary>
internal sealed class ConnectorLoadContext : AssemblyLoadContext
{
    private readonly AssemblyDependencyResolver _resolver;
    private readonly HashSet<string> _shared;

    public ConnectorLoadContext(string assemblyPath, IEnumerable<string> sharedAssemblyNames)
        : base("connector:" + Path.GetFileNameWithoutExtension(assemblyPath), isCollectible: false)
    {
        _resolver = new AssemblyDependencyResolver(assemblyPath);
        _shared = new HashSet<string>(sharedAssemblyNames, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The assemblies every connector shares with the host: Connector.Core and what its public API exposes.</summary>
    public static IReadOnlyList<string> ContractAssemblies()
    {
        var core = typeof(Core.Hosting.IConnector).Assembly;
        return [core.GetName().Name!, .. core.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n is not null)];
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var name = assemblyName.Name ?? string.Empty;
        if (_shared.Contains(name) || name.StartsWith("Microsoft.Extensions.", StringComparison.OrdinalIgnoreCase))
        {
            // null: the default context (the host) provides it.
            return null;
        }

        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
