using System.Text;
using System.Text.RegularExpressions;

namespace Graph.Engine.Tests.Fuzz;

/// <summary>
/// Makes hostile Cypher from a seeded <see cref="Random"/>: token-level mutations of real (TCK) queries,
/// token soups, and well-formed expressions over random functions and values of every type.
/// Same seed, same queries.
/// </summary>
internal sealed partial class QueryMutator(Random random, IReadOnlyList<string> corpus, IReadOnlyList<(string Name, int MinArgs, int MaxArgs)> functions)
{
    private static readonly string[] Keywords =
    [
        "MATCH", "OPTIONAL MATCH", "WHERE", "RETURN", "WITH", "UNWIND", "AS", "CREATE", "MERGE", "ON CREATE SET", "ON MATCH SET",
        "SET", "REMOVE", "DELETE", "DETACH DELETE", "ORDER BY", "SKIP", "LIMIT", "DISTINCT", "UNION", "UNION ALL", "CALL", "YIELD",
        "EXISTS", "COUNT", "CASE", "WHEN", "THEN", "ELSE", "END", "AND", "OR", "XOR", "NOT", "IN", "IS NULL", "IS NOT NULL",
        "STARTS WITH", "ENDS WITH", "CONTAINS", "null", "true", "false", "*", "ALL", "ANY", "NONE", "SINGLE", "FOREACH",
        "shortestPath", "allShortestPaths", "DESC", "ASC", "count(*)", "collect", "reduce", "IN TRANSACTIONS", "USE", "LOAD CSV",
    ];

    private static readonly string[] Punctuation =
    [
        "(", ")", "[", "]", "{", "}", ",", ".", "..", ":", ";", "|", "-", "->", "<-", "--", "-[", "]-", "]->", "=", "<>", "<", ">",
        "<=", ">=", "+", "+=", "*", "/", "%", "^", "=~", "$", "$p", "`", "'", "\"", "\\", "/*", "*/", "//", "?", "!", "@", "#", "&",
    ];

    private static readonly string[] HugeNumbers =
    [
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "99999999999999999999999",
        "1e309", "-1e309", "1.7976931348623157e308", "4.9e-324", "0x7FFFFFFFFFFFFFFF", "0xFFFFFFFFFFFFFFFFF", "0o777777777777777777777777",
        "0", "-0", "-0.0", ".0", "1.", "1e", "0x", "00012", "1_000", "2147483648", "-2147483649", "1000000000",
    ];

    private static readonly string[] OddText =
    [
        "\0", "\uFEFF", "\uD800", "\uDFFF", "\U0001F600", "\u200F", "\u0301", "\u2028", "\u00A0", "\t", "\r", "\r\n", "\u000B",
        "é", "ﬁ", "Σ", "\uFFFF", "\u202E", "𝔘", "\\u", "\\uZZZZ", "\\", "\\'", "'\\", "\"\\",
    ];

    private static readonly string[] Unterminated = ["'", "\"", "`", "/*", "'abc", "\"abc\\", "`abc", "/* never closed", "'\\"];

    private static readonly string[] Literals =
    [
        "null", "true", "false", "0", "1", "-1", "42", "2.5", "-0.0", "'x'", "''", "'abc'", "[]", "[1, 2, 3]", "[null]", "['a', 1]",
        "{}", "{a: 1}", "{a: null, b: [1]}", "$p", "$list", "$map", "n", "r", "m", "p", "n.num", "n.name", "r.w", "nodes(p)",
        "relationships(p)", "[n, r]", "1e308", "9223372036854775807", "-9223372036854775808", "date('2020-01-01')", "duration('P1D')",
        "point({x: 1, y: 2})", "range(1, 3)", "labels(n)", "keys(n)",
    ];

    private static readonly string[] BinaryOperators =
    [
        "+", "-", "*", "/", "%", "^", "=", "<>", "<", ">", "<=", ">=", "AND", "OR", "XOR", "IN", "STARTS WITH", "ENDS WITH",
        "CONTAINS", "=~",
    ];

    /// <summary>1 to 3 mutations of a random corpus query.</summary>
    public string Mutate()
    {
        var query = Pick(corpus);
        var count = 1 + random.Next(3);
        for (var i = 0; i < count; i++)
            query = MutateOnce(query);
        return query;
    }

    private string MutateOnce(string query)
    {
        var tokens = Tokenize(query);
        if (tokens.Count == 0)
            return Soup();
        var at = random.Next(tokens.Count);
        switch (random.Next(14))
        {
            case 0:
                tokens.RemoveAt(at);
                break;
            case 1:
                tokens.Insert(at, tokens[at]);
                break;
            case 2:
                var other = random.Next(tokens.Count);
                (tokens[at], tokens[other]) = (tokens[other], tokens[at]);
                break;
            case 3:
                return query[..random.Next(query.Length + 1)];
            case 4:
                tokens.Insert(at, Pick(Punctuation));
                break;
            case 5:
                tokens.Insert(at, " " + Pick(Keywords) + " ");
                break;
            case 6:
                tokens[IndexOf(tokens, IsNumber) ?? at] = Pick(HugeNumbers);
                break;
            case 7:
                tokens.Insert(at, Pick(OddText));
                break;
            case 8:
                tokens.Insert(at, Pick(Unterminated));
                break;
            case 9:
                var target = IndexOf(tokens, t => IsNumber(t) || IsIdentifier(t)) ?? at;
                tokens[target] = Nest(tokens[target], 1 + random.Next(random.Next(2) == 0 ? 20 : 3000));
                break;
            case 10:
                var identifiers = tokens.Where(IsIdentifier).ToList();
                if (identifiers.Count > 0)
                    tokens[IndexOf(tokens, IsIdentifier) ?? at] = Pick(identifiers);
                break;
            case 11:
                tokens[IndexOf(tokens, t => IsNumber(t) || t.StartsWith('\'') || t.StartsWith('"')) ?? at] = Pick(Literals);
                break;
            case 12:
                var donor = Tokenize(Pick(corpus));
                var start = random.Next(donor.Count);
                tokens.InsertRange(at, donor.Skip(start).Take(1 + random.Next(8)));
                break;
            default:
                tokens.Insert(at, " " + Expression(2) + " ");
                break;
        }
        return string.Concat(tokens);
    }

