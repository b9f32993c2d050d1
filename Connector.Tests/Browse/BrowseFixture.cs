using Connector.Browse.Catalog;
using Connector.Core.Descriptors;
using Connector.Core.Operations;

namespace Connector.Tests.Browse;

/// <summary>The shipped descriptor (loaded once) and one catalogue store for it, shared by the browse tests.</summary>
internal static class BrowseFixture
{
    private static readonly Lazy<Task<ConnectorDescriptor>> Descriptor = new(() => DescriptorLoader.LoadAsync(TestPaths.Descriptor, CancellationToken.None));
    private static readonly Lazy<Task<CatalogStore>> Store = new(async () => new CatalogStore(await DescriptorAsync().ConfigureAwait(false)));

    public static Task<ConnectorDescriptor> DescriptorAsync() => Descriptor.Value;

    public static Task<CatalogStore> StoreAsync() => Store.Value;

    public static async Task<ConnectCatalog> CatalogAsync() =>
        await (await StoreAsync().ConfigureAwait(false)).GetCatalogAsync(CancellationToken.None).ConfigureAwait(false);

    public static OperationType TypeOf(MatrixEntry entry) =>
        OperationType.TryParse(entry.Operation, out var type) ? type : throw new InvalidOperationException("Bad matrix operation " + entry.Operation);
}
