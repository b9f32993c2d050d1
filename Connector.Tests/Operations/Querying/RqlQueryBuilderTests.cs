using Connector.Core.Querying;
using Connector.Operations.Querying;
using NUnit.Framework;

namespace Connector.Tests.Operations.Querying;

[TestFixture]
public sealed class RqlQueryBuilderTests
{
    [TestCase("eq", "eq(status,pending)")]
    [TestCase("ne", "ne(status,pending)")]
    [TestCase("gt", "gt(status,pending)")]
    [TestCase("ge", "ge(status,pending)")]
    [TestCase("lt", "lt(status,pending)")]
    [TestCase("le", "le(status,pending)")]
    [TestCase("like", "like(status,pending)")]
    [TestCase("ilike", "ilike(status,pending)")]
    [TestCase("EQ", "eq(status,pending)")]
    public void Writes_single_value_operators(string op, string expected)
    {
        Assert.That(Filter(C("status", op, "pending")), Is.EqualTo(expected));
    }

    [Test]
    public void Writes_in_and_out_lists()
    {
        Assert.That(Filter(C("status", "in", "pending", "approved")), Is.EqualTo("in(status,(pending,approved))"));
        Assert.That(Filter(C("status", "out", "failed")), Is.EqualTo("out(status,(failed))"));
    }

    [Test]
    public void Quotes_list_values_that_need_it()
    {
        Assert.That(Filter(C("name", "in", "Acme, Inc.", "x(y)", "plain", "")), Is.EqualTo("in(name,(%22Acme,%20Inc.%22,%22x(y)%22,plain,empty()))"));
        Assert.That(Text(C("name", "out", "a b", "say \"hi\"")), Is.EqualTo("out(name,(\"a b\",'say \"hi\"'))"));
    }

    [Test]
    public void Writes_null_tests_with_the_null_constant()
    {
        Assert.That(Filter(C("asset.id", "null")), Is.EqualTo("eq(asset.id,null())"));
        Assert.That(Filter(C("asset.id", "notnull")), Is.EqualTo("ne(asset.id,null())"));
        Assert.That(Filter(new NotExpression(C("asset.id", "null"))), Is.EqualTo("not(eq(asset.id,null()))"));
    }

    [Test]
    public void Converts_boomi_paths_to_dots()
    {
        Assert.That(Filter(C("asset/product/id", "eq", "PRD-1")), Is.EqualTo("eq(asset.product.id,PRD-1)"));
        Assert.That(Filter(C(" asset.tiers.customer.id ", "eq", "TA-1")), Is.EqualTo("eq(asset.tiers.customer.id,TA-1)"));
    }

    [Test]
    public void Writes_groups_and_nested_groups()
    {
        var expression = GroupExpression.And(
            C("status", "eq", "pending"),
            GroupExpression.Or(C("asset.product.id", "eq", "PRD-1"), C("asset.product.id", "eq", "PRD-2")));
        Assert.That(Filter(expression), Is.EqualTo("and(eq(status,pending),or(eq(asset.product.id,PRD-1),eq(asset.product.id,PRD-2)))"));
        Assert.That(Filter(GroupExpression.Or(C("a", "eq", "1"), C("b", "eq", "2"))), Is.EqualTo("or(eq(a,1),eq(b,2))"));
    }

    [Test]
    public void Collapses_single_operand_groups_and_flattens_same_operator_groups()
    {
        Assert.That(Filter(GroupExpression.And(C("a", "eq", "1"))), Is.EqualTo("eq(a,1)"));
        Assert.That(Filter(GroupExpression.Or(GroupExpression.And(C("a", "eq", "1")))), Is.EqualTo("eq(a,1)"));
        Assert.That(
            Filter(GroupExpression.And(C("a", "eq", "1"), GroupExpression.And(C("b", "eq", "2"), C("c", "eq", "3")))),
            Is.EqualTo("and(eq(a,1),eq(b,2),eq(c,3))"));
    }

    [Test]
    public void Negates_a_single_term_with_not()
    {
        Assert.That(Filter(new NotExpression(C("status", "eq", "pending"))), Is.EqualTo("not(eq(status,pending))"));
        Assert.That(Filter(new NotExpression(C("status", "in", "a", "b"))), Is.EqualTo("not(in(status,(a,b)))"));
        Assert.That(Filter(new NotExpression(C("name", "ilike", "*acme*"))), Is.EqualTo("not(ilike(name,*acme*))"));
    }

    [Test]
    public void Rewrites_not_over_and_by_de_morgan()
    {
        var expression = new NotExpression(GroupExpression.And(C("a", "eq", "1"), C("b", "eq", "2")));
        Assert.That(Filter(expression), Is.EqualTo("or(not(eq(a,1)),not(eq(b,2)))"));
    }

