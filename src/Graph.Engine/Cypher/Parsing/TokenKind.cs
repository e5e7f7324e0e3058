using Graph.Client;

namespace Graph.Engine.Cypher.Parsing;

internal enum TokenKind
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
