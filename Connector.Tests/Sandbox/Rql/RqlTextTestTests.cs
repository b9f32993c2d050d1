using System.Text.Json.Nodes;
using Connector.Sandbox.Rql;
using NUnit.Framework;

namespace Connector.Tests.Sandbox.Rql;

/// <summary>
/// A leaf term compiled into a test of one string (how computed fields are filtered) answers what evaluating the term
/// on that value as JSON answers, for every operator, null(), empty(), ranges and patterns.
/// </summary>
[TestFixture]
[Category("Sandbox")]
public sealed class RqlTextTestTests
{
    private static readonly string?[] Values = [null, string.Empty, "active", "Active", "suspended", "2023-06-01T00:00:00+00:00", "2023-05-31T23:59:59+00:00", "10", "9", "AB-12", "true"];

    private static readonly string[] Terms =
    [
        "eq(f,active)", "eq(f,Active)", "ne(f,active)", "eq(f,null())", "ne(f,null())", "eq(f,empty())", "ne(f,empty())",
        "in(f,(active,suspended))", "out(f,(active,suspended))", "in(f,(null(),active))", "out(f,(null(),empty()))", "in(f,(empty(),x))",
        "gt(f,2023-06-01)", "ge(f,2023-06-01T00:00:00+00:00)", "lt(f,2023-06-01)", "le(f,suspended)", "gt(f,9)", "lt(f,10)",
        "gt(f,null())", "lt(f,empty())", "eq(f,10)", "eq(f,true)",
        "like(f,*ctiv*)", "ilike(f,*CTIV*)", "like(f,AB-*)", "ilike(f,ab*)", "like(f,*)",
    ];

    [Test]
    public void Every_term_on_every_value_answers_as_the_JSON_evaluation_does()
    {
        var disagreements = new List<string>();
        foreach (var term in Terms)
        {
            var leaf = RqlParser.Parse(term).Filter!;
            var test = RqlTextTest.Compile(leaf);
            foreach (var value in Values)
            {
                var expected = RqlEvaluator.MatchesLeaf(leaf, [value is null ? null : JsonValue.Create(value)]);
                if (test(value) != expected)
                {
                    disagreements.Add($"{term} on {(value is null ? "null" : "'" + value + "'")}: {test(value)}, JSON evaluation {expected}");
                }
            }
        }

        Assert.That(disagreements, Is.Empty);
    }

    private static readonly double?[] Numbers = [null, 1, 2, 9, 10, 1.5, -3, 0];

    private static readonly string[] NumberTerms =
    [
        "eq(f,1)", "eq(f,1.0)", "ne(f,2)", "eq(f,null())", "ne(f,null())", "eq(f,empty())", "ne(f,empty())", "eq(f,abc)",
        "in(f,(1,2))", "out(f,(1,10))", "in(f,(null(),2.0))", "out(f,(null(),empty()))", "in(f,(empty(),x))",
        "gt(f,9)", "ge(f,1.5)", "lt(f,10)", "le(f,-3)", "gt(f,abc)", "lt(f,2023-06-01)", "gt(f,null())", "lt(f,empty())",
        "like(f,1*)", "ilike(f,*0)", "like(f,*)",
    ];

    [Test]
    public void Every_term_on_every_number_answers_as_the_JSON_evaluation_does()
    {
        var disagreements = new List<string>();
        foreach (var term in NumberTerms)
        {
            var leaf = RqlParser.Parse(term).Filter!;
            var test = RqlTextTest.Compile(leaf, number: true);
            foreach (var value in Numbers)
            {
                var node = value is null ? null : value == Math.Floor(value.Value) ? JsonValue.Create((long)value.Value) : JsonValue.Create(value.Value);
                var expected = RqlEvaluator.MatchesLeaf(leaf, [node]);
                var text = node?.ToJsonString();
                if (test(text) != expected)
                {
                    disagreements.Add($"{term} on {text ?? "null"}: {test(text)}, JSON evaluation {expected}");
                }
            }
        }

        Assert.That(disagreements, Is.Empty);
    }
}
