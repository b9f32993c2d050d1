using System.Globalization;

namespace Connector.Sandbox.Rql;

/// <summary>
/// Parses a Connect query string. The whole string is URL-decoded first (so <c>%2C</c> does not protect a comma and
/// <c>+</c> stays a plus), then parsed: top-level terms joined by <c>&amp;</c> are and-ed, <c>|</c> or-s,
/// <c>f=v</c> is <c>eq(f,v)</c>, <c>limit</c>/<c>offset</c>/<c>ordering()</c>/<c>select()</c> are query-level terms.
/// </summary>
internal sealed class RqlParser
{
    private const int MaxOrderingFields = 5;

    private readonly List<RqlToken> tokens;
    private readonly RqlQuery query = new();
    private int position;

    private RqlParser(List<RqlToken> tokens) => this.tokens = tokens;

    /// <summary>Parses a raw (still percent-encoded) query string, with or without the leading <c>?</c>.</summary>
    public static RqlQuery ParseRaw(string? rawQuery)
    {
        if (string.IsNullOrEmpty(rawQuery))
        {
            return new RqlQuery();
        }

        var text = rawQuery[0] == '?' ? rawQuery[1..] : rawQuery;
        string decoded;
        try
        {
            decoded = Uri.UnescapeDataString(text);
        }
        catch (UriFormatException ex)
        {
            throw new RqlSyntaxException(ex.Message);
        }

        return Parse(decoded);
    }

    /// <summary>Parses an already decoded query string.</summary>
    public static RqlQuery Parse(string decoded)
    {
        var parser = new RqlParser(RqlTokenizer.Tokenize(decoded));
        return parser.ParseQuery();
    }

    private RqlToken Current => tokens[position];

    private RqlQuery ParseQuery()
    {
        var terms = new List<RqlNode>();
        while (Current.Kind != RqlTokenKind.End)
        {
            if (Current.Kind == RqlTokenKind.Ampersand)
            {
                position++;
                continue;
            }

            var term = ParseOr(topLevel: true);
            if (term is not null)
            {
                terms.Add(term);
            }

            if (Current.Kind is not (RqlTokenKind.Ampersand or RqlTokenKind.End))
            {
                throw Error($"Unexpected '{Current.Text}'");
            }
        }

        query.Filter = terms.Count switch
        {
            0 => null,
            1 => terms[0],
            _ => new RqlAnd(terms),
        };
        return query;
    }

    private RqlNode? ParseOr(bool topLevel)
    {
        var first = ParseAnd(topLevel);
        if (Current.Kind != RqlTokenKind.Pipe)
        {
            return first;
        }

        return new RqlOr(Series(first, RqlTokenKind.Pipe, () => ParseAnd(topLevel: false)));
    }

    private RqlNode? ParseAnd(bool topLevel)
    {
        // At top level '&' separates terms (handled by ParseQuery); inside parentheses it and-s.
        var first = ParsePrimary(topLevel);
        if (topLevel || Current.Kind != RqlTokenKind.Ampersand)
        {
            return first;
        }

        return new RqlAnd(Series(first, RqlTokenKind.Ampersand, () => ParsePrimary(topLevel: false)));
    }

    /// <summary><paramref name="first"/> and the terms <paramref name="next"/> parses after each <paramref name="separator"/>.</summary>
    private List<RqlNode> Series(RqlNode? first, RqlTokenKind separator, Func<RqlNode?> next)
    {
        var children = new List<RqlNode>();
        AddIfNotNull(children, first);
        while (Current.Kind == separator)
        {
            position++;
            AddIfNotNull(children, next());
        }

        return children;
    }

    private static void AddIfNotNull(List<RqlNode> list, RqlNode? node)
    {
        if (node is not null)
        {
            list.Add(node);
        }
    }

    private RqlNode? ParsePrimary(bool topLevel)
    {
        var token = Current;
        if (token.Kind == RqlTokenKind.OpenParen)
        {
            position++;
            var inner = ParseOr(topLevel: false);
            Expect(RqlTokenKind.CloseParen);
            return inner;
        }

        if (token.Kind != RqlTokenKind.Word)
        {
            throw Error($"Expected a term but found '{token.Text}'");
        }

        position++;
        if (Current.Kind == RqlTokenKind.Equals)
        {
            position++;
            var value = ParseScalar();
            return Shorthand(token.Text, value, topLevel);
        }

        var equals = token.Text.IndexOf('=', StringComparison.Ordinal);
        if (equals > 0)
        {
            return ParseInnerShorthand(token.Text[..equals], token.Text[(equals + 1)..]);
        }

        if (Current.Kind == RqlTokenKind.OpenParen)
        {
            return ParseCall(token.Text.ToLowerInvariant(), topLevel);
        }

        throw Error($"Unexpected term '{token.Text}'");
    }

