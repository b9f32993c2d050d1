namespace Connector.Sandbox.Rql;

/// <summary>
/// Splits a decoded RQL query string into tokens. Delimiters are <c>( ) , &amp; | =</c>; a value quoted with double
/// or single quotes may hold any of them (and spaces). As in CloudBlue's grammar (lib-rql <c>QUOTED_VAL: /"[^"]*"/ | /'[^']*'/</c>)
/// there is no escape inside quotes: a value holding a double quote is single-quoted, and the reverse.
/// Inside parentheses <c>=</c> is part of a word.
/// </summary>
internal static class RqlTokenizer
{
    public static List<RqlToken> Tokenize(string text)
    {
        var tokens = new List<RqlToken>();
        var depth = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            switch (c)
            {
                case '(':
                    depth++;
                    tokens.Add(new RqlToken(RqlTokenKind.OpenParen, "(", i++));
                    continue;
                case ')':
                    depth--;
                    tokens.Add(new RqlToken(RqlTokenKind.CloseParen, ")", i++));
                    continue;
                case ',':
                    tokens.Add(new RqlToken(RqlTokenKind.Comma, ",", i++));
                    continue;
                case '&':
                    tokens.Add(new RqlToken(RqlTokenKind.Ampersand, "&", i++));
                    continue;
                case '|':
                    tokens.Add(new RqlToken(RqlTokenKind.Pipe, "|", i++));
                    continue;
                case '=' when depth == 0:
                    tokens.Add(new RqlToken(RqlTokenKind.Equals, "=", i++));
                    continue;
                case '"' or '\'':
                    tokens.Add(ReadQuoted(text, ref i));
                    continue;
            }

            var start = i;
            while (i < text.Length && !IsDelimiter(text[i], depth))
            {
                i++;
            }

            tokens.Add(new RqlToken(RqlTokenKind.Word, text[start..i], start));
        }

        tokens.Add(new RqlToken(RqlTokenKind.End, string.Empty, text.Length));
        return tokens;
    }

    private static bool IsDelimiter(char c, int depth) =>
        c is '(' or ')' or ',' or '&' or '|' or '"' or '\'' || (c == '=' && depth == 0);

    private static RqlToken ReadQuoted(string text, ref int i)
    {
        var start = i;
        var quote = text[i];
        var end = text.IndexOf(quote, i + 1);
        if (end < 0)
        {
            throw new RqlSyntaxException($"Unterminated quoted value at position {start}.");
        }

        i = end + 1;
        return new RqlToken(RqlTokenKind.Quoted, text[(start + 1)..end], start);
    }
}
