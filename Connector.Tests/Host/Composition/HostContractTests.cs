using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Connector.Host;
using Connector.Host.Composition;
using NUnit.Framework;

namespace Connector.Tests.Host.Composition;

/// <summary>
/// The host knows connectors only through Core's contract: it loads them by their descriptor, in their own load
/// context, and compiles against nothing of the Connect connector but the usage file writer its usage-file command uses.
/// </summary>
[TestFixture]
public sealed class HostContractTests
{
    [Test]
    public void The_host_compiles_against_no_connect_connector_type_but_the_usage_file_writer()
    {
        using var stream = File.OpenRead(typeof(ExitCodes).Assembly.Location);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();

        var fromOperations = metadata.TypeReferences
            .Select(metadata.GetTypeReference)
            .Where(t => t.ResolutionScope.Kind == HandleKind.AssemblyReference
                && metadata.GetString(metadata.GetAssemblyReference((AssemblyReferenceHandle)t.ResolutionScope).Name) == "Connector.Operations")
            .Select(t => metadata.GetString(t.Namespace) + "." + metadata.GetString(t.Name))
            .ToList();

        Assert.That(fromOperations, Is.All.StartsWith("Connector.Operations.Usage."));
    }

    [Test]
    public void The_default_descriptor_is_the_one_in_the_descriptor_folder_next_to_the_host()
    {
        Assert.That(DefaultDescriptor.Find(), Is.EqualTo(Path.Combine(DefaultDescriptor.Folder, "connect.descriptor.json")));
    }
}