    /// <summary>
    /// <c>f=v</c> inside parentheses, as in <c>(status=active)</c> or <c>and(status=active,type=purchase)</c>: the tokenizer
    /// keeps <c>=</c> inside a word there, so the word is split here. The value may follow as a quoted token
    /// (<c>(name="Acme, Inc.")</c>) or be <c>null()</c>/<c>empty()</c>.
    /// </summary>
    private RqlComparison ParseInnerShorthand(string field, string text)
    {
        if (text.Length == 0 && Current.Kind == RqlTokenKind.Quoted)
        {
            return new RqlComparison("eq", field, ParseScalar());
        }

        if (Current.Kind == RqlTokenKind.OpenParen && text.ToLowerInvariant() is "null" or "empty"
            && tokens[position + 1].Kind == RqlTokenKind.CloseParen)
        {
            position += 2;
            return new RqlComparison("eq", field, text.Equals("null", StringComparison.OrdinalIgnoreCase) ? RqlValue.NullValue : RqlValue.EmptyValue);
        }

        return new RqlComparison("eq", field, new RqlValue(RqlValueKind.Text, text));
    }

    private RqlNode? Shorthand(string name, RqlValue value, bool topLevel)
    {
        if (topLevel && name is "limit" or "offset")
        {
            var number = ParseNonNegative(name, value.Text);
            if (name == "limit")
            {
                query.Limit = number;
            }
            else
            {
                query.Offset = number;
            }

            return null;
        }

        return new RqlComparison("eq", name, value);
    }