    [Test]
    public void Rewrites_not_over_or_by_de_morgan_and_cancels_double_negation()
    {
        var expression = new NotExpression(GroupExpression.Or(C("a", "eq", "1"), new NotExpression(C("b", "eq", "2"))));
        Assert.That(Filter(expression), Is.EqualTo("and(not(eq(a,1)),eq(b,2))"));
        Assert.That(Filter(new NotExpression(new NotExpression(C("a", "eq", "1")))), Is.EqualTo("eq(a,1)"));
        Assert.That(Filter(new NotExpression(new NotExpression(new NotExpression(C("a", "eq", "1"))))), Is.EqualTo("not(eq(a,1))"));
    }

    [Test]
    public void Rewrites_nested_negations_down_to_the_terms()
    {
        // NOT(a AND (b OR NOT c)) = NOT a OR (NOT b AND c)
        var expression = new NotExpression(GroupExpression.And(
            C("a", "eq", "1"),
            GroupExpression.Or(C("b", "eq", "2"), new NotExpression(C("c", "eq", "3")))));
        Assert.That(Filter(expression), Is.EqualTo("or(not(eq(a,1)),and(not(eq(b,2)),eq(c,3)))"));

        // a OR NOT(b AND c) = a OR NOT b OR NOT c (flattened)
        var flattened = GroupExpression.Or(C("a", "eq", "1"), new NotExpression(GroupExpression.And(C("b", "eq", "2"), C("c", "eq", "3"))));
        Assert.That(Filter(flattened), Is.EqualTo("or(eq(a,1),not(eq(b,2)),not(eq(c,3)))"));

        // NOT(NOT(a OR b)) = a OR b
        Assert.That(Filter(new NotExpression(new NotExpression(GroupExpression.Or(C("a", "eq", "1"), C("b", "eq", "2"))))), Is.EqualTo("or(eq(a,1),eq(b,2))"));
    }

    [Test]
    public void Never_emits_not_over_a_group()
    {
        var expression = new NotExpression(GroupExpression.Or(
            new NotExpression(GroupExpression.And(C("a", "eq", "1"), new NotExpression(GroupExpression.Or(C("b", "eq", "2"), C("c", "null"))))),
            GroupExpression.And(C("d", "in", "x", "y"), new NotExpression(C("e", "like", "*z*")))));
        var rql = Filter(expression);
        Assert.That(rql, Is.EqualTo("and(eq(a,1),not(eq(b,2)),not(eq(c,null())),or(not(in(d,(x,y))),like(e,*z*)))"));
        Assert.That(rql, Does.Not.Contain("not(and(").And.Not.Contain("not(or("));
    }

    [Test]
    public void Inserts_raw_rql_verbatim_only_percent_encoded()
    {
        Assert.That(Filter(C(string.Empty, "rql", "eq(name,\"A B\")")), Is.EqualTo("eq(name,%22A%20B%22)"));
        var group = GroupExpression.And(C(string.Empty, "rql", "ilike(name,*x*)"), C("status", "eq", "pending"));
        Assert.That(Filter(group), Is.EqualTo("and(ilike(name,*x*),eq(status,pending))"));
        Assert.That(Filter(new NotExpression(C(string.Empty, "rql", "eq(a,1)"))), Is.EqualTo("not(eq(a,1))"));
        Assert.That(Text(C(string.Empty, "rql", " eq(a,\"x y\") ")), Is.EqualTo("eq(a,\"x y\")"));
    }

    [Test]
    public void Writes_ordering_ascending_and_descending()
    {
        var filter = new QueryFilter(null, [new SortSpecification("created", SortDirection.Descending)], []);
        Assert.That(RqlQueryBuilder.Build(filter), Is.EqualTo("ordering(-created)"));
        var several = new QueryFilter(null, [
            new SortSpecification("status", SortDirection.Ascending),
            new SortSpecification("events/created/at", SortDirection.Descending),
            new SortSpecification("id", SortDirection.Ascending),
        ], []);
        Assert.That(RqlQueryBuilder.Build(several), Is.EqualTo("ordering(status,-events.created.at,id)"));
    }

    [Test]
    public void Writes_every_ordering_field_it_is_given()
    {
        var sorts = Enumerable.Range(1, 5).Select(i => new SortSpecification("f" + i, SortDirection.Ascending)).ToList();
        Assert.That(RqlQueryBuilder.BuildOrdering(sorts), Is.EqualTo("ordering(f1,f2,f3,f4,f5)"));
    }

