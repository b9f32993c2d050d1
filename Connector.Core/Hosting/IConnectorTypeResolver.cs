using Connector.Core.Descriptors;

namespace Connector.Core.Hosting;

/// <summary>Finds the connector type a descriptor's implementation names (hosts may load it in its own load context).</summary>
public interface IConnectorTypeResolver
{
    /// <summary>Resolves the implementation type.</summary>
    /// <param name="implementation">The descriptor's implementation entry.</param>
    /// <returns>A type implementing <see cref="IConnector"/>.</returns>
    /// <exception cref="ConnectorLoadException">The assembly or type cannot be found, or the type is not a connector.</exception>
    Type Resolve(ImplementationDescriptor implementation);
}
