using Connector.Core.Querying;
using Connector.Operations.Querying;
using NUnit.Framework;

namespace Connector.Tests.Operations.Querying;

[TestFixture]
public sealed class RqlValueEncoderTests
{
    // value -> (encoded term, decoded term) for eq(name,value)
    [TestCase("pending", "eq(name,pending)", "eq(name,pending)")]
    [TestCase("Acme, Inc.", "eq(name,%22Acme,%20Inc.%22)", "eq(name,\"Acme, Inc.\")")]
    [TestCase("a,b", "eq(name,%22a,b%22)", "eq(name,\"a,b\")")]
    [TestCase("x(y)", "eq(name,%22x(y)%22)", "eq(name,\"x(y)\")")]
    [TestCase("a&b", "eq(name,%22a%26b%22)", "eq(name,\"a&b\")")]
    [TestCase("a|b", "eq(name,%22a%7Cb%22)", "eq(name,\"a|b\")")]
    [TestCase("a;b", "eq(name,%22a%3Bb%22)", "eq(name,\"a;b\")")]
    [TestCase("a=b", "eq(name,%22a=b%22)", "eq(name,\"a=b\")")]
    [TestCase("two words", "eq(name,%22two%20words%22)", "eq(name,\"two words\")")]
    [TestCase("O'Brien", "eq(name,%22O'Brien%22)", "eq(name,\"O'Brien\")")]
    [TestCase("say \"hi\"", "eq(name,'say%20%22hi%22')", "eq(name,'say \"hi\"')")]
    [TestCase("C:\\temp", "eq(name,C:%5Ctemp)", "eq(name,C:\\temp)")]
    [TestCase("a\\b c", "eq(name,%22a%5Cb%20c%22)", "eq(name,\"a\\b c\")")]
    [TestCase("100%", "eq(name,%22100%25%22)", "eq(name,\"100%\")")]
    [TestCase("#1", "eq(name,%22%231%22)", "eq(name,\"#1\")")]
    [TestCase("a+b", "eq(name,a%2Bb)", "eq(name,a+b)")]
    [TestCase("café", "eq(name,%22caf%C3%A9%22)", "eq(name,\"café\")")]
    [TestCase("日本", "eq(name,%22%E6%97%A5%E6%9C%AC%22)", "eq(name,\"日本\")")]
    [TestCase("", "eq(name,empty())", "eq(name,empty())")]
    [TestCase("null()", "eq(name,%22null()%22)", "eq(name,\"null()\")")]
    [TestCase("empty()", "eq(name,%22empty()%22)", "eq(name,\"empty()\")")]
    [TestCase("null", "eq(name,null)", "eq(name,null)")]
    [TestCase("true", "eq(name,true)", "eq(name,true)")]
    [TestCase("false", "eq(name,false)", "eq(name,false)")]
    [TestCase("t", "eq(name,%22t%22)", "eq(name,\"t\")")]
    [TestCase("and", "eq(name,%22and%22)", "eq(name,\"and\")")]
    [TestCase("-5", "eq(name,-5)", "eq(name,-5)")]
    [TestCase("1.5", "eq(name,1.5)", "eq(name,1.5)")]
    [TestCase(".5", "eq(name,%22.5%22)", "eq(name,\".5\")")]
    [TestCase("@home", "eq(name,%22@home%22)", "eq(name,\"@home\")")]
    [TestCase("2024-01-01T10:00:00+00:00", "eq(name,2024-01-01T10:00:00%2B00:00)", "eq(name,2024-01-01T10:00:00+00:00)")]
    [TestCase("2024-01-01T10:00:00Z", "eq(name,2024-01-01T10:00:00Z)", "eq(name,2024-01-01T10:00:00Z)")]
    [TestCase("john.doe@example.com", "eq(name,john.doe@example.com)", "eq(name,john.doe@example.com)")]
    [TestCase("john.doe+tag@example.com", "eq(name,john.doe%2Btag@example.com)", "eq(name,john.doe+tag@example.com)")]
    [TestCase("PR-1234-5678-9012-001", "eq(name,PR-1234-5678-9012-001)", "eq(name,PR-1234-5678-9012-001)")]
    [TestCase("a\tb", "eq(name,%22a%09b%22)", "eq(name,\"a\tb\")")]
    public void Quotes_and_encodes_eq_values(string value, string encoded, string decoded)
    {
        var expression = new ComparisonExpression("name", "eq", [value]);
        Assert.That(RqlQueryBuilder.Build(QueryFilter.Where(expression)), Is.EqualTo(encoded));
        Assert.That(Uri.UnescapeDataString(RqlQueryBuilder.Build(QueryFilter.Where(expression))), Is.EqualTo(decoded));
        Assert.That(Uri.UnescapeDataString(encoded), Is.EqualTo(decoded));
    }

