using System.Reflection;
using System.Runtime.Loader;
using Connector.Core.Descriptors;
using Connector.Core.Hosting;
using Connector.Host.Composition;
using Connector.Operations;
using NUnit.Framework;

namespace Connector.Tests.Host.Composition;

/// <summary>
/// How the host loads a connector: in its own context, but in a way that lets the runtime use the ReadyToRun code the
/// published tool ships (a command's start-up would otherwise JIT-compile the connector and its libraries). The runtime
/// uses precompiled code only for an assembly mapped from its file into a context that is not collectible: an
/// assembly loaded from a stream or bytes (empty <see cref="Assembly.Location"/>) or into a collectible context is
/// JIT-compiled whole.
/// </summary>
[TestFixture]
public sealed class ConnectorLoadContextTests
{
    private static Assembly LoadConnectConnector()
    {
        var resolver = new IsolatedConnectorTypeResolver(ConnectConnector.DefaultDescriptorPath);
        return resolver.Resolve(new ImplementationDescriptor("Connector.Operations", typeof(ConnectConnector).FullName!)).Assembly;
    }

    [Test]
    public void The_connector_is_mapped_from_its_file_into_its_own_context_that_is_not_collectible()
    {
        var assembly = LoadConnectConnector();

        var context = AssemblyLoadContext.GetLoadContext(assembly);
        Assert.That(context, Is.InstanceOf<ConnectorLoadContext>());
        Assert.That(context, Is.Not.SameAs(AssemblyLoadContext.Default), "each connector in its own context");
        Assert.That(context!.IsCollectible, Is.False, "a collectible context makes the runtime ignore ReadyToRun code");
        Assert.That(assembly.Location, Is.EqualTo(Path.Combine(AppContext.BaseDirectory, "Connector.Operations.dll")), "loaded from its file, not from bytes");
    }

    [Test]
    public void The_connectors_own_libraries_come_from_their_files_into_its_context_and_the_contract_from_the_host()
    {
        var context = AssemblyLoadContext.GetLoadContext(LoadConnectConnector())!;

        var restSharp = context.LoadFromAssemblyName(new AssemblyName("RestSharp"));
        var core = context.LoadFromAssemblyName(typeof(IConnector).Assembly.GetName());

        Assert.That(AssemblyLoadContext.GetLoadContext(restSharp), Is.SameAs(context));
        Assert.That(restSharp.Location, Is.EqualTo(Path.Combine(AppContext.BaseDirectory, "RestSharp.dll")));
        Assert.That(core, Is.SameAs(typeof(IConnector).Assembly), "the contract is the host's, so IConnector is one type on both sides");
    }
}
