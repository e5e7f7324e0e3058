using Graph.Client;

namespace Graph.Engine.Cypher.Parsing;

public enum TokenKind
{
    /// <summary>A name or keyword (keywords are not reserved by the lexer; the parser decides).</summary>
    Identifier,
    /// <summary>A back-quoted name: never a keyword.</summary>
    EscapedIdentifier,
    /// <summary>Decimal, hexadecimal (0x) or octal (0o) integer; <see cref="Token.Value"/> is the raw text.</summary>
    Integer,
    Float,
    /// <summary>Digits run into letters (e.g. 12ab): an error where an expression is expected.</summary>
    InvalidNumber,
    String,
    /// <summary>Punctuation and operators: ( ) [ ] { } , . .. : ; | + - * / % ^ = &lt;&gt; != &lt; &gt; &lt;= &gt;= =~ += $ &amp; ! (the last two in label expressions)</summary>
    Symbol,
    EndOfInput,
}

/// <summary>
/// One lexical token. <see cref="Value"/> is the decoded value (unescaped string or name); for symbols and
/// numbers it is the source text. <see cref="End"/> is the offset just past the token.
/// </summary>
public sealed record Token(TokenKind Kind, string Value, InputPosition Position, int End)
{
    public bool IsSymbol(string symbol) => Kind == TokenKind.Symbol && Value == symbol;

    /// <summary>True for an unquoted identifier equal to <paramref name="keyword"/>, ignoring case.</summary>
    public bool IsKeyword(string keyword) =>
        Kind == TokenKind.Identifier && string.Equals(Value, keyword, StringComparison.OrdinalIgnoreCase);

    public bool IsName => Kind is TokenKind.Identifier or TokenKind.EscapedIdentifier;
}
