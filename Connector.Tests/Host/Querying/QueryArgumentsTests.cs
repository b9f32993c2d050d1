using Connector.Core.Descriptors;
using Connector.Core.Querying;
using Connector.Host;
using Connector.Host.Querying;
using NUnit.Framework;

namespace Connector.Tests.Host.Querying;

[TestFixture]
public sealed class QueryArgumentsTests
{
    private ConnectorDescriptor _descriptor = null!;

    [OneTimeSetUp]
    public async Task LoadDescriptor() => _descriptor = await DescriptorLoader.LoadAsync(TestPaths.Descriptor, CancellationToken.None);

    [TestCase("status eq pending", "status", "eq", new[] { "pending" })]
    [TestCase("  asset.id   EQ  AS-1 ", "asset.id", "eq", new[] { "AS-1" })]
    [TestCase("name like *Backup 1*", "name", "like", new[] { "*Backup 1*" })]
    [TestCase("status in pending, approved", "status", "in", new[] { "pending", "approved" })]
    [TestCase("status out failed", "status", "out", new[] { "failed" })]
    [TestCase("note null", "note", "null", new string[0])]
    [TestCase("note notnull", "note", "notnull", new string[0])]
    public void Parses_field_operator_value(string text, string field, string op, string[] values)
    {
        var comparison = QueryArguments.ParseFilter(_descriptor, text);

        Assert.That(comparison.Property, Is.EqualTo(field));
        Assert.That(comparison.Operator, Is.EqualTo(op));
        Assert.That(comparison.Arguments, Is.EqualTo(values));
    }

    [TestCase("status", "FIELD OP VALUE")]
    [TestCase("status eq", "needs a value")]
    [TestCase("status null x", "takes no value")]
    [TestCase("status rql x", "unknown operator 'rql'")]
    public void Rejects_malformed_filters(string text, string expected)
    {
        var ex = Assert.Throws<UsageException>(() => QueryArguments.ParseFilter(_descriptor, text));

        Assert.That(ex!.Message, Does.Contain(expected));
    }

    [Test]
    public void Combines_filters_where_and_raw_rql_and_reads_sorts_and_selects()
    {
        var filter = QueryArguments.Build(
            _descriptor,
            ["status eq pending", "type eq purchase"],
            any: true,
            where: "{\"not\":{\"field\":\"id\",\"op\":\"eq\",\"value\":\"PR-1\"}}",
            rql: ["gt(created,2023-01-01)"],
            sorts: ["-created", "id"],
            select: ["id,status", "-asset"]);

        var and = (GroupExpression)filter.Expression!;
        Assert.That(and.Operator, Is.EqualTo(GroupOperator.And));
        Assert.That(((GroupExpression)and.Operands[0]).Operator, Is.EqualTo(GroupOperator.Or));
        Assert.That(and.Operands[1], Is.InstanceOf<NotExpression>());
        Assert.That(and.Operands[2], Is.EqualTo(new ComparisonExpression(string.Empty, "rql", ["gt(created,2023-01-01)"])).Using<ComparisonExpression>((a, b) => a.Property == b.Property && a.Operator == b.Operator && a.Arguments.SequenceEqual(b.Arguments)));
        Assert.That(filter.Sorts, Is.EqualTo(new[] { new SortSpecification("created", SortDirection.Descending), new SortSpecification("id", SortDirection.Ascending) }));
        Assert.That(filter.SelectedFields, Is.EqualTo(new[] { "id", "status", "-asset" }));
    }

    [Test]
    public void Bad_where_json_is_a_usage_error()
    {
        var ex = Assert.Throws<UsageException>(() => QueryArguments.Build(_descriptor, [], false, "{\"field\":1", [], [], []));

        Assert.That(ex!.Message, Does.StartWith("--where"));
    }
}
