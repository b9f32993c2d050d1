using System.Text;
using Connector.Browse.Catalog;
using Connector.Core.Contexts;
using Connector.Core.Descriptors;
using Connector.Core.Endpoints;
using Connector.Core.Operations;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Connector.Tests.Browse.Catalog;

public sealed class ConnectCatalogTests
{
    /// <summary>The matrix's entries plus the descriptor's LISTEN operations (additions beyond the matrix).</summary>
    private static readonly int EntryCount = MatrixEntry.All.Count + Core.Descriptors.DescriptorLoaderTests.ListenOperations.Length;

    [Test]
    public async Task The_catalogue_is_built_once_per_process()
    {
        var descriptor = await BrowseFixture.DescriptorAsync();
        var calls = Enumerable.Range(0, 8).Select(_ => Task.Run(() => ConnectCatalog.GetAsync(descriptor, CancellationToken.None))).ToList();
        var catalogs = await Task.WhenAll(calls);
        var again = await ConnectCatalog.GetAsync(await DescriptorLoader.LoadAsync(TestPaths.Descriptor), CancellationToken.None);

        Assert.That(catalogs.Distinct().Count(), Is.EqualTo(1));
        Assert.That(again, Is.SameAs(catalogs[0]));
        await TestContext.Out.WriteLineAsync($"Catalogue: {again.Entries.Count} entries built in {again.BuildDuration.TotalMilliseconds:F0} ms (after loading the data).");
    }

    [Test]
    public async Task It_has_one_entry_per_matrix_entry_on_the_matrix_endpoint()
    {
        var catalog = await BrowseFixture.CatalogAsync();

        Assert.That(catalog.Entries, Has.Count.EqualTo(EntryCount), "one entry per matrix entry, plus the LISTEN additions");
        foreach (var expected in MatrixEntry.All)
        {
            var entry = catalog.GetEntry(expected.ObjectType, BrowseFixture.TypeOf(expected));
            Assert.That(entry.Endpoint.Key, Is.EqualTo(expected.Method + " " + expected.Path), expected.ToString());
        }
    }

    [Test]
    public async Task A_fresh_build_of_every_entry_is_fast_enough_to_report()
    {
        var descriptor = await BrowseFixture.DescriptorAsync();
        var api = await ApiCatalog.LoadAsync(descriptor.OpenApiPath!, CancellationToken.None);

        var catalog = await ConnectCatalog.BuildAsync(descriptor, api, CancellationToken.None);

        Assert.That(catalog.Entries.Select(e => e.ToString()), Is.Unique.And.Exactly(EntryCount).Items);
        await TestContext.Out.WriteLineAsync($"Fresh build of {catalog.Entries.Count} entries: {catalog.BuildDuration.TotalMilliseconds:F0} ms.");
    }

    [Test]
    public async Task Unknown_object_types_and_operations_name_the_valid_ones()
    {
        var catalog = await BrowseFixture.CatalogAsync();

        var badType = Assert.Throws<UnknownOperationException>(() => catalog.GetEntry("invoice", OperationType.Get));
        var badOperation = Assert.Throws<UnknownOperationException>(() => catalog.GetEntry("asset", OperationType.Execute("APPROVE")));

        Assert.That(badType.ValidChoices, Does.Contain("request").And.Contain("usage_record"));
        Assert.That(badOperation.ValidChoices, Is.EquivalentTo(new[] { "GET", "QUERY" }));
        Assert.That(badOperation.Message, Does.Contain("APPROVE"));
    }

    [Test]
    public async Task Lookups_ignore_case()
    {
        var catalog = await BrowseFixture.CatalogAsync();

        var entry = catalog.GetEntry("Tier_Config_Request", OperationType.Execute("pending"));

        Assert.That(entry.Endpoint.Key, Is.EqualTo("POST /tier/config-requests/{id}/pend"));
    }

    [Test]
    public async Task Derived_data_without_an_endpoint_the_descriptor_uses_is_refused_naming_it()
    {
        var descriptor = await BrowseFixture.DescriptorAsync();
        const string sample = """
            {"source": {"title": "sample"}, "relaxations": [],
             "endpoints": [{"method": "GET", "path": "/assets/{id}", "openApiPath": "/assets/{id}", "operationId": "a", "summary": "Read",
                            "request": null, "responses": [{"status": 200, "contentType": "application/json", "schema": {"type": "object"}}],
                            "filters": [], "paged": false}],
             "definitions": {}}
            """;
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(sample));
        var api = await ApiCatalog.LoadAsync(stream, "sample", CancellationToken.None);

        var ex = await Assert.ThrowsAsync<FormatException>(() => ConnectCatalog.BuildAsync(descriptor, api, CancellationToken.None));

        Assert.That(ex.Message, Does.Contain("asset QUERY (GET /assets)").And.Contain("usage_record EXECUTE:BULK_CLOSE"));
        Assert.That(ex.Message, Does.Not.Contain(" asset GET"));
    }

    [Test]
    public async Task A_failed_build_is_not_cached()
    {
        var directory = Directory.CreateTempSubdirectory("browse-catalog-");
        try
        {
            var derived = Path.Combine(directory.FullName, "derived.json");
            await File.WriteAllTextAsync(derived, """{"endpoints": []}""");
            var json = JObject.Parse(await File.ReadAllTextAsync(TestPaths.Descriptor));
            json["openApi"] = "derived.json";
            var descriptorPath = Path.Combine(directory.FullName, "connect.descriptor.json");
            await File.WriteAllTextAsync(descriptorPath, json.ToString());
            var descriptor = await DescriptorLoader.LoadAsync(descriptorPath, CancellationToken.None);

            var ex = await Assert.ThrowsAsync<FormatException>(() => ConnectCatalog.GetAsync(descriptor, CancellationToken.None));
            File.Copy((await BrowseFixture.DescriptorAsync()).OpenApiPath!, derived, overwrite: true);
            var catalog = await ConnectCatalog.GetAsync(descriptor, CancellationToken.None);

            Assert.That(ex.Message, Does.Contain("definitions"));
            Assert.That(catalog.Entries, Has.Count.EqualTo(EntryCount));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Test]
    public async Task A_descriptor_without_derived_data_cannot_be_browsed()
    {
        var json = JObject.Parse(await File.ReadAllTextAsync(TestPaths.Descriptor));
        json.Remove("openApi");
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json.ToString()));
        var descriptor = await DescriptorLoader.LoadAsync(stream, "no-openapi", null, CancellationToken.None);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => ConnectCatalog.GetAsync(descriptor, CancellationToken.None));

        Assert.That(ex.Message, Does.Contain("openApi"));
    }
}
