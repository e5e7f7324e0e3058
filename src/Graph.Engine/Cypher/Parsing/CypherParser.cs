using System.Runtime.CompilerServices;
using Graph.Client;
using Graph.Engine.Cypher.Ast;
using Graph.Engine.Errors;

namespace Graph.Engine.Cypher.Parsing;

/// <summary>
/// Hand-written recursive-descent parser for openCypher (plus Neo4j 5 schema commands).
/// <see cref="Parse"/> returns the syntax tree or throws a <see cref="ClientException"/> with code
/// SyntaxError, phase CompileTime, the position of the offending token and a Neo4j-style message.
/// This file holds the token plumbing and error reporting; the grammar is split by area
/// (statements and clauses, patterns, expressions, schema commands).
/// </summary>
internal sealed partial class CypherParser
{
    /// <summary>Deepest nesting of expressions, patterns and subqueries accepted.</summary>
    public const int MaxNestingDepth = 500;

    private readonly string _text;
    private readonly List<Token> _tokens;
    private int _index;
    private int _depth;

    // What the parser looked for at the furthest token it failed to move past; feeds "expected ...".
    private readonly List<string> _expected = [];
    private int _expectedIndex = -1;

    private CypherParser(string text)
    {
        _text = text;
        _tokens = Lexer.Tokenize(text);
    }

    /// <summary>Parses one statement (an optional trailing ';' is allowed).</summary>
    public static Statement Parse(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var parser = new CypherParser(query);
        return parser.ParseStatementToEnd();
    }

    // ---- token plumbing ----------------------------------------------------------------------

    private Token Current => _tokens[_index];

    private Token Peek(int ahead) => _tokens[Math.Min(_index + ahead, _tokens.Count - 1)];

    private Token Previous => _tokens[Math.Max(0, _index - 1)];

    private Token Advance()
    {
        var token = Current;
        if (token.Kind != TokenKind.EndOfInput)
            _index++;
        return token;
    }

    /// <summary>Records that <paramref name="description"/> would have been accepted at the current token.</summary>
    private void Expecting(string description)
    {
        if (_index > _expectedIndex)
        {
            _expected.Clear();
            _expectedIndex = _index;
        }
        if (_index == _expectedIndex && !_expected.Contains(description))
            _expected.Add(description);
    }

    private bool AtKeyword(string keyword)
    {
        Expecting(Describe(keyword, static k => k.ToUpperInvariant()));
        return Current.IsKeyword(keyword);
    }

    private bool AtKeywords(string first, string second)
    {
        Expecting(Describe(first + " " + second, static k => k.ToUpperInvariant()));
        return Current.IsKeyword(first) && Peek(1).IsKeyword(second);
    }

    private bool AtSymbol(string symbol)
    {
        Expecting(Describe(symbol, static s => $"'{s}'"));
        return Current.IsSymbol(symbol);
    }

    // Descriptions are built once per keyword/symbol: the parser asks for them at nearly every token.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Descriptions = new();

    private static string Describe(string text, Func<string, string> format) => Descriptions.GetOrAdd(text, format);

    private bool AcceptKeyword(string keyword)
    {
        if (!AtKeyword(keyword))
            return false;
        Advance();
        return true;
    }

    private bool AcceptSymbol(string symbol)
    {
        if (!AtSymbol(symbol))
            return false;
        Advance();
        return true;
    }

    private Token ExpectKeyword(string keyword)
    {
        if (!AtKeyword(keyword))
            throw Unexpected();
        return Advance();
    }

    private Token ExpectSymbol(string symbol)
    {
        if (!AtSymbol(symbol))
            throw Unexpected();
        return Advance();
    }

    /// <summary>A name: identifier or back-quoted identifier (keywords allowed, e.g. property keys).</summary>
    private string ExpectName(string what)
    {
        Expecting(what);
        if (!Current.IsName)
            throw Unexpected();
        return Advance().Value;
    }

    private Variable ExpectVariable()
    {
        Expecting("a variable name");
        if (!Current.IsName || (Current.Kind == TokenKind.Identifier && ReservedWords.Contains(Current.Value)))
            throw Unexpected();
        var token = Advance();
        return new Variable(token.Position, token.Value);
    }

