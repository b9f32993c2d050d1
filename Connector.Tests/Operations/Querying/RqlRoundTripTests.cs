using System.Text;
using Connector.Core.Querying;
using Connector.Operations.Querying;
using NUnit.Framework;

namespace Connector.Tests.Operations.Querying;

/// <summary>
/// Decodes what the builder produced the way the server does (URL-decode the whole string) and checks with a tiny
/// quote-aware tokenizer that each term still holds exactly the intended arguments.
/// </summary>
[TestFixture]
public sealed class RqlRoundTripTests
{
    private static readonly string[] Values =
    [
        "plain", "Acme, Inc.", "x(y)", "a&b", "a|b;c", "k=v", "two  words", "O'Brien", "say \"hi\"", "100% sure", "#tag",
        "a+b", "café 日本", "null()", "empty()", ")", "(", ",", "\\", "a\\\"b", "2024-01-01T10:00:00+00:00", "x@y.z", "t",
    ];

    [TestCaseSource(nameof(Values))]
    public void A_comparison_keeps_its_single_argument(string value)
    {
        var encoded = RqlQueryBuilder.Build(QueryFilter.Where(new ComparisonExpression("name", "eq", [value])));
        var decoded = Uri.UnescapeDataString(encoded);
        var (name, arguments) = ParseTerm(decoded);
        Assert.That(name, Is.EqualTo("eq"));
        Assert.That(arguments, Is.EqualTo(new[] { "name", value }));
    }

    [Test]
    public void A_list_keeps_every_value()
    {
        var values = Values.Where(v => v.Length > 0).ToArray();
        var encoded = RqlQueryBuilder.Build(QueryFilter.Where(new ComparisonExpression("name", "in", values)));
        var (name, arguments) = ParseTerm(Uri.UnescapeDataString(encoded));
        Assert.That(name, Is.EqualTo("in"));
        Assert.That(arguments[0], Is.EqualTo("name"));
        var (listName, items) = ParseTerm("list" + arguments[1]);
        Assert.That(listName, Is.EqualTo("list"));
        Assert.That(items, Is.EqualTo(values));
    }

    [Test]
    public void Top_level_terms_split_only_on_ampersands_outside_quotes()
    {
        var filter = new QueryFilter(
            GroupExpression.And(new ComparisonExpression("name", "eq", ["a&b"]), new ComparisonExpression("note", "ne", ["x)&y"])),
            [new SortSpecification("created", SortDirection.Descending)],
            []);
        var decoded = Uri.UnescapeDataString(RqlQueryBuilder.AppendPage(RqlQueryBuilder.Build(filter), 10, 20));
        Assert.That(SplitOutsideQuotes(decoded, '&'), Is.EqualTo(new[] { "and(eq(name,\"a&b\"),ne(note,\"x)&y\"))", "ordering(-created)", "limit=10", "offset=20" }));
    }

    // name(arg,arg,...) where an arg is bare, "quoted", 'quoted' or a nested (...) kept as text.
    private static (string Name, List<string> Arguments) ParseTerm(string term)
    {
        var open = term.IndexOf('(', StringComparison.Ordinal);
        Assert.That(open, Is.GreaterThan(0), term);
        Assert.That(term[^1], Is.EqualTo(')'), term);
        var body = term[(open + 1)..^1];
        var arguments = SplitOutsideQuotes(body, ',').Select(Unquote).ToList();
        return (term[..open], arguments);
    }

    private static string Unquote(string argument) =>
        argument.Length >= 2 && (argument[0] == '"' || argument[0] == '\'') && argument[^1] == argument[0] ? argument[1..^1] : argument;

    private static List<string> SplitOutsideQuotes(string text, char separator)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        char? quote = null;
        var depth = 0;
        foreach (var c in text)
        {
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                depth--;
            }
            else if (c == separator && depth == 0)
            {
                parts.Add(current.ToString());
                current.Clear();
                continue;
            }

            current.Append(c);
        }

        Assert.That(quote, Is.Null, "unterminated quote in " + text);
        Assert.That(depth, Is.Zero, "unbalanced parentheses in " + text);
        parts.Add(current.ToString());
        return parts;
    }
}
