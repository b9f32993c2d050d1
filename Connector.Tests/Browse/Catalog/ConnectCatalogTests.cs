using System.Text;
using Connector.Browse.Catalog;
using Connector.Browse.Profiles;
using Connector.Core.Browsing;
using Connector.Core.Contexts;
using Connector.Core.Descriptors;
using Connector.Core.Endpoints;
using Connector.Core.Operations;
using Newtonsoft.Json.Linq;
using Connector.Tests.Browse.Profiles;
using NUnit.Framework;

namespace Connector.Tests.Browse.Catalog;

public sealed class ConnectCatalogTests
{
    /// <summary>The matrix's entries plus the descriptor's LISTEN operations (additions beyond the matrix).</summary>
    private static readonly int EntryCount = MatrixEntry.All.Count + Core.Descriptors.DescriptorLoaderTests.ListenOperations.Length;

    [Test]
    public async Task The_catalogue_is_built_once_per_store()
    {
        var store = new CatalogStore(await BrowseFixture.DescriptorAsync());
        var calls = Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.GetCatalogAsync(CancellationToken.None))).ToList();
        var catalogs = await Task.WhenAll(calls);
        var again = await store.GetCatalogAsync(CancellationToken.None);
        var other = await new CatalogStore(await DescriptorLoader.LoadAsync(TestPaths.Descriptor, CancellationToken.None)).GetCatalogAsync(CancellationToken.None);

        Assert.That(catalogs.Distinct().Count(), Is.EqualTo(1));
        Assert.That(again, Is.SameAs(catalogs[0]));
        Assert.That(other, Is.Not.SameAs(again), "another store (another connector instance) owns its own catalogue");
        await TestContext.Out.WriteLineAsync($"Catalogue: {again.Entries.Count} entries built in {again.BuildDuration.TotalMilliseconds:F0} ms (after loading the data).");
    }

    [Test]
    public async Task The_browser_builds_each_entry_on_demand_with_the_catalogue_rules()
    {
        var browser = await new CatalogStore(await BrowseFixture.DescriptorAsync()).GetBrowserAsync(CancellationToken.None);
        var catalog = await BrowseFixture.CatalogAsync();

        foreach (var entry in catalog.Entries.Where((_, i) => i % 7 == 0))
        {
            var definitions = browser.GetObjectDefinitions(entry.ObjectType.Id.ToUpperInvariant(), entry.Operation.Type);
            Assert.That(definitions.Select(d => d.ToSchemaJson()), Is.EqualTo(new[] { entry.Input.ToSchemaJson(), entry.Output.ToSchemaJson() }), entry.ToString());
        }
    }

    [Test]
    public async Task Two_descriptors_sharing_one_derived_file_each_see_their_own_labels()
    {
        var directory = Directory.CreateTempSubdirectory("browse-catalog-");
        try
        {
            var derived = (await BrowseFixture.DescriptorAsync()).OpenApiPath!;
            var renamed = await DescriptorWithAsync(directory, "renamed.descriptor.json", derived, json => json["objectTypes"]![0]!["label"] = "Renamed first type");
            var original = await DescriptorWithAsync(directory, "original.descriptor.json", derived, _ => { });
            var first = original.ObjectTypes[0];

            var renamedCatalog = await new CatalogStore(renamed).GetCatalogAsync(CancellationToken.None);
            var originalCatalog = await new CatalogStore(original).GetCatalogAsync(CancellationToken.None);
            var renamedBrowser = renamedCatalog.Browser.GetObjectTypes();
            var originalBrowser = originalCatalog.Browser.GetObjectTypes();
            var renamedTitle = (string?)renamedCatalog.GetEntry(first.Id, first.Operations[0].Type).OutputSchemaJson?["title"];
            var originalTitle = (string?)originalCatalog.GetEntry(first.Id, first.Operations[0].Type).OutputSchemaJson?["title"];

            Assert.Multiple(() =>
            {
                Assert.That(renamedBrowser[0].Label, Is.EqualTo("Renamed first type"));
                Assert.That(originalBrowser[0].Label, Is.EqualTo(first.Label));
                Assert.That(renamedTitle, Does.StartWith("Renamed first type ("));
                Assert.That(originalTitle, Does.StartWith(first.Label + " ("));
            });
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Test]
    public async Task A_rebuild_from_the_same_loaded_data_reuses_each_equal_profile_text_and_writes_changed_ones_anew()
    {
        var directory = Directory.CreateTempSubdirectory("browse-catalog-");
        try
        {
            var descriptor = await BrowseFixture.DescriptorAsync();
            var api = await (await BrowseFixture.StoreAsync()).GetApiAsync(CancellationToken.None);
            var renamed = await DescriptorWithAsync(directory, "renamed.descriptor.json", descriptor.OpenApiPath!, json => json["objectTypes"]![1]!["label"] = "Renamed type");
            var writer = new ProfileJsonWriter(api);

            var first = await ConnectCatalog.BuildAsync(descriptor, writer, CancellationToken.None);
            var rebuilt = await ConnectCatalog.BuildAsync(descriptor, writer, CancellationToken.None);
            var changed = await ConnectCatalog.BuildAsync(renamed, writer, CancellationToken.None);

            var renamedType = renamed.ObjectTypes[1].Id;
            for (var i = 0; i < first.Entries.Count; i++)
            {
                var (was, again, now) = (first.Entries[i], rebuilt.Entries[i], changed.Entries[i]);
                Assert.That(again.Input.ProfileJson, Is.SameAs(was.Input.ProfileJson), $"{again} INPUT rebuilt");
                Assert.That(again.Output.ProfileJson, Is.SameAs(was.Output.ProfileJson), $"{again} OUTPUT rebuilt");
                if (now.ObjectType.Id != renamedType)
                {
                    Assert.That(now.Input.ProfileJson, Is.SameAs(was.Input.ProfileJson), $"{now} INPUT is not changed by another type's label");
                    Assert.That(now.Output.ProfileJson, Is.SameAs(was.Output.ProfileJson), $"{now} OUTPUT is not changed by another type's label");
                    continue;
                }

                var (input, output) = ProfileJsonWriterTests.CopyingPathTexts(now, api);
                Assert.That(now.Input.ProfileJson, Is.EqualTo(input), $"{now} INPUT after the label changed");
                Assert.That(now.Input.ProfileJson, input is null ? Is.Null : Is.Not.EqualTo(was.Input.ProfileJson), $"{now} INPUT is a new text");
                Assert.That(now.Output.ProfileJson, Is.EqualTo(output).And.Not.EqualTo(was.Output.ProfileJson), $"{now} OUTPUT after the label changed");
                Assert.That((string?)now.OutputSchemaJson?["title"], Does.StartWith("Renamed type ("));
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Test]
    public async Task An_entry_built_alone_and_the_whole_catalogue_of_one_store_share_its_profile_texts()
    {
        var store = new CatalogStore(await BrowseFixture.DescriptorAsync());
        var browser = await store.GetBrowserAsync(CancellationToken.None);
        var alone = browser.GetObjectDefinitions("request", OperationType.Get);

        var entry = (await store.GetCatalogAsync(CancellationToken.None)).GetEntry("request", OperationType.Get);

        Assert.That(entry.Input.ProfileJson, Is.SameAs(alone[0].ProfileJson));
        Assert.That(entry.Output.ProfileJson, Is.SameAs(alone[1].ProfileJson).And.Not.Null);
    }

    [Test]
    public async Task An_entry_s_json_forms_are_parsed_from_its_profile_text_on_first_read_keeping_strings_as_written()
    {
        var catalog = await BrowseFixture.CatalogAsync();
        var any = catalog.Entries[0];
        const string output = """{"title":"Thing","type":"object","properties":{"created":{"type":"string","default":"2024-01-02T03:04:05+00:00"}}}""";
        var entry = new ConnectCatalogEntry(
            any.ObjectType,
            any.Operation,
            any.Endpoint,
            new ObjectDefinition(ObjectDefinitionRole.Input, DefinitionContentType.None, null),
            new ObjectDefinition(ObjectDefinitionRole.Output, () => output));

        Assert.That(entry.InputSchemaJson, Is.Null);
        Assert.That(entry.OutputSchemaJson!.ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo(output), "a date-like string stays the string it was");
        var parsed = entry.OutputSchemaJson;
        Assert.That(entry.OutputSchemaJson, Is.SameAs(parsed), "parsed once");
        foreach (var built in catalog.Entries.Where((_, i) => i % 5 == 0))
        {
            Assert.That(built.OutputSchemaJson?.ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo(built.Output.ProfileJson), built.ToString());
            Assert.That(built.InputSchemaJson?.ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo(built.Input.ProfileJson), built.ToString());
        }
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
    public async Task A_failed_load_is_not_cached_and_is_retried()
    {
        var directory = Directory.CreateTempSubdirectory("browse-catalog-");
        try
        {
            var derived = Path.Combine(directory.FullName, "derived.json");
            await File.WriteAllTextAsync(derived, """{"endpoints": []}""");
            var descriptor = await DescriptorWithAsync(directory, "connect.descriptor.json", "derived.json", _ => { });
            var store = new CatalogStore(descriptor);
            var objectType = descriptor.ObjectTypes.First(t => t.Operations.Any(o => o.Type.Kind == OperationKind.Create));
            var create = objectType.Operations.First(o => o.Type.Kind == OperationKind.Create);

            File.Move(derived, derived + ".away");
            var missing = await Assert.ThrowsAsync<FileNotFoundException>(() => store.GetInputSchemaAsync(objectType, create, CancellationToken.None));
            File.Move(derived + ".away", derived);
            var malformed = await Assert.ThrowsAsync<FormatException>(() => store.GetCatalogAsync(CancellationToken.None));
            File.Copy((await BrowseFixture.DescriptorAsync()).OpenApiPath!, derived, overwrite: true);
            var catalog = await store.GetCatalogAsync(CancellationToken.None);
            var schema = await store.GetInputSchemaAsync(objectType, create, CancellationToken.None);

            Assert.That(missing.Message, Does.Contain("derived.json"));
            Assert.That(malformed.Message, Does.Contain("definitions"));
            Assert.That(catalog.Entries, Has.Count.EqualTo(EntryCount));
            Assert.That(schema, Is.Not.Null);
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

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => new CatalogStore(descriptor).GetCatalogAsync(CancellationToken.None));

        Assert.That(ex.Message, Does.Contain("openApi"));
    }

    /// <summary>Writes a copy of the shipped descriptor (changed by <paramref name="change"/>) naming <paramref name="derived"/> and loads it.</summary>
    private static async Task<ConnectorDescriptor> DescriptorWithAsync(DirectoryInfo directory, string fileName, string derived, Action<JObject> change)
    {
        var json = JObject.Parse(await File.ReadAllTextAsync(TestPaths.Descriptor));
        json["openApi"] = derived;
        change(json);
        var path = Path.Combine(directory.FullName, fileName);
        await File.WriteAllTextAsync(path, json.ToString());
        return await DescriptorLoader.LoadAsync(path, CancellationToken.None);
    }
}