    /// <summary>
    /// The name after AS: exactly one name stands there, so a word that is reserved elsewhere (`RETURN n.x AS order`,
    /// `AS by`) is unambiguous and allowed, as in Neo4j; reading it back later still needs backticks where it would
    /// start a clause.
    /// </summary>
    private Variable ExpectAlias()
    {
        Expecting("a variable name");
        if (!Current.IsName)
            throw Unexpected();
        var token = Advance();
        return new Variable(token.Position, token.Value);
    }

    private bool AtVariable() =>
        Current.IsName && !(Current.Kind == TokenKind.Identifier && ReservedWords.Contains(Current.Value));

    /// <summary>The source text from <paramref name="start"/> to the end of the last consumed token.</summary>
    private string TextFrom(InputPosition start) => _text[start.Offset..Math.Max(start.Offset, Previous.End)];

    // ---- nesting guard -----------------------------------------------------------------------

    /// <summary>Counts one level of recursion; dispose to leave it. Fails cleanly instead of overflowing the stack.</summary>
    private NestingScope Nest()
    {
        _depth++;
        // The stack probe costs microseconds on Linux, so it runs every few levels only.
        if (_depth > MaxNestingDepth || (_depth % StackProbeInterval == 0 && !RuntimeHelpers.TryEnsureSufficientExecutionStack()))
            throw TooDeeplyNested();
        return new NestingScope(this);
    }

    // Chains of prefix operators (NOT NOT ..., - - ...) are read without recursion but count as nesting too:
    // everything after the parser walks the tree recursively.
    private NestingTooDeepException TooDeeplyNested() => new(SyntaxErrors.Format(_text, Current.Position,
        $"The query is nested too deeply (more than {MaxNestingDepth} levels of parentheses, lists, maps, patterns, subqueries or prefix operators); simplify it"))
    {
        Position = Current.Position,
        Phase = ErrorPhase.CompileTime,
        Detail = "UnexpectedSyntax",
    };

    private const int StackProbeInterval = 20;

    private readonly struct NestingScope(CypherParser parser) : IDisposable
    {
        public void Dispose() => parser._depth--;
    }

    // ---- errors ------------------------------------------------------------------------------

    /// <summary>"Invalid input 'X': expected A, B or C" at the current token.</summary>
    private ClientException Unexpected(string? detail = "UnexpectedSyntax")
    {
        var token = Current;
        var expected = _expectedIndex == _index && _expected.Count > 0 ? ": expected " + JoinAlternatives(_expected) : "";
        var message = token.Kind == TokenKind.EndOfInput
            ? $"Unexpected end of input{expected}"
            : $"Invalid input '{_text[token.Position.Offset..token.End]}'{expected}";
        return SyntaxErrors.At(_text, token.Position, message, detail);
    }

    private ClientException ErrorAt(InputPosition position, string message, string detail) =>
        SyntaxErrors.At(_text, position, message, detail);

    private static string JoinAlternatives(IReadOnlyList<string> items) =>
        items.Count == 1 ? items[0] : string.Join(", ", items.Take(items.Count - 1)) + " or " + items[^1];

    /// <summary>
    /// Words that cannot start an expression as a variable name (they start or continue clauses). BY and the sort
    /// directions are not here: they only ever follow ORDER or a sort expression, so where a variable can stand
    /// (`WITH 1 AS by RETURN by`, `ORDER BY desc DESC`) they cannot mean anything else, as in Neo4j.
    /// </summary>
    private static readonly HashSet<string> ReservedWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "MATCH", "OPTIONAL", "WHERE", "RETURN", "WITH", "UNWIND", "CREATE", "MERGE", "SET", "REMOVE", "DELETE",
        "DETACH", "CALL", "YIELD", "UNION", "ORDER", "SKIP", "LIMIT", "AS", "ON", "FOREACH", "AND", "OR", "XOR",
        "NOT", "IN", "STARTS", "ENDS", "CONTAINS", "IS", "DISTINCT", "CASE", "WHEN", "THEN", "ELSE", "END",
        "NULL", "TRUE", "FALSE",
    };
}
