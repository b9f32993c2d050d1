using System.Text;
using Connector.Browse.Catalog;
using Connector.Core.Contexts;
using Connector.Core.Descriptors;
using Connector.Core.Endpoints;
using Connector.Core.Operations;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Connector.Tests.Browse.Browsing;

public sealed class ConnectBrowserFieldTests
{
    [Test]
    public async Task Object_types_are_listed_in_descriptor_order_with_ids_and_labels()
    {
        var catalog = await BrowseFixture.CatalogAsync();

        var all = catalog.Browser.GetObjectTypes();

        Assert.That(all.Select(t => t.Id), Is.EqualTo(MatrixEntry.All.Select(e => e.ObjectType).Distinct()));
        Assert.That(all.Select(t => t.Label), Is.EqualTo(MatrixEntry.All.DistinctBy(e => e.ObjectType).Select(e => e.Label)));
        var item = all.Single(t => t.Id == "product_item");
        Assert.That(item.Parent, Is.EqualTo("product"));
        Assert.That(item.Operations, Is.EqualTo(new[] { OperationType.Get, OperationType.Query }));
    }

    [Test]
    public async Task Object_types_supporting_an_operation_match_the_matrix()
    {
        var catalog = await BrowseFixture.CatalogAsync();
        var supporting = new[] { OperationType.Query, OperationType.Create, OperationType.Delete, OperationType.Execute("APPROVE"), OperationType.Execute("BULK_CLOSE") };

        foreach (var operation in supporting)
        {
            var expected = MatrixEntry.All.Where(e => e.Operation == operation.ToString()).Select(e => e.ObjectType);
            Assert.That(catalog.Browser.GetObjectTypes(operation).Select(t => t.Id), Is.EqualTo(expected), operation.ToString());
        }

        Assert.That(catalog.Browser.GetObjectTypes(OperationType.Execute("APPROVE")).Select(t => t.Id), Is.EqualTo(new[] { "request", "tier_config_request" }));
        Assert.That(catalog.Browser.GetObjectTypes(OperationType.Query), Has.Count.EqualTo(21));
        Assert.That(catalog.Browser.GetObjectTypes(OperationType.Execute("NO_SUCH_ACTION")), Is.Empty);
    }

    [Test]
    public async Task Operation_fields_come_from_the_descriptor_with_their_settings()
    {
        var catalog = await BrowseFixture.CatalogAsync();

        var query = catalog.Browser.GetOperationFields("asset", OperationType.Query);
        var childGet = catalog.Browser.GetOperationFields("product_item", OperationType.Get);
        var bulk = catalog.Browser.GetOperationFields("usage_record", OperationType.Execute("BULK_CLOSE"));
        var reread = catalog.Browser.GetOperationFields("tier_config_request", OperationType.Execute("INQUIRE"));
        var reconciliation = catalog.Browser.GetOperationFields("usage_reconciliation", OperationType.Create);

        Assert.That(query.Select(f => f.Id), Is.EqualTo(new[] { "pageSize", "maxResults", "countOnly" }));
        var pageSize = query[0];
        Assert.That((pageSize.Label, pageSize.Type, pageSize.DefaultValue, pageSize.Minimum, pageSize.Maximum, pageSize.Overrideable), Is.EqualTo(("Page size", FieldType.Integer, (object)100L, (long?)1, (long?)1000, false)));
        Assert.That(pageSize.HelpText, Is.Not.Empty);
        Assert.That(childGet.Select(f => f.Id), Is.EqualTo(new[] { "parentId", "objectId" }));
        Assert.That(childGet.All(f => f.Overrideable), Is.True);
        Assert.That(bulk.Select(f => f.Id), Is.EqualTo(new[] { "batchSize", "parallelism" }), "no object id: the path has none");
        Assert.That(reread.Select(f => f.Id), Does.Contain("returnResource"));
        Assert.That(reconciliation.Select(f => f.Id), Is.EqualTo(new[] { "parallelism", "fileName", "uploadNote" }));
    }

