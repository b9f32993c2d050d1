using Connector.Core.Descriptors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connector.Core.Hosting;

/// <summary>Registers a connector, created from its descriptor, in a service collection.</summary>
public static class ConnectorServiceCollectionExtensions
{
    /// <summary>
    /// Registers the descriptor and the <see cref="IConnector"/> its implementation names (a singleton created with
    /// the descriptor plus services from the container). A host that loads connectors in their own load context
    /// registers its own <see cref="IConnectorTypeResolver"/> first.
    /// </summary>
    /// <param name="services">The collection to add to; registrations already there win (TryAdd). Must not be null.</param>
    /// <param name="descriptor">The loaded descriptor (see <see cref="DescriptorLoader"/>).</param>
    /// <returns>The same collection, for chaining.</returns>
    public static IServiceCollection AddConnector(this IServiceCollection services, ConnectorDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(descriptor);
        services.TryAddSingleton(descriptor);
        services.TryAddSingleton<IConnectorTypeResolver, AssemblyNameConnectorTypeResolver>();
        services.TryAddSingleton<IConnector>(provider =>
        {
            var type = provider.GetRequiredService<IConnectorTypeResolver>().Resolve(descriptor.Implementation);
            return (IConnector)ActivatorUtilities.CreateInstance(provider, type, descriptor);
        });
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
