using Connector.Core.Descriptors;

namespace Connector.Core.Hosting;

/// <summary>Checks that a resolved type is a usable connector implementation.</summary>
public static class ConnectorTypes
{
    /// <summary>Checks a resolved type.</summary>
    /// <param name="type">The type found, or null.</param>
    /// <param name="implementation">What the descriptor named.</param>
    /// <returns><paramref name="type"/> itself, once it is known to be a concrete <see cref="IConnector"/>.</returns>
    /// <exception cref="ConnectorLoadException">Not found, abstract, or not an <see cref="IConnector"/>.</exception>
    public static Type Check(Type? type, ImplementationDescriptor implementation)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        if (type is null)
        {
            throw new ConnectorLoadException($"The assembly '{implementation.Assembly}' has no type '{implementation.Type}' (named by the descriptor's implementation).");
        }

        if (type.IsAbstract || !typeof(IConnector).IsAssignableFrom(type))
        {
            throw new ConnectorLoadException($"The type '{implementation.Type}' named by the descriptor is not a concrete {nameof(IConnector)}.");
        }

        return type;
    }
}