    [Test]
    public void Writes_select()
    {
        Assert.That(RqlQueryBuilder.BuildSelect(["id", "asset/product/id", "-items", "+status"]), Is.EqualTo("select(id,asset.product.id,-items,status)"));
        Assert.That(RqlQueryBuilder.BuildSelect([]), Is.Empty);
    }

    [Test]
    public void Joins_filter_ordering_and_select()
    {
        var filter = new QueryFilter(
            GroupExpression.And(C("status", "eq", "pending"), C("asset.product.id", "eq", "PRD-1")),
            [new SortSpecification("created", SortDirection.Descending)],
            ["id", "status"]);
        Assert.That(RqlQueryBuilder.Build(filter), Is.EqualTo("and(eq(status,pending),eq(asset.product.id,PRD-1))&ordering(-created)&select(id,status)"));
        Assert.That(RqlQueryBuilder.Build(QueryFilter.All), Is.Empty);
    }

    [Test]
    public void Builds_page_and_count_query_strings()
    {
        var filter = QueryFilter.Where(C("status", "eq", "pending"), new SortSpecification("created", SortDirection.Ascending));
        Assert.That(RqlQueryBuilder.AppendPage(RqlQueryBuilder.Build(filter), 100, 200), Is.EqualTo("eq(status,pending)&ordering(created)&limit=100&offset=200"));
        Assert.That(RqlQueryBuilder.AppendPage(RqlQueryBuilder.Build(QueryFilter.All), 100, 0), Is.EqualTo("limit=100&offset=0"));
        Assert.That(RqlQueryBuilder.AppendPage("eq(a,1)", 0, 0), Is.EqualTo("eq(a,1)&limit=0&offset=0"));
        Assert.That(() => RqlQueryBuilder.AppendPage(string.Empty, -1, 0), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => RqlQueryBuilder.AppendPage(string.Empty, 10, -5), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Build_text_is_the_decoded_form()
    {
        var filter = QueryFilter.Where(GroupExpression.And(C("name", "eq", "Acme, Inc."), C("created", "ge", "2024-01-01T10:00:00+00:00")));
        Assert.That(Uri.UnescapeDataString(RqlQueryBuilder.Build(filter)), Is.EqualTo("and(eq(name,\"Acme, Inc.\"),ge(created,2024-01-01T10:00:00+00:00))"));
        Assert.That(RqlQueryBuilder.Build(filter), Is.EqualTo("and(eq(name,%22Acme,%20Inc.%22),ge(created,2024-01-01T10:00:00%2B00:00))"));
    }

    [TestCase("name,x")]
    [TestCase("name)")]
    [TestCase("1name")]
    [TestCase("")]
    [TestCase("na me")]
    public void Refuses_field_names_that_could_break_out(string field)
    {
        Assert.That(() => Filter(C(field, "eq", "x")), Throws.TypeOf<InvalidQueryFilterException>().With.Message.Contains("not a valid filter field name"));
        Assert.That(() => RqlQueryBuilder.BuildSelect([field]), Throws.TypeOf<InvalidQueryFilterException>());
        Assert.That(() => RqlQueryBuilder.BuildOrdering([new SortSpecification(field, SortDirection.Ascending)]), Throws.TypeOf<InvalidQueryFilterException>());
    }

    [Test]
    public void Refuses_what_cannot_be_written()
    {
        Assert.That(() => Filter(C("a", "between", "1")), Throws.TypeOf<InvalidQueryFilterException>().With.Message.Contains("'between'"));
        Assert.That(() => Filter(C("a", "eq")), Throws.TypeOf<InvalidQueryFilterException>().With.Message.Contains("exactly one value"));
        Assert.That(() => Filter(C("a", "eq", "1", "2")), Throws.TypeOf<InvalidQueryFilterException>().With.Message.Contains("exactly one value"));
        Assert.That(() => Filter(C("a", "in")), Throws.TypeOf<InvalidQueryFilterException>().With.Message.Contains("at least one value"));
        Assert.That(() => Filter(C("a", "null", "x")), Throws.TypeOf<InvalidQueryFilterException>().With.Message.Contains("no value"));
        Assert.That(() => Filter(C(string.Empty, "rql", " ")), Throws.TypeOf<InvalidQueryFilterException>().With.Message.Contains("raw"));
        Assert.That(() => Filter(new GroupExpression(GroupOperator.Or, [])), Throws.TypeOf<InvalidQueryFilterException>().With.Message.Contains("no operands"));
    }

    internal static ComparisonExpression C(string field, string op, params string[] arguments) => new(field, op, arguments);

    private static string Filter(FilterExpression expression) => RqlQueryBuilder.Build(QueryFilter.Where(expression));

    private static string Text(FilterExpression expression) => Uri.UnescapeDataString(Filter(expression));
}