    /// <summary>Random tokens glued together: almost always a syntax error, which must be a clean one.</summary>
    public string Soup()
    {
        var sb = new StringBuilder();
        var length = 1 + random.Next(40);
        for (var i = 0; i < length; i++)
        {
            sb.Append(random.Next(6) switch
            {
                0 or 1 => Pick(Keywords),
                2 => Pick(Punctuation),
                3 => Pick(Literals),
                4 => Pick(OddText),
                _ => Pick(["a", "n", "x", "`weird name`", "Label", ":T", "foo", "toUpper", "sum"]),
            });
            sb.Append(random.Next(4) == 0 ? "" : " ");
        }
        return sb.ToString();
    }

    /// <summary>A syntactically valid statement that evaluates random functions and operators on values of every type.</summary>
    public string ExpressionQuery()
    {
        var expression = Expression(1 + random.Next(3));
        return random.Next(5) switch
        {
            0 => $"WITH null AS n, null AS r, null AS m, null AS p RETURN {expression} AS v",
            1 => $"OPTIONAL MATCH p = (n)-[r]->(m) WITH n, r, m, p LIMIT 3 RETURN {expression} AS v",
            2 => $"MATCH (n) OPTIONAL MATCH p = (n)-[r]->(m) WITH n, r, m, p WHERE {expression} RETURN count(*) AS c",
            3 => $"UNWIND [1, 'a', null, [1], {{a: 1}}, 2.5, true] AS n WITH n, null AS r, null AS m, null AS p RETURN {expression} AS v ORDER BY v",
            _ => $"OPTIONAL MATCH p = (n)-[r]->(m) WITH n, r, m, p RETURN n.name AS k, collect({expression}) AS v ORDER BY k",
        };
    }

    private string Expression(int depth)
    {
        if (depth <= 0)
            return Pick(Literals);
        return random.Next(9) switch
        {
            0 or 1 or 2 => Call(Pick(functions), depth),
            3 or 4 => $"({Expression(depth - 1)} {Pick(BinaryOperators)} {Expression(depth - 1)})",
            5 => $"{Expression(depth - 1)}[{Expression(depth - 1)}]",
            6 => $"{Expression(depth - 1)}[{Pick(["", "1", "-1", "null", "'a'"])}..{Pick(["", "2", "-1", "null"])}]",
            7 => $"CASE {Expression(depth - 1)} WHEN {Expression(depth - 1)} THEN {Expression(depth - 1)} ELSE {Expression(depth - 1)} END",
            _ => $"[x IN {Expression(depth - 1)} WHERE {Pick(["x", "x > 1", "x IS NULL", "true"])} | {Pick(["x", "x + 1", "toString(x)", "x.a"])}]",
        };
    }

    /// <summary>A call with an argument count the function accepts (wrong counts are only syntax errors).</summary>
    private string Call((string Name, int MinArgs, int MaxArgs) function, int depth)
    {
        var count = function.MinArgs + random.Next(Math.Min(function.MaxArgs, function.MinArgs + 2) - function.MinArgs + 1);
        return $"{function.Name}({string.Join(", ", Enumerable.Range(0, count).Select(_ => Expression(depth - 1)))})";
    }

    private string Nest(string inner, int levels) => random.Next(4) switch
    {
        0 => new string('(', levels) + inner + new string(')', levels),
        1 => new string('[', levels) + inner + new string(']', levels),
        2 => string.Concat(Enumerable.Repeat("{a: ", levels)) + inner + new string('}', levels),
        // Capped: longer prefix chains overflow the analyzer's stack (DeepPrefixChainTests, skipped until fixed).
        _ => string.Concat(Enumerable.Repeat("-", Math.Min(levels, MaxPrefixChain))) + inner,
    };

    private const int MaxPrefixChain = 100;

    private int? IndexOf(List<string> tokens, Func<string, bool> predicate)
    {
        var matches = tokens.Select((t, i) => (t, i)).Where(x => predicate(x.t)).Select(x => x.i).ToList();
        return matches.Count == 0 ? null : matches[random.Next(matches.Count)];
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static bool IsNumber(string token) => token.Length > 0 && char.IsAsciiDigit(token[0]);

    private static bool IsIdentifier(string token) => token.Length > 0 && (char.IsLetter(token[0]) || token[0] == '_');

    /// <summary>Identifiers, numbers, quoted strings, whitespace runs and single punctuation characters; concatenating them gives the query back.</summary>
    public static List<string> Tokenize(string query) => TokenPattern().Matches(query).Select(m => m.Value).ToList();

    [GeneratedRegex(@"'(?:[^'\\]|\\.)*'?|""(?:[^""\\]|\\.)*""?|`[^`]*`?|[A-Za-z_][A-Za-z_0-9]*|\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|\s+|.", RegexOptions.Singleline)]
    private static partial Regex TokenPattern();
}