    private static int ParseNonNegative(string name, string text)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            throw new RqlSyntaxException($"{name}: a non-negative integer is required.");
        }

        return number;
    }

    private RqlNode? ParseCall(string name, bool topLevel)
    {
        Expect(RqlTokenKind.OpenParen);
        switch (name)
        {
            case "and" or "or":
                return ParseGroup(name);
            case "not":
                return ParseNot();
            case "eq" or "ne" or "gt" or "ge" or "lt" or "le":
            {
                var field = ParseField();
                Expect(RqlTokenKind.Comma);
                var value = ParseValue();
                Expect(RqlTokenKind.CloseParen);
                return new RqlComparison(name, field, value);
            }

            case "like" or "ilike":
            {
                var field = ParseField();
                Expect(RqlTokenKind.Comma);
                var pattern = ParseScalar();
                Expect(RqlTokenKind.CloseParen);
                return new RqlSearch(name, field, pattern.Text);
            }

            case "in" or "out":
                return ParseList(name);
            case "ordering" or "select" or "limit":
                RequireTopLevel(name, topLevel);
                ParseQueryOption(name);
                return null;
            default:
                throw new RqlSyntaxException($"Unknown RQL operator '{name}'.");
        }
    }

    /// <summary>The children of and(...) or or(...), after the opening parenthesis.</summary>
    private RqlNode ParseGroup(string name)
    {
        var children = new List<RqlNode>();
        do
        {
            AddIfNotNull(children, ParseOr(topLevel: false));
        }
        while (Accept(RqlTokenKind.Comma));

        Expect(RqlTokenKind.CloseParen);
        return name == "and" ? new RqlAnd(children) : new RqlOr(children);
    }

    /// <summary>The one comparison, list or search term of not(...).</summary>
    private RqlNot ParseNot()
    {
        var start = Current.Position;
        var child = ParseOr(topLevel: false);
        if (child is not (RqlComparison or RqlList or RqlSearch))
        {
            throw new RqlSyntaxException($"not() takes one comparison, list or search term (position {start}).");
        }

        Expect(RqlTokenKind.CloseParen);
        return new RqlNot(child);
    }

    /// <summary>in(field,(a,b)) or in(field,a,b), after the opening parenthesis.</summary>
    private RqlList ParseList(string name)
    {
        var field = ParseField();
        Expect(RqlTokenKind.Comma);
        var values = new List<RqlValue>();
        var parenthesized = Accept(RqlTokenKind.OpenParen);
        do
        {
            values.Add(ParseValue());
        }
        while (Accept(RqlTokenKind.Comma));

        if (parenthesized)
        {
            Expect(RqlTokenKind.CloseParen);
        }

        Expect(RqlTokenKind.CloseParen);
        return new RqlList(name, field, values);
    }

    /// <summary>ordering(...), select(...) or limit(...): options of the whole query, not filter terms.</summary>
    private void ParseQueryOption(string name)
    {
        switch (name)
        {
            case "ordering":
                ParseOrdering();
                break;
            case "select":
                foreach (var item in ParseWordList())
                {
                    if (item.StartsWith('-'))
                    {
                        query.SelectExcluded.Add(item[1..]);
                    }
                    else
                    {
                        query.SelectIncluded.Add(item.TrimStart('+'));
                    }
                }

                break;
            default:
                query.Limit = ParseNonNegative("limit", ParseScalar().Text);
                if (Accept(RqlTokenKind.Comma))
                {
                    query.Offset = ParseNonNegative("offset", ParseScalar().Text);
                }

                Expect(RqlTokenKind.CloseParen);
                break;
        }
    }

    private void ParseOrdering()
    {
        if (query.Ordering.Count > 0)
        {
            throw new RqlSyntaxException("Only one ordering() is allowed.");
        }

        foreach (var item in ParseWordList())
        {
            var descending = item.StartsWith('-');
            var field = item.TrimStart('-', '+');
            query.Ordering.Add(new RqlOrdering(field, descending));
        }

        if (query.Ordering.Count > MaxOrderingFields)
        {
            throw new RqlSyntaxException($"ordering() takes at most {MaxOrderingFields} fields.");
        }
    }

    private static void RequireTopLevel(string name, bool topLevel)
    {
        if (!topLevel)
        {
            throw new RqlSyntaxException($"{name}() is only allowed as a top-level term.");
        }
    }

    private List<string> ParseWordList()
    {
        var items = new List<string>();
        if (Accept(RqlTokenKind.CloseParen))
        {
            return items;
        }

        do
        {
            var token = Current;
            if (token.Kind is not (RqlTokenKind.Word or RqlTokenKind.Quoted) || token.Text.Length == 0)
            {
                throw Error("Expected a field name");
            }

            position++;
            items.Add(token.Text);
        }
        while (Accept(RqlTokenKind.Comma));

        Expect(RqlTokenKind.CloseParen);
        return items;
    }

    private string ParseField()
    {
        var token = Current;
        if (token.Kind != RqlTokenKind.Word || token.Text.Length == 0)
        {
            throw Error("Expected a field name");
        }

        position++;
        return token.Text;
    }

    private RqlValue ParseValue()
    {
        var token = Current;
        if (token.Kind == RqlTokenKind.Word && tokens[position + 1].Kind == RqlTokenKind.OpenParen)
        {
            var name = token.Text.ToLowerInvariant();
            if (name is "null" or "empty" && tokens[position + 2].Kind == RqlTokenKind.CloseParen)
            {
                position += 3;
                return name == "null" ? RqlValue.NullValue : RqlValue.EmptyValue;
            }

            throw Error($"Unexpected function '{token.Text}' as a value");
        }

        return ParseScalar();
    }

    private RqlValue ParseScalar()
    {
        var token = Current;
        if (token.Kind is RqlTokenKind.Word or RqlTokenKind.Quoted)
        {
            position++;
            return new RqlValue(RqlValueKind.Text, token.Text);
        }

        // An empty unquoted value, as in eq(f,) or f=.
        if (token.Kind is RqlTokenKind.Comma or RqlTokenKind.CloseParen or RqlTokenKind.Ampersand or RqlTokenKind.End)
        {
            return new RqlValue(RqlValueKind.Text, string.Empty);
        }

        throw Error($"Expected a value but found '{token.Text}'");
    }

    private bool Accept(RqlTokenKind kind)
    {
        if (Current.Kind != kind)
        {
            return false;
        }

        position++;
        return true;
    }

    private void Expect(RqlTokenKind kind)
    {
        if (!Accept(kind))
        {
            throw Error($"Expected {kind} but found '{(Current.Kind == RqlTokenKind.End ? "end of query" : Current.Text)}'");
        }
    }

    private RqlSyntaxException Error(string message) =>
        new($"Invalid RQL: {message} at position {Current.Position}.");
}
