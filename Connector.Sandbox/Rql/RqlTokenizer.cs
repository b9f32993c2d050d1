using System.Text;

namespace Connector.Sandbox.Rql;

/// <summary>
/// Splits a decoded RQL query string into tokens. Delimiters are <c>( ) , &amp; | =</c>; a double-quoted value may
/// hold any of them (and spaces), with <c>\"</c> for a quote inside. Inside parentheses <c>=</c> is part of a word.
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
                case '"':
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
        c is '(' or ')' or ',' or '&' or '|' or '"' || (c == '=' && depth == 0);

    private static RqlToken ReadQuoted(string text, ref int i)
    {
        var start = i;
        i++;
        var builder = new StringBuilder();
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length && text[i + 1] == '"')
            {
                builder.Append('"');
                i += 2;
                continue;
            }

            if (c == '"')
            {
                i++;
                return new RqlToken(RqlTokenKind.Quoted, builder.ToString(), start);
            }

            builder.Append(c);
            i++;
        }

        throw new RqlSyntaxException($"Unterminated quoted value at position {start}.");
    }
}
