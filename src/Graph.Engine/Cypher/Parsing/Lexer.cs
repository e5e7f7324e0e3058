using System.Globalization;
using System.Text;
using Graph.Client;

namespace Graph.Engine.Cypher.Parsing;

/// <summary>
/// Splits a Cypher query into tokens, skipping whitespace and comments (<c>//</c> to end of line, <c>/* */</c>).
/// Raises SyntaxErrors (via <see cref="SyntaxErrors"/>) for malformed literals.
/// </summary>
internal sealed class Lexer
{
    private readonly string _text;
    private int _offset;
    private int _line = 1;
    private int _lineStart;

    public Lexer(string text) => _text = text;

    public static List<Token> Tokenize(string text)
    {
        var lexer = new Lexer(text);
        var tokens = new List<Token>();
        Token token;
        do
        {
            token = lexer.Next();
            tokens.Add(token);
        } while (token.Kind != TokenKind.EndOfInput);
        return tokens;
    }

    private InputPosition PositionAt(int offset)
    {
        // Offsets handed in are always on the current line or later within the token being read.
        return new InputPosition(offset, _line, offset - _lineStart + 1);
    }

    private char Peek(int ahead = 0) => _offset + ahead < _text.Length ? _text[_offset + ahead] : '\0';

    private void Advance()
    {
        if (_text[_offset] == '\n')
        {
            _line++;
            _lineStart = _offset + 1;
        }
        _offset++;
    }

    private void SkipTrivia()
    {
        while (_offset < _text.Length)
        {
            var c = _text[_offset];
            if (char.IsWhiteSpace(c))
            {
                Advance();
            }
            else if (c == '/' && Peek(1) == '/')
            {
                while (_offset < _text.Length && _text[_offset] != '\n')
                    Advance();
            }
            else if (c == '/' && Peek(1) == '*')
            {
                var start = PositionAt(_offset);
                Advance();
                Advance();
                while (_offset < _text.Length && !(_text[_offset] == '*' && Peek(1) == '/'))
                    Advance();
                if (_offset >= _text.Length)
                    throw SyntaxErrors.At(_text, start, "Failed to parse comment. A comment starting with '/*' must also have a closing '*/'.", "UnexpectedSyntax");
                Advance();
                Advance();
            }
            else
            {
                break;
            }
        }
    }