    [Test]
    public async Task Every_entry_offers_the_object_id_exactly_when_its_path_needs_it()
    {
        var catalog = await BrowseFixture.CatalogAsync();

        foreach (var entry in catalog.Entries)
        {
            var ids = catalog.Browser.GetOperationFields(entry.ObjectType.Id, entry.Operation.Type).Select(f => f.Id).ToList();
            Assert.That(ids.Contains(OperationFieldIds.ObjectId), Is.EqualTo(entry.Operation.Path.Contains("{id}", StringComparison.Ordinal) || entry.Operation.Path.Contains("{version}", StringComparison.Ordinal)), entry.ToString());
            Assert.That(ids.Contains(OperationFieldIds.ParentId), Is.EqualTo(entry.ObjectType.Parent is not null), entry.ToString());
        }
    }

    [Test]
    public async Task Request_query_filters_map_lookups_to_operators()
    {
        var catalog = await BrowseFixture.CatalogAsync();

        var fields = catalog.Browser.GetFilterableFields("request").ToDictionary(f => f.Name);

        Assert.That(fields["status"].Operators, Is.EqualTo(new[] { "eq", "ne", "like", "ilike", "in", "out" }));
        Assert.That(fields["status"].Sortable, Is.True);
        Assert.That(fields["asset.product.id"].Operators, Is.EqualTo(new[] { "eq", "ne", "like", "ilike", "in", "out", "null", "notnull" }));
        Assert.That(fields["asset.product.id"].Sortable, Is.False);
        Assert.That(fields["created"].Operators, Is.EqualTo(new[] { "eq", "ne", "gt", "ge", "lt", "le", "in", "out" }));
        Assert.That(fields.Values.SelectMany(f => f.Operators), Has.None.EqualTo("rql"));
    }

    [Test]
    public async Task Every_field_offers_exactly_what_the_endpoint_supports()
    {
        var catalog = await BrowseFixture.CatalogAsync();

        foreach (var entry in catalog.Entries.Where(e => e.Operation.Type == OperationType.Query))
        {
            var fields = catalog.Browser.GetFilterableFields(entry.ObjectType.Id);
            Assert.That(fields.Select(f => f.Name), Is.EqualTo(entry.Endpoint.Filters.Select(f => f.Name)), entry.ToString());
            foreach (var field in fields)
            {
                var lookups = entry.Endpoint.FindFilter(field.Name)!.Lookups;
                var expected = lookups.SelectMany(l => l == "null" ? new[] { "null", "notnull" } : [l]);
                Assert.That(field.Operators, Is.EquivalentTo(expected), $"{entry} {field.Name}");
            }
        }
    }

    [Test]
    public async Task Only_operators_the_query_operation_declares_are_offered_and_types_without_query_have_no_fields()
    {
        var json = JObject.Parse(await File.ReadAllTextAsync(TestPaths.Descriptor));
        var requestQuery = json["objectTypes"]!.Single(t => (string)t["id"]! == "request")["operations"]!.Single(o => (string)o["type"]! == "QUERY");
        requestQuery["operators"] = new JArray("eq", "in", "null", "rql");
        var messageOperations = (JArray)json["objectTypes"]!.Single(t => (string)t["id"]! == "conversation_message")["operations"]!;
        messageOperations.Single(o => (string)o["type"]! == "QUERY").Remove();
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json.ToString()));
        var descriptor = await DescriptorLoader.LoadAsync(stream, "restricted", TestPaths.DescriptorDirectory, CancellationToken.None);
        var catalog = await ConnectCatalog.BuildAsync(descriptor, await ApiCatalog.LoadAsync(descriptor.OpenApiPath!, CancellationToken.None), CancellationToken.None);

        var fields = catalog.Browser.GetFilterableFields("request").ToDictionary(f => f.Name);

        Assert.That(fields["status"].Operators, Is.EqualTo(new[] { "eq", "in" }));
        Assert.That(fields["asset.product.id"].Operators, Is.EqualTo(new[] { "eq", "in", "null" }), "notnull is not declared on this query");
        Assert.That(catalog.Browser.GetFilterableFields("conversation_message"), Is.Empty, "no QUERY");
    }

    [Test]
    public async Task Query_endpoints_without_documented_filters_have_no_filterable_fields()
    {
        var catalog = await BrowseFixture.CatalogAsync();

        Assert.That(catalog.Browser.GetFilterableFields("tier_account_version"), Is.Empty);
        Assert.Throws<UnknownOperationException>(() => catalog.Browser.GetFilterableFields("invoice"));
        Assert.Throws<UnknownOperationException>(() => catalog.Browser.GetOperationFields("asset", OperationType.Delete));
    }
}
