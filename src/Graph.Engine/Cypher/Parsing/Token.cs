using Graph.Client;

namespace Graph.Engine.Cypher.Parsing;

/// <summary>
/// One lexical token. <see cref="Value"/> is the decoded value (unescaped string or name); for symbols and
/// numbers it is the source text. <see cref="End"/> is the offset just past the token.
/// </summary>
internal sealed record Token(TokenKind Kind, string Value, InputPosition Position, int End)
{
    public bool IsSymbol(string symbol) => Kind == TokenKind.Symbol && Value == symbol;

    /// <summary>True for an unquoted identifier equal to <paramref name="keyword"/>, ignoring case.</summary>
    public bool IsKeyword(string keyword) =>
        Kind == TokenKind.Identifier && string.Equals(Value, keyword, StringComparison.OrdinalIgnoreCase);

    public bool IsName => Kind is TokenKind.Identifier or TokenKind.EscapedIdentifier;
}
