using System.Text.Json.Nodes;
using Connector.Sandbox.Rql;
using NUnit.Framework;

namespace Connector.Tests.Sandbox.Rql;

/// <summary>The RQL tokenizer, parser and evaluator on in-memory records.</summary>
[TestFixture]
[Category("Sandbox")]
public sealed class RqlParserTests
{
    private static readonly JsonObject Record = JsonNode.Parse("""
        {
          "id": "PR-1", "status": "pending", "name": "Acme, Inc. (EU)", "quantity": 12, "active": true, "note": "",
          "price": 9.5, "pattern": "a*b", "created": "2024-03-01T10:00:00+00:00", "missing_value": null,
          "asset": { "product": { "id": "PRD-1" }, "tiers": { "customer": { "id": "TA-1" } } },
          "params": [ { "id": "subdomain", "value": "shop" }, { "id": "email", "value": "a+b@example.com" } ]
        }
        """)!.AsObject();

    private static bool Matches(string query) => RqlEvaluator.Matches(Record, RqlParser.Parse(query).Filter);

    /// <summary>Comparison operators, numbers numerically, strings and dates ordinally.</summary>
    [TestCase("eq(status,pending)", true)]
    [TestCase("status=pending", true)]
    [TestCase("ne(status,pending)", false)]
    [TestCase("gt(quantity,9)", true)]
    [TestCase("gt(quantity,100)", false)]
    [TestCase("ge(quantity,12)", true)]
    [TestCase("lt(price,10)", true)]
    [TestCase("le(price,9.4)", false)]
    [TestCase("gt(created,2024-02-28T00:00:00+00:00)", true)]
    [TestCase("lt(created,2024-02-28)", false)]
    [TestCase("eq(active,true)", true)]
    [TestCase("eq(active,false)", false)]
    public void Comparisons(string query, bool expected) => Assert.That(Matches(query), Is.EqualTo(expected));

    /// <summary>in/out, and/or/not, top-level &amp;.</summary>
    [TestCase("in(status,(draft,pending))", true)]
    [TestCase("in(status,(draft,failed))", false)]
    [TestCase("out(status,(draft,failed))", true)]
    [TestCase("and(eq(status,pending),gt(quantity,1))", true)]
    [TestCase("and(eq(status,pending),gt(quantity,100))", false)]
    [TestCase("or(eq(status,draft),gt(quantity,1))", true)]
    [TestCase("not(eq(status,draft))", true)]
    [TestCase("not(in(status,(pending)))", false)]
    [TestCase("eq(status,pending)&gt(quantity,100)", false)]
    [TestCase("eq(status,pending)&gt(quantity,1)", true)]
    [TestCase("(eq(status,draft)|eq(status,pending))", true)]
    public void Lists_and_logic(string query, bool expected) => Assert.That(Matches(query), Is.EqualTo(expected));

    /// <summary>like/ilike: * is the wildcard, \* a literal star.</summary>
    [TestCase("like(name,Acme*)", true)]
    [TestCase("like(name,acme*)", false)]
    [TestCase("ilike(name,acme*)", true)]
    [TestCase("like(name,*Inc*)", true)]
    [TestCase(@"like(pattern,a\*b)", true)]
    [TestCase(@"like(pattern,a\*)", false)]
    [TestCase("like(pattern,a*)", true)]
    public void Search(string query, bool expected) => Assert.That(Matches(query), Is.EqualTo(expected));

    /// <summary>Many wildcards against long texts: the answer is right and comes without backtracking (no timeout, no exception).</summary>
    [Test]
    public void Many_wildcards_match_in_linear_time()
    {
        var text = new string('a', 50_000);
        var many = string.Concat(Enumerable.Repeat("*a", 2_000)) + "*b";
        var record = new JsonObject { ["name"] = text, ["pattern"] = text + "b" };
        Assert.That(RqlEvaluator.Matches(record, RqlParser.Parse($"like(name,{many})").Filter), Is.False);
        Assert.That(RqlEvaluator.Matches(record, RqlParser.Parse($"ilike(pattern,{many.ToUpperInvariant()})").Filter), Is.True);
        Assert.That(RqlEvaluator.Matches(record, RqlParser.Parse($"like(pattern,{many})").Filter), Is.True);
    }

    /// <summary>Pieces between stars must appear in order, without overlapping the fixed start and end.</summary>
    [TestCase("abc", "a*c", true)]
    [TestCase("ac", "a*c", true)]
    [TestCase("a", "a*a", false)]
    [TestCase("aa", "a*a", true)]
    [TestCase("abcabc", "*b*b*", true)]
    [TestCase("abc", "*b*b*", false)]
    [TestCase("abc", "*c*b*", false)]
    [TestCase("", "*", true)]
    [TestCase("", "", true)]
    [TestCase("x", "", false)]
    [TestCase("a*b", @"a\*b", true)]
    [TestCase("axb", @"a\*b", false)]
    [TestCase("a*bxc", @"*\**c", true)]
    public void Like_pieces(string text, string pattern, bool expected) =>
        Assert.That(LikePattern.Compile(pattern, ignoreCase: false).IsMatch(text), Is.EqualTo(expected));

