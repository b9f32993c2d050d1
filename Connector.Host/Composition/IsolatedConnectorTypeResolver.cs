using System.Collections.Concurrent;
using Connector.Core.Descriptors;
using Connector.Core.Hosting;

namespace Connector.Host.Composition;

/// <summary>
/// Finds the connector a descriptor names and loads its assembly in its own <see cref="ConnectorLoadContext"/>.
/// The assembly (<c>implementation.assembly</c> + ".dll") is looked up in the descriptor's folder, then that folder's
/// parent, then the host's folder; the first hit wins.
/// </summary>
internal sealed class IsolatedConnectorTypeResolver(string descriptorPath) : IConnectorTypeResolver
{
    private static readonly ConcurrentDictionary<string, ConnectorLoadContext> Contexts = new(StringComparer.OrdinalIgnoreCase);

    public Type Resolve(ImplementationDescriptor implementation)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        var candidates = CandidatePaths(implementation.Assembly).ToList();
        var path = candidates.FirstOrDefault(File.Exists)
            ?? throw new ConnectorLoadException(
                $"The connector assembly '{implementation.Assembly}' named by the descriptor was not found; looked for {string.Join(", ", candidates)}.");
        var context = Contexts.GetOrAdd(path, p => new ConnectorLoadContext(p, ConnectorLoadContext.ContractAssemblies()));
        try
        {
            var assembly = context.LoadFromAssemblyPath(path);
            return ConnectorTypes.Check(assembly.GetType(implementation.Type, throwOnError: false), implementation);
        }
        catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            throw new ConnectorLoadException($"The connector assembly {path} cannot be loaded: {ex.Message}", ex);
        }
    }

    public IEnumerable<string> CandidatePaths(string assemblyName)
    {
        var fileName = assemblyName.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? assemblyName : assemblyName + ".dll";
        var descriptorDirectory = Path.GetDirectoryName(Path.GetFullPath(descriptorPath))!;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var directory in new[] { descriptorDirectory, Path.GetDirectoryName(descriptorDirectory), AppContext.BaseDirectory })
        {
            if (directory is not null && seen.Add(Path.GetFullPath(directory)))
            {
                yield return Path.Combine(Path.GetFullPath(directory), fileName);
            }
        }
    }
}
