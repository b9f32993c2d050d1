namespace Connector.Sandbox.Rql;

/// <summary>What the tokenizer saw: a bare word, a quoted value, one of the punctuation marks <c>( ) , &amp; | =</c>, or the end of the query.</summary>
internal enum RqlTokenKind
{
    Word,
    Quoted,
    OpenParen,
    CloseParen,
    Comma,
    Ampersand,
    Pipe,
    Equals,
    End,
}

/// <summary>One token of a decoded RQL query string.</summary>
/// <param name="Kind">What the token is.</param>
/// <param name="Text">The word or the unquoted content of a quoted value.</param>
/// <param name="Position">Offset in the decoded query, for error messages.</param>
internal readonly record struct RqlToken(RqlTokenKind Kind, string Text, int Position);
