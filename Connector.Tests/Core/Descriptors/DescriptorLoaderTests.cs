using Connector.Core.Descriptors;
using Connector.Core.Operations;
using NUnit.Framework;

namespace Connector.Tests.Core.Descriptors;

[TestFixture]
public sealed class DescriptorLoaderTests
{
    private ConnectorDescriptor _descriptor = null!;

    [OneTimeSetUp]
    public async Task LoadShippedDescriptor() => _descriptor = await DescriptorLoader.LoadAsync(TestPaths.Descriptor, CancellationToken.None);

    [Test]
    public void Shipped_descriptor_names_its_implementation_and_metadata()
    {
        Assert.That(_descriptor.Id, Is.EqualTo("cloudblue-connect"));
        Assert.That(_descriptor.Implementation.Assembly, Is.EqualTo("Connector.Operations"));
        Assert.That(_descriptor.OpenApiPath, Does.EndWith(".derived.json"));
        Assert.That(File.Exists(_descriptor.OpenApiPath), Is.True);
    }

    [Test]
    public void Shipped_descriptor_tells_hosts_which_connection_field_plays_which_role()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_descriptor.FindConnectionField(ConnectionRole.Endpoint)?.Id, Is.EqualTo("url"));
            Assert.That(_descriptor.FindConnectionField(ConnectionRole.Credential)?.Id, Is.EqualTo("apiKey"));
            Assert.That(_descriptor.FindConnectionField(ConnectionRole.AllowInsecureTransport)?.Id, Is.EqualTo("allowInsecureHttp"));
            Assert.That(_descriptor.FindConnectionField(ConnectionRole.None), Is.Null);
            Assert.That(_descriptor.FindConnectionField("maxRetries")?.Role, Is.EqualTo(ConnectionRole.None));
        });
    }

    [TestCaseSource(typeof(MatrixEntry), nameof(MatrixEntry.All))]
    public void Shipped_descriptor_declares_every_matrix_entry(MatrixEntry entry)
    {
        var objectType = _descriptor.FindObjectType(entry.ObjectType);
        Assert.That(objectType, Is.Not.Null, $"object type {entry.ObjectType}");
        Assert.That(objectType!.Label, Is.EqualTo(entry.Label));
        Assert.That(objectType.Parent, Is.EqualTo(entry.Parent));
        Assert.That(OperationType.TryParse(entry.Operation, out var type), Is.True);
        var operation = objectType.FindOperation(type!);
        Assert.That(operation, Is.Not.Null, $"{entry} is not declared");
        Assert.That(operation!.Method, Is.EqualTo(entry.Method));
        Assert.That(operation.Path, Is.EqualTo(entry.Path));
    }

    /// <summary>The LISTEN operations are the only additions to the matrix's 93 entries.</summary>
    public static readonly string[] ListenOperations =
    [
        "request LISTEN", "tier_config_request LISTEN", "tier_account_request LISTEN", "case LISTEN", "usage_report LISTEN",
    ];

    [Test]
    public void Shipped_descriptor_declares_nothing_beyond_the_matrix_except_its_listen_operations()
    {
        var declared = _descriptor.ObjectTypes.SelectMany(o => o.Operations.Select(op => $"{o.Id} {op.Type}")).ToList();
        var matrix = MatrixEntry.All.Select(e => $"{e.ObjectType} {e.Operation}").ToList();
        Assert.That(matrix, Has.Count.EqualTo(93));
        Assert.That(declared.Where(d => !d.EndsWith(" LISTEN", StringComparison.Ordinal)), Is.EquivalentTo(matrix), "every operation but LISTEN is a matrix entry, and every entry is declared");
        Assert.That(declared.Where(d => d.EndsWith(" LISTEN", StringComparison.Ordinal)), Is.EquivalentTo(ListenOperations), "the listen additions");
    }

    [Test]
    public void Listen_operations_poll_their_query_endpoint_on_a_change_cursor()
    {
        foreach (var objectType in _descriptor.ObjectTypes)
        {
            var listen = objectType.FindOperation(OperationType.Listen);
            if (listen is null)
            {
                continue;
            }

            var query = objectType.FindOperation(OperationType.Query)!;
            Assert.That(listen.Endpoint, Is.EqualTo(query.Endpoint), objectType.Id);
            Assert.That(listen.Response.IsList, Is.True, objectType.Id);
            Assert.That(listen.Listen!.CursorProperty, Is.AnyOf("updated", "events.updated.at"), objectType.Id);
            Assert.That(listen.Type.IsListen && !listen.Type.IsInbound && !listen.Type.IsOutbound, Is.True, objectType.Id);
        }

        Assert.That(_descriptor.FindObjectType("request")!.FindOperation(OperationType.Listen)!.Listen!.WebhookObjectClass, Is.EqualTo("fulfillment_request"));
        Assert.That(_descriptor.FindObjectType("case")!.FindOperation(OperationType.Listen)!.Listen!.WebhookObjectClass, Is.Null, "Connect has no webhooks for cases");
    }

    [Test]
    public void Child_types_take_their_parent_id_from_the_parentId_field()
    {
        foreach (var objectType in _descriptor.ObjectTypes.Where(o => o.Parent is not null))
        {
            Assert.That(objectType.Operations.All(op => op.NeedsParent), Is.True, objectType.Id);
        }
    }

    [Test]
    public void Connection_and_query_fields_have_the_documented_defaults()
    {
        Assert.That(_descriptor.FindConnectionField("url")!.DefaultValue, Is.EqualTo("https://api.connect.cloudblue.com/public/v1"));
        Assert.That(_descriptor.FindConnectionField("apiKey")!.Type, Is.EqualTo(FieldType.Password));
        var pageSize = _descriptor.FindOperationField(OperationFieldIds.PageSize)!;
        Assert.That(pageSize.DefaultValue, Is.EqualTo(100L));
        Assert.That(pageSize.Maximum, Is.EqualTo(1000L));
        Assert.That(_descriptor.FindOperationField(OperationFieldIds.MaxResults), Is.Not.Null);
    }

    [Test]
    public void Declares_every_query_operator_and_grouping()
    {
        Assert.That(
            _descriptor.QueryOperators.Select(o => o.Id),
            Is.SupersetOf(new[] { "eq", "ne", "gt", "ge", "lt", "le", "like", "ilike", "in", "out", "null", "notnull" }));
        Assert.That(_descriptor.QueryGrouping, Is.EqualTo(new QueryGroupingDescriptor(true, true, true)));
        Assert.That(_descriptor.SortOrders.Select(s => s.Id), Is.EquivalentTo(new[] { "ASC", "DESC" }));
        Assert.That(_descriptor.MaxSortFields, Is.EqualTo(5));
    }

    [Test]
    public async Task Loading_is_repeatable_and_independent_of_the_working_directory()
    {
        await using var stream = File.OpenRead(TestPaths.Descriptor);
        var again = await DescriptorLoader.LoadAsync(stream, "copy", TestPaths.DescriptorDirectory, CancellationToken.None);
        Assert.That(again.ObjectTypes, Has.Count.EqualTo(_descriptor.ObjectTypes.Count));
        Assert.That(again.OpenApiPath, Is.EqualTo(_descriptor.OpenApiPath));
    }

    [Test]
    public async Task A_missing_file_is_named()
    {
        var ex = await Assert.ThrowsAsync<FileNotFoundException>(() => DescriptorLoader.LoadAsync("/nonexistent/x.json", CancellationToken.None));
        Assert.That(ex!.Message, Does.Contain("/nonexistent/x.json"));
    }
}
