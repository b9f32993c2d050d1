using System.Collections.Concurrent;
using Connector.Core.Descriptors;
using Connector.Core.Hosting;

namespace Connector.Host.Composition;

/// <summary>
/// Finds the connector a descriptor names and loads its assembly in its own <see cref="ConnectorLoadContext"/>.
/// The assembly (<c>implementation.assembly</c> + ".dll") is looked up in the host's own folder, then the descriptor's
/// folder; the first hit wins, so a descriptor naming one of the host's own connectors always gets the host's copy.
/// A descriptor that names code is trusted input: without <c>allowExternalAssembly</c> the name must be a plain
/// assembly name and the file (after following links) must lie inside one of those two folders, so that a descriptor
/// cannot make the host run a DLL from elsewhere (<c>../x</c>, <c>/tmp/x.dll</c>), not even for types or schema.
/// </summary>
internal sealed class IsolatedConnectorTypeResolver(string descriptorPath, bool allowExternalAssembly = false) : IConnectorTypeResolver
{
    private static readonly ConcurrentDictionary<string, ConnectorLoadContext> Contexts = new(StringComparer.OrdinalIgnoreCase);

    public Type Resolve(ImplementationDescriptor implementation)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        var candidates = CandidatePaths(implementation.Assembly).ToList();
        var path = candidates.FirstOrDefault(File.Exists)
            ?? throw new ConnectorLoadException(
                $"The connector assembly '{implementation.Assembly}' named by the descriptor was not found; looked for {string.Join(", ", candidates)}.");
        CheckTrusted(implementation.Assembly, path);
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
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var directory in TrustedFolders())
        {
            var candidate = Path.GetFullPath(Path.Combine(directory, fileName));
            if (seen.Add(candidate))
            {
                yield return candidate;
            }
        }
    }

    /// <summary>The folders code may come from: the host's own, then the descriptor's.</summary>
    private IEnumerable<string> TrustedFolders() =>
        [Path.GetFullPath(AppContext.BaseDirectory), Path.GetDirectoryName(Path.GetFullPath(descriptorPath))!];

    private void CheckTrusted(string assemblyName, string path)
    {
        if (allowExternalAssembly)
        {
            return;
        }

        var target = File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path;
        var folder = Path.GetDirectoryName(Path.GetFullPath(target));
        var isPlainName = assemblyName.IndexOfAny(['/', '\\']) < 0 && !assemblyName.Contains("..", StringComparison.Ordinal) && !Path.IsPathRooted(assemblyName);
        if (!isPlainName || !TrustedFolders().Any(trusted => string.Equals(Path.TrimEndingDirectorySeparator(trusted), folder, StringComparison.Ordinal)))
        {
            throw new ConnectorLoadException(
                $"The descriptor names the connector assembly '{assemblyName}', which resolves to {target}: outside the descriptor's folder and the host's. "
                + "A descriptor that names code is trusted input; if you trust this one, pass --allow-external-assembly.");
        }
    }
}
