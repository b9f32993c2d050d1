using Connector.Browse.Catalog;
using Connector.Core.Descriptors;
using Connector.Core.Operations;

namespace Connector.Tests.Browse;

/// <summary>The shipped descriptor (loaded once) and its process-wide catalogue.</summary>
internal static class BrowseFixture
{
    private static readonly Lazy<Task<ConnectorDescriptor>> Descriptor = new(() => DescriptorLoader.LoadAsync(TestPaths.Descriptor));

    public static Task<ConnectorDescriptor> DescriptorAsync() => Descriptor.Value;

    public static async Task<ConnectCatalog> CatalogAsync() =>
        await ConnectCatalog.GetAsync(await DescriptorAsync().ConfigureAwait(false), CancellationToken.None).ConfigureAwait(false);

    public static OperationType TypeOf(MatrixEntry entry) =>
        OperationType.TryParse(entry.Operation, out var type) ? type : throw new InvalidOperationException("Bad matrix operation " + entry.Operation);
}
