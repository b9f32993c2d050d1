using System.Reflection;
using Connector.Core.Descriptors;

namespace Connector.Core.Hosting;

/// <summary>Resolves a connector type by loading its assembly by name into the default load context.</summary>
internal sealed class AssemblyNameConnectorTypeResolver : IConnectorTypeResolver
{
    public Type Resolve(ImplementationDescriptor implementation)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        Assembly assembly;
        try
        {
            assembly = Assembly.Load(new AssemblyName(implementation.Assembly));
        }
        catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            throw new ConnectorLoadException($"The connector assembly '{implementation.Assembly}' named by the descriptor cannot be loaded: {ex.Message}", ex);
        }

        return ConnectorTypes.Check(assembly.GetType(implementation.Type, throwOnError: false), implementation);
    }
}