    /// <summary>The documented <c>(field=value)</c> shorthand inside parentheses and calls, as Connect's RQL takes it.</summary>
    [TestCase("(status=pending)", true)]
    [TestCase("(status=draft)", false)]
    [TestCase("(status=pending)&(quantity=12)", true)]
    [TestCase("and(status=pending,quantity=12)", true)]
    [TestCase("or(status=draft,asset.product.id=PRD-1)", true)]
    [TestCase("not(status=pending)", false)]
    [TestCase("(name=\"Acme, Inc. (EU)\")", true)]
    [TestCase("(missing_value=null())", true)]
    [TestCase("(note=empty())", true)]
    [TestCase("(status=pending|status=draft)", true)]
    public void Shorthand_in_parentheses(string query, bool expected) => Assert.That(Matches(query), Is.EqualTo(expected));

    /// <summary>Quoted values may hold commas, parentheses, ampersands and spaces.</summary>
    [TestCase("eq(name,\"Acme, Inc. (EU)\")", true)]
    [TestCase("in(name,(\"Acme, Inc. (EU)\",other))", true)]
    [TestCase("eq(name,\"Acme & Co\")", false)]
    [TestCase("like(name,\"Acme, *\")", true)]
    public void Quoted_values(string query, bool expected) => Assert.That(Matches(query), Is.EqualTo(expected));

    /// <summary>null() and empty().</summary>
    [TestCase("eq(missing_value,null())", true)]
    [TestCase("eq(not_there,null())", true)]
    [TestCase("ne(status,null())", true)]
    [TestCase("eq(note,empty())", true)]
    [TestCase("eq(status,empty())", false)]
    [TestCase("ne(note,empty())", false)]
    public void Null_and_empty(string query, bool expected) => Assert.That(Matches(query), Is.EqualTo(expected));

    /// <summary>Dotted paths into nested objects and arrays of objects (any element matches).</summary>
    [TestCase("eq(asset.product.id,PRD-1)", true)]
    [TestCase("eq(asset.tiers.customer.id,TA-2)", false)]
    [TestCase("eq(params.id,email)", true)]
    [TestCase("eq(params.value,shop)", true)]
    [TestCase("eq(params.value,nothing)", false)]
    [TestCase("eq(params.value,a+b@example.com)", true)]
    public void Paths(string query, bool expected) => Assert.That(Matches(query), Is.EqualTo(expected));

    /// <summary>The whole query string is URL-decoded first: %2C does not protect a comma, + stays a plus, %20 is a space.</summary>
    [Test]
    public void Raw_query_is_decoded_before_parsing()
    {
        Assert.That(() => RqlParser.ParseRaw("eq(name,Acme%2C%20Inc.)"), Throws.TypeOf<RqlSyntaxException>());
        var plus = RqlParser.ParseRaw("eq(params.value,a+b@example.com)");
        Assert.That(RqlEvaluator.Matches(Record, plus.Filter), Is.True);
        var quoted = RqlParser.ParseRaw("eq(name,%22Acme%2C%20Inc.%20(EU)%22)");
        Assert.That(RqlEvaluator.Matches(Record, quoted.Filter), Is.True);
    }

    /// <summary>ordering, select, limit and offset are query-level terms.</summary>
    [Test]
    public void Query_level_terms()
    {
        var query = RqlParser.ParseRaw("?eq(status,pending)&ordering(created,-quantity)&select(-asset,params)&limit=10&offset=20");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(query.Ordering.Select(o => (o.Field, o.Descending)), Is.EqualTo(new[] { ("created", false), ("quantity", true) }));
            Assert.That(query.SelectExcluded, Is.EqualTo(new[] { "asset" }));
            Assert.That(query.SelectIncluded, Is.EqualTo(new[] { "params" }));
            Assert.That(query.Limit, Is.EqualTo(10));
            Assert.That(query.Offset, Is.EqualTo(20));
            Assert.That(query.Filter, Is.TypeOf<RqlComparison>());
        }
    }

    /// <summary>Malformed queries, not() of a group, more than 5 ordering fields are refused.</summary>
    [TestCase("not(and(eq(a,1),eq(b,2)))")]
    [TestCase("not(or(eq(a,1),eq(b,2)))")]
    [TestCase("eq(status,pending")]
    [TestCase("eq(status)")]
    [TestCase("frobnicate(status,1)")]
    [TestCase("eq(name,\"unterminated)")]
    [TestCase("ordering(a,b,c,d,e,f)")]
    [TestCase("limit=abc")]
    [TestCase("and(ordering(a))")]
    public void Malformed_is_refused(string query) =>
        Assert.That(() => RqlParser.Parse(query), Throws.TypeOf<RqlSyntaxException>());

    /// <summary>Unknown fields are dropped from the filter (matching everything), as the real API does.</summary>
    [Test]
    public void Unknown_fields_are_pruned()
    {
        var filter = RqlParser.Parse("and(eq(stauts,pending),eq(status,pending))").Filter;
        var pruned = RqlEvaluator.Prune(filter, f => f == "status");
        Assert.That(pruned, Is.TypeOf<RqlAnd>());
        Assert.That(((RqlAnd)pruned!).Children, Is.EqualTo(new[] { new RqlComparison("eq", "status", new RqlValue(RqlValueKind.Text, "pending")) }));
        Assert.That(RqlEvaluator.Prune(RqlParser.Parse("eq(stauts,x)").Filter, f => f == "status"), Is.Null);
    }
}
