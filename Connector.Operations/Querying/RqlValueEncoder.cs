using System.Globalization;
using System.Text;
using Connector.Core.Querying;

namespace Connector.Operations.Querying;

/// <summary>
/// Writes RQL values and raw terms into a URL query string.
/// </summary>
/// <remarks>
/// <para>The Connect server URL-decodes the whole query string and then parses RQL, so percent-encoding does not
/// hide RQL metacharacters from the parser: quoting does. Two steps, in this order:</para>
/// <para><b>1. Quoting (RQL level).</b> A value is written bare when it is non-empty, consists only of ASCII letters,
/// digits and <c>_ - . : + @ * \</c>, does not start with <c>. : @</c> (the server's grammar does not allow those first),
/// and is not an RQL keyword (<c>t and or not eq ne gt ge lt le in out like ilike ordering select</c>; <c>t</c> opens a
/// tuple in CloudBlue's grammar). So ISO date-times (<c>2024-01-01T10:00:00+00:00</c>), e-mail addresses, ids,
/// numbers, <c>true</c> and <c>false</c> stay bare. Anything else (<c>, ( ) &amp; | ; = ' "</c>, blanks, <c>%</c>, <c>#</c>,
/// non-ASCII letters such as <c>é</c> or <c>日本</c>, the texts <c>null()</c> / <c>empty()</c>, ...) is wrapped in double
/// quotes. RQL has no escape inside quotes (<c>"[^"]*"</c> or <c>'[^']*'</c>), so a value holding <c>"</c> but no
/// <c>'</c> is wrapped in single quotes instead, and a value holding both cannot be written: that is an
/// <see cref="InvalidQueryFilterException"/> naming the field. An empty value is the constant <c>empty()</c> for
/// eq, ne, in and out, and <c>""</c> elsewhere. Backslashes and stars are kept as given: in like/ilike <c>*</c> is the
/// wildcard and <c>\*</c> the server's literal star, which is the user's business.</para>
/// <para><b>2. Percent-encoding (URL level)</b>, UTF-8, uppercase hex. Kept literal everywhere: ASCII letters,
/// digits and <c>- . _ ~ * : @ , ( ) = ' ! $ / ?</c>. Kept literal only in RQL syntax and raw terms: <c>&amp;</c>
/// (the term separator) and <c>;</c>. Everything else is encoded, notably blank → <c>%20</c> (never <c>+</c>),
/// <c>+</c> → <c>%2B</c>, <c>%</c> → <c>%25</c>, <c>#</c> → <c>%23</c>, <c>"</c> → <c>%22</c>, <c>\</c> → <c>%5C</c>,
/// <c>|</c> → <c>%7C</c>, non-ASCII → its UTF-8 bytes. Inside values <c>&amp;</c> → <c>%26</c> and <c>;</c> → <c>%3B</c>
/// as well: the value is quoted anyway, and a proxy or server that splits parameters before decoding cannot cut the
/// term. The result must be sent as is (the HTTP layer must not encode it again).</para>
/// </remarks>
internal static class RqlValueEncoder
{
    private const string BareValueCharacters = "_-.:+@*\\";
    private const string BareValueForbiddenFirst = ".:@";
    private const string UrlLiteral = "-._~*:@,()='!$/?";
    private const string SyntaxOnlyLiteral = "&;";

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "t", "and", "or", "not", "eq", "ne", "gt", "ge", "lt", "le", "in", "out", "like", "ilike", "ordering", "select",
    };

    /// <summary>RQL's null value, written unquoted: the null and notnull operators compare with it (<c>eq(field,null())</c>).</summary>
    public const string NullConstant = "null()";

    /// <summary>RQL's empty-string value, written unquoted: an empty operand of eq, ne, in or out becomes it.</summary>
    public const string EmptyConstant = "empty()";

    /// <summary>Writes a value, quoted when needed and percent-encoded.</summary>
    /// <param name="field">The field (for the error message).</param>
    /// <param name="value">The value as text; must not be null. An empty one becomes <c>empty()</c> with <paramref name="emptyAsConstant"/>, else a quoted empty string.</param>
    /// <param name="emptyAsConstant">Whether an empty value becomes <c>empty()</c> (eq, ne, in, out).</param>
    /// <exception cref="InvalidQueryFilterException">The value holds both kinds of quotes.</exception>
    public static string EncodeValue(string field, string value, bool emptyAsConstant)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0 && emptyAsConstant)
        {
            return EmptyConstant;
        }

        if (IsBare(value))
        {
            return Encode(value, inValue: true);
        }

        var quote = Quote(field, value);
        var encodedQuote = Encode(quote.ToString(), inValue: true);
        return encodedQuote + Encode(value, inValue: true) + encodedQuote;
    }

    /// <summary>Percent-encodes RQL syntax or a raw term: like values, but <c>&amp;</c> and <c>;</c> stay literal.</summary>
    public static string EncodeSyntax(string text) => Encode(text, inValue: false);

    /// <summary>Whether a value may be written without quotes.</summary>
    public static bool IsBare(string value)
    {
        if (value.Length == 0 || BareValueForbiddenFirst.Contains(value[0], StringComparison.Ordinal) || Keywords.Contains(value))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && !BareValueCharacters.Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static char Quote(string field, string value)
    {
        var hasDouble = value.Contains('"', StringComparison.Ordinal);
        var hasSingle = value.Contains('\'', StringComparison.Ordinal);
        if (hasDouble && hasSingle)
        {
            throw new InvalidQueryFilterException(
                [$"the value of field '{field}' contains both a double quote (\") and a single quote ('); RQL has no escape for quotes, so such a value cannot be sent"]);
        }

        return hasDouble ? '\'' : '"';
    }

    private static string Encode(string text, bool inValue)
    {
        var builder = new StringBuilder(text.Length + 8);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.IsAscii)
            {
                var c = (char)rune.Value;
                if (char.IsAsciiLetterOrDigit(c)
                    || UrlLiteral.Contains(c, StringComparison.Ordinal)
                    || (!inValue && SyntaxOnlyLiteral.Contains(c, StringComparison.Ordinal)))
                {
                    builder.Append(c);
                    continue;
                }
            }

            var count = rune.EncodeToUtf8(bytes);
            for (var i = 0; i < count; i++)
            {
                builder.Append('%').Append(bytes[i].ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
