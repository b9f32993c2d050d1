using Connector.Core.Descriptors;
using Connector.Core.Querying;
using NUnit.Framework;

namespace Connector.Tests.Core.Querying;

[TestFixture]
public sealed class QueryFilterValidatorTests
{
    private ConnectorDescriptor _descriptor = null!;

    [OneTimeSetUp]
    public async Task Load() => _descriptor = await DescriptorLoader.LoadAsync(TestPaths.Descriptor, CancellationToken.None);

    [Test]
    public void A_filter_using_declared_operators_and_groups_is_valid()
    {
        var filter = new QueryFilter(
            GroupExpression.And(
                ComparisonExpression.Of("status", "eq", "pending"),
                new NotExpression(GroupExpression.Or(new ComparisonExpression("asset.product.id", "in", ["PRD-1", "PRD-2"]), new ComparisonExpression("type", "null", []))),
                new ComparisonExpression("created", "ge", ["2024-01-01T00:00:00Z"])),
            [new SortSpecification("created", SortDirection.Descending)],
            ["id"]);
        Assert.That(QueryFilterValidator.Validate(filter, _descriptor), Is.Empty);
    }

    [TestCase("between", 1, "'between'", TestName = "An undeclared operator is named with the offered ones")]
    [TestCase("eq", 2, "exactly one value", TestName = "eq takes one value")]
    [TestCase("in", 0, "at least one value", TestName = "in takes values")]
    [TestCase("null", 1, "no value", TestName = "null takes no value")]
    public void Operator_misuse_is_explained(string op, int argumentCount, string expected)
    {
        var filter = QueryFilter.Where(new ComparisonExpression("status", op, Enumerable.Repeat("x", argumentCount).ToList()));
        var problems = QueryFilterValidator.Validate(filter, _descriptor);
        Assert.That(problems, Has.Some.Contains(expected));
        if (op == "between")
        {
            Assert.That(problems[0], Does.Contain("offered operators: eq, ne"));
        }
    }

    [Test]
    public void More_sort_keys_than_allowed_are_refused()
    {
        var filter = new QueryFilter(null, Enumerable.Range(0, 6).Select(i => new SortSpecification("f" + i, SortDirection.Ascending)).ToList(), []);
        Assert.That(() => QueryFilterValidator.EnsureValid(filter, _descriptor), Throws.TypeOf<InvalidQueryFilterException>().With.Message.Contains("at most 5 sort fields"));
    }

    [Test]
    public void An_operation_can_narrow_the_operators()
    {
        var query = _descriptor.FindObjectType("asset")!.Operations.Single(o => o.Type.Kind == Connector.Core.Operations.OperationKind.Query);
        var narrowed = query with { Operators = ["eq"] };
        var problems = QueryFilterValidator.Validate(QueryFilter.Where(ComparisonExpression.Of("status", "ne", "x")), _descriptor, narrowed);
        Assert.That(problems, Has.One.Contains("'ne'"));
    }

    [Test]
    public void Empty_groups_are_refused()
    {
        var problems = QueryFilterValidator.Validate(QueryFilter.Where(GroupExpression.Or()), _descriptor);
        Assert.That(problems, Has.One.Contains("no operands"));
    }

    [Test]
    public void Sort_keys_parse_with_a_leading_minus_as_descending()
    {
        Assert.That(SortSpecification.Parse("-created"), Is.EqualTo(new SortSpecification("created", SortDirection.Descending)));
        Assert.That(SortSpecification.Parse("id"), Is.EqualTo(new SortSpecification("id", SortDirection.Ascending)));
    }
}