    [TestCase("*Acme*", "like(name,*Acme*)")]
    [TestCase("Acme*", "like(name,Acme*)")]
    [TestCase("*Acme Inc*", "like(name,%22*Acme%20Inc*%22)")]
    [TestCase("*a,b*", "like(name,%22*a,b*%22)")]
    [TestCase("5\\*", "like(name,5%5C*)")]
    public void Passes_like_wildcards_through(string pattern, string expected)
    {
        Assert.That(RqlQueryBuilder.Build(QueryFilter.Where(new ComparisonExpression("name", "like", [pattern]))), Is.EqualTo(expected));
    }

    [Test]
    public void Writes_empty_values_as_the_empty_constant_only_for_equality_and_lists()
    {
        Assert.That(RqlQueryBuilder.Build(QueryFilter.Where(new ComparisonExpression("name", "ne", [string.Empty]))), Is.EqualTo("ne(name,empty())"));
        Assert.That(RqlQueryBuilder.Build(QueryFilter.Where(new ComparisonExpression("name", "out", ["a", string.Empty]))), Is.EqualTo("out(name,(a,empty()))"));
        Assert.That(RqlQueryBuilder.Build(QueryFilter.Where(new ComparisonExpression("name", "gt", [string.Empty]))), Is.EqualTo("gt(name,%22%22)"));
        Assert.That(RqlQueryBuilder.Build(QueryFilter.Where(new ComparisonExpression("name", "like", [string.Empty]))), Is.EqualTo("like(name,%22%22)"));
    }

    [Test]
    public void Refuses_a_value_with_both_quote_characters_naming_the_field()
    {
        var expression = new ComparisonExpression("asset/name", "eq", ["it's \"x\""]);
        var ex = Assert.Throws<InvalidQueryFilterException>(() => RqlQueryBuilder.Build(QueryFilter.Where(expression)));
        Assert.That(ex!.Problems, Has.Count.EqualTo(1));
        Assert.That(ex.Problems[0], Does.Contain("'asset.name'").And.Contain("both a double quote"));
    }

    [Test]
    public void Encodes_raw_terms_for_the_url_but_keeps_ampersands()
    {
        Assert.That(RqlValueEncoder.EncodeSyntax("eq(a,1)&eq(b,\"x y+z%\")"), Is.EqualTo("eq(a,1)&eq(b,%22x%20y%2Bz%25%22)"));
    }

    [Test]
    public void Encoded_output_only_holds_url_safe_characters()
    {
        var values = new[] { "a b", "x&y", "#", "%", "+", "é", "\"", "'", "\\", "|", "[]{}<>^`", "\r\n" };
        foreach (var value in values)
        {
            var quoted = value.Contains('"', StringComparison.Ordinal) && value.Contains('\'', StringComparison.Ordinal);
            if (quoted)
            {
                continue;
            }

            var encoded = RqlValueEncoder.EncodeValue("f", value, emptyAsConstant: true);
            Assert.That(encoded, Does.Match("^[A-Za-z0-9\\-._~*:@,()='!$/?%]+$"), value);
        }
    }
}
