using Connector.Browse.Catalog;
using NUnit.Framework;

namespace Connector.Tests.Browse.Catalog;

/// <summary>The profile outbound operations validate bodies with is the INPUT profile the browser shows, entry by entry.</summary>
[TestFixture]
public sealed class InputSchemaConsistencyTests
{
    [Test]
    public async Task Every_entry_validates_with_the_input_profile_the_designer_sees()
    {
        var store = await BrowseFixture.StoreAsync();
        var catalog = await store.GetCatalogAsync();
        foreach (var entry in catalog.Entries)
        {
            var alone = await store.GetInputSchemaAsync(entry.ObjectType, entry.Operation);
            Assert.That(alone?.ToJson(), Is.EqualTo(entry.InputSchema?.ToJson()), $"{entry.ObjectType.Id} {entry.Operation.Type}");
        }
    }
}