    public Token Next()
    {
        SkipTrivia();
        var start = _offset;
        var position = PositionAt(start);
        if (_offset >= _text.Length)
            return new Token(TokenKind.EndOfInput, "", position, start);

        var c = _text[_offset];
        if (IsIdentifierStart(c))
        {
            while (_offset < _text.Length && IsIdentifierPart(_text[_offset]))
                Advance();
            return new Token(TokenKind.Identifier, _text[start.._offset], position, _offset);
        }
        if (c == '`')
            return ReadEscapedIdentifier(position);
        if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(Peek(1))))
            return ReadNumber(position);
        if (c is '\'' or '"')
            return ReadString(position);
        return ReadSymbol(position);
    }

    public static bool IsIdentifierStart(char c) => char.IsLetter(c) || c == '_' || char.GetUnicodeCategory(c) == UnicodeCategory.ConnectorPunctuation;

    public static bool IsIdentifierPart(char c) =>
        char.IsLetterOrDigit(c) || c == '_'
        || char.GetUnicodeCategory(c) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    private Token ReadEscapedIdentifier(InputPosition position)
    {
        var builder = new StringBuilder();
        Advance();
        while (true)
        {
            if (_offset >= _text.Length)
                throw SyntaxErrors.At(_text, position, "Failed to parse escaped name: missing closing '`'.", "UnexpectedSyntax");
            if (_text[_offset] == '`')
            {
                if (Peek(1) == '`')
                {
                    builder.Append('`');
                    Advance();
                    Advance();
                    continue;
                }
                Advance();
                break;
            }
            builder.Append(_text[_offset]);
            Advance();
        }
        return new Token(TokenKind.EscapedIdentifier, builder.ToString(), position, _offset);
    }

    private Token ReadNumber(InputPosition position)
    {
        var start = _offset;
        var kind = TokenKind.Integer;
        if (_text[_offset] == '0' && (Peek(1) is 'x' or 'X' or 'o' or 'O'))
        {
            var hex = Peek(1) is 'x' or 'X';
            Advance();
            Advance();
            var digitsStart = _offset;
            while (_offset < _text.Length && (hex ? char.IsAsciiHexDigit(_text[_offset]) : _text[_offset] is >= '0' and <= '7'))
                Advance();
            if (_offset == digitsStart)
                throw SyntaxErrors.At(_text, position, $"Invalid input '{_text[start.._offset]}': expected {(hex ? "hexadecimal" : "octal")} digits", "InvalidNumberLiteral");
        }
        else
        {
            while (char.IsAsciiDigit(Peek()))
                Advance();
            if (Peek() == '.' && char.IsAsciiDigit(Peek(1)))
            {
                kind = TokenKind.Float;
                Advance();
                while (char.IsAsciiDigit(Peek()))
                    Advance();
            }
            if (Peek() is 'e' or 'E' && (char.IsAsciiDigit(Peek(1)) || (Peek(1) is '-' or '+' && char.IsAsciiDigit(Peek(2)))))
            {
                kind = TokenKind.Float;
                Advance();
                if (Peek() is '-' or '+')
                    Advance();
                while (char.IsAsciiDigit(Peek()))
                    Advance();
            }
        }
        if (_offset < _text.Length && IsIdentifierPart(_text[_offset]))
        {
            var end = _offset;
            while (end < _text.Length && IsIdentifierPart(_text[end]))
                end++;
            while (_offset < end)
                Advance();
            return new Token(TokenKind.InvalidNumber, _text[start..end], position, end);
        }
        return new Token(kind, _text[start.._offset], position, _offset);
    }

    private Token ReadString(InputPosition position)
    {
        var quote = _text[_offset];
        var builder = new StringBuilder();
        Advance();
        while (true)
        {
            if (_offset >= _text.Length)
                throw SyntaxErrors.At(_text, position, $"Failed to parse string literal. The query must contain an even number of non-escaped quotes.", "UnexpectedSyntax");
            var c = _text[_offset];
            if (c == quote)
            {
                Advance();
                break;
            }
            if (c != '\\')
            {
                builder.Append(c);
                Advance();
                continue;
            }
            var escapePosition = PositionAt(_offset);
            Advance();
            var e = Peek();
            switch (e)
            {
                case '\\': builder.Append('\\'); break;
                case '\'': builder.Append('\''); break;
                case '"': builder.Append('"'); break;
                case 'b' or 'B': builder.Append('\b'); break;
                case 'f' or 'F': builder.Append('\f'); break;
                case 'n' or 'N': builder.Append('\n'); break;
                case 'r' or 'R': builder.Append('\r'); break;
                case 't' or 'T': builder.Append('\t'); break;
                case 'u' or 'U':
                {
                    var length = e == 'u' ? 4 : 8;
                    var digits = _offset + 1 + length <= _text.Length ? _text.Substring(_offset + 1, length) : _text[(_offset + 1)..];
                    if (digits.Length != length || !digits.All(char.IsAsciiHexDigit)
                        || !int.TryParse(digits, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code)
                        || code > 0x10FFFF)
                        throw SyntaxErrors.At(_text, escapePosition, $"Invalid input '\\{e}{digits.TakeWhile(char.IsAsciiHexDigit).Aggregate("", (s, ch) => s + ch)}': invalid unicode literal, expected {length} hexadecimal digits", "InvalidUnicodeLiteral");
                    builder.Append(char.ConvertFromUtf32(code is >= 0xD800 and <= 0xDFFF ? 0xFFFD : code));
                    for (var i = 0; i < length; i++)
                        Advance();
                    break;
                }
                default:
                    // Neo4j keeps unknown escapes verbatim.
                    builder.Append('\\');
                    continue;
            }
            Advance();
        }
        return new Token(TokenKind.String, builder.ToString(), position, _offset);
    }

    private static readonly string[] TwoCharSymbols = ["..", "<>", "!=", "<=", ">=", "=~", "+=", "->", "<-"];

    private Token ReadSymbol(InputPosition position)
    {
        var start = _offset;
        if (_offset + 1 < _text.Length)
        {
            var pair = _text.Substring(_offset, 2);
            // Arrows stay as separate '<' '-' / '-' '>' tokens so that 'a<-1' and patterns both work.
            if (pair is not ("->" or "<-") && TwoCharSymbols.Contains(pair))
            {
                Advance();
                Advance();
                return new Token(TokenKind.Symbol, pair, position, _offset);
            }
        }
        var c = _text[_offset];
        if ("()[]{},.:;|+-*/%^=<>$&!".Contains(c))
        {
            Advance();
            return new Token(TokenKind.Symbol, c.ToString(), position, _offset);
        }
        // Unicode dashes and angle brackets that openCypher accepts in patterns.
        var normalized = c switch
        {
            '\u00AD' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' or '\uFE58' or '\uFE63' or '\uFF0D' => "-",
            '\u27E8' or '\u3008' or '\uFE64' or '\uFF1C' => "<",
            '\u27E9' or '\u3009' or '\uFE65' or '\uFF1E' => ">",
            _ => null,
        };
        if (normalized is not null)
        {
            Advance();
            return new Token(TokenKind.Symbol, normalized, position, _offset);
        }
        var length = char.IsSurrogatePair(_text, start) ? 2 : 1;
        throw SyntaxErrors.At(_text, position, $"Invalid input '{_text.Substring(start, Math.Min(length, _text.Length - start))}'", "UnexpectedSyntax");
    }
}
