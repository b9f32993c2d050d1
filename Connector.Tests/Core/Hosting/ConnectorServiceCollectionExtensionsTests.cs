using Connector.Core.Descriptors;
using Connector.Core.Hosting;
using Connector.Operations;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;

namespace Connector.Tests.Core.Hosting;

[TestFixture]
public sealed class ConnectorServiceCollectionExtensionsTests
{
    [Test]
    public async Task Registers_the_connector_the_descriptor_names()
    {
        var descriptor = await DescriptorLoader.LoadAsync(TestPaths.Descriptor, CancellationToken.None);
        await using var provider = new ServiceCollection().AddConnector(descriptor).BuildServiceProvider();
        var connector = provider.GetRequiredService<IConnector>();
        Assert.That(connector, Is.TypeOf<ConnectConnector>());
        Assert.That(connector.Descriptor, Is.SameAs(descriptor));
        Assert.That(provider.GetRequiredService<IConnector>(), Is.SameAs(connector), "one connector per container");
    }

    [Test]
    public async Task A_descriptor_naming_a_missing_type_fails_clearly()
    {
        var descriptor = await DescriptorLoader.LoadAsync(TestPaths.Descriptor, CancellationToken.None);
        var resolver = new ServiceCollection().AddConnector(descriptor).BuildServiceProvider().GetRequiredService<IConnectorTypeResolver>();
        Assert.That(
            () => resolver.Resolve(new ImplementationDescriptor("Connector.Operations", "Connector.Operations.Nope")),
            Throws.TypeOf<ConnectorLoadException>().With.Message.Contains("Connector.Operations.Nope"));
        Assert.That(
            () => resolver.Resolve(new ImplementationDescriptor("No.Such.Assembly", "X")),
            Throws.TypeOf<ConnectorLoadException>().With.Message.Contains("No.Such.Assembly"));
        Assert.That(
            () => resolver.Resolve(new ImplementationDescriptor("Connector.Core", "Connector.Core.Descriptors.DescriptorLoader")),
            Throws.TypeOf<ConnectorLoadException>().With.Message.Contains("not a concrete IConnector"));
    }
}
