using Connector.Core.Endpoints;
using Connector.Core.Querying;
using Connector.Operations.Querying;
using NUnit.Framework;

namespace Connector.Tests.Operations.Querying;

[TestFixture]
public sealed class QueryFieldValidatorTests
{
    private static readonly ApiFilter[] Filters =
    [
        new("id", ["eq", "ne", "in", "out", "like", "ilike"], Orderable: true, Search: true, Nullable: false),
        new("status", ["eq", "ne", "in", "out"], Orderable: false, Search: false, Nullable: false),
        new("created", ["eq", "ne", "gt", "ge", "lt", "le"], Orderable: true, Search: false, Nullable: false),
        new("asset.id", ["eq", "ne", "in", "out", "null"], Orderable: false, Search: false, Nullable: true),
        new("note", ["eq", "ne"], Orderable: false, Search: false, Nullable: true),
    ];

    private static readonly ApiEndpoint Requests = new("GET", "/requests", "/requests", "listRequests", null, null, [], Filters, Paged: true);

    [Test]
    public void Accepts_documented_fields_lookups_and_orderable_sorts()
    {
        var filter = new QueryFilter(
            GroupExpression.And(
                C("status", "in", "pending", "approved"),
                new NotExpression(GroupExpression.Or(C("created", "gt", "2024-01-01"), C("asset/id", "null"))),
                C("asset.id", "notnull"),
                C("note", "null"),
                C("id", "ILIKE", "*PR-*")),
            [new SortSpecification("created", SortDirection.Descending), new SortSpecification("id", SortDirection.Ascending)],
            ["anything", "-items"]);
        Assert.That(QueryFieldValidator.Validate(filter, Requests), Is.Empty);
        Assert.That(() => QueryFieldValidator.EnsureValid(filter, Requests), Throws.Nothing);
    }

    [Test]
    public void Names_an_unknown_field_and_lists_the_filterable_ones()
    {
        var problems = QueryFieldValidator.Validate(QueryFilter.Where(C("stauts", "eq", "pending")), Requests);
        Assert.That(problems, Is.EqualTo(new[] { "unknown filter field 'stauts' for GET /requests; filterable fields: asset.id, created, id, note, status" }));
    }

    [Test]
    public void Names_a_disallowed_lookup_and_lists_the_allowed_ones()
    {
        Assert.That(
            QueryFieldValidator.Validate(QueryFilter.Where(C("status", "gt", "a")), Requests),
            Is.EqualTo(new[] { "field 'status' does not allow 'gt'; allowed: eq, ne, in, out" }));
        Assert.That(
            QueryFieldValidator.Validate(QueryFilter.Where(C("status", "notnull")), Requests),
            Is.EqualTo(new[] { "field 'status' does not allow 'notnull'; allowed: eq, ne, in, out" }));
        Assert.That(
            QueryFieldValidator.Validate(QueryFilter.Where(C("asset/id", "like", "*x*")), Requests),
            Is.EqualTo(new[] { "field 'asset.id' does not allow 'like'; allowed: eq, ne, in, out, null, notnull" }));
    }

    [Test]
    public void Refuses_unknown_and_non_orderable_sort_fields()
    {
        var filter = new QueryFilter(null, [new SortSpecification("status", SortDirection.Ascending), new SortSpecification("craeted", SortDirection.Descending)], []);
        Assert.That(QueryFieldValidator.Validate(filter, Requests), Is.EqualTo(new[]
        {
            "field 'status' cannot be used for ordering on GET /requests; orderable fields: created, id",
            "unknown sort field 'craeted' for GET /requests; orderable fields: created, id",
        }));
    }

    [Test]
    public void Leaves_the_number_of_sort_fields_to_the_descriptor_check()
    {
        var sorts = Enumerable.Repeat(new SortSpecification("id", SortDirection.Ascending), 6).ToList();
        Assert.That(QueryFieldValidator.Validate(new QueryFilter(null, sorts, []), Requests), Is.Empty);
    }

    [Test]
    public void Reports_every_problem_at_once()
    {
        var filter = new QueryFilter(
            GroupExpression.Or(C("stauts", "eq", "x"), new NotExpression(C("status", "like", "*a*")), C("created", "in", "1"), C("stauts", "eq", "y")),
            [new SortSpecification("status", SortDirection.Ascending)],
            []);
        var ex = Assert.Throws<InvalidQueryFilterException>(() => QueryFieldValidator.EnsureValid(filter, Requests));
        Assert.That(ex!.Problems, Has.Count.EqualTo(4));
        Assert.That(ex.Problems[0], Does.StartWith("unknown filter field 'stauts'"));
        Assert.That(ex.Problems[1], Does.StartWith("field 'status' does not allow 'like'"));
        Assert.That(ex.Problems[2], Does.StartWith("field 'created' does not allow 'in'; allowed: eq, ne, gt, ge, lt, le"));
        Assert.That(ex.Problems[3], Does.StartWith("field 'status' cannot be used for ordering"));
        Assert.That(ex.Message, Does.Contain("stauts").And.Contain("cannot be used for ordering"));
    }

    [Test]
    public void Skips_raw_rql_terms()
    {
        var filter = QueryFilter.Where(GroupExpression.And(C(string.Empty, "rql", "eq(whatever,1)"), C("id", "eq", "PR-1")));
        Assert.That(QueryFieldValidator.Validate(filter, Requests), Is.Empty);
    }

    [Test]
    public void Allows_everything_when_the_endpoint_documents_no_filters()
    {
        var filter = new QueryFilter(C("anything", "gt", "1"), [new SortSpecification("whatever", SortDirection.Descending)], []);
        Assert.That(QueryFieldValidator.Validate(filter, "GET /usage/aggregates", []), Is.Empty);
        var tooMany = new QueryFilter(null, Enumerable.Repeat(new SortSpecification("x", SortDirection.Ascending), 6).ToList(), []);
        Assert.That(QueryFieldValidator.Validate(tooMany, "GET /usage/aggregates", []), Is.Empty, "the number of sort keys is the descriptor's check (QueryFilterValidator), made once");
    }

    [Test]
    public void Reports_an_operator_the_api_does_not_know()
    {
        var problems = QueryFieldValidator.Validate(QueryFilter.Where(C("id", "between", "1")), Requests);
        Assert.That(problems, Has.Count.EqualTo(1));
        Assert.That(problems[0], Does.Contain("'between'").And.Contain("'id'"));
    }

    private static ComparisonExpression C(string field, string op, params string[] arguments) => new(field, op, arguments);
}
