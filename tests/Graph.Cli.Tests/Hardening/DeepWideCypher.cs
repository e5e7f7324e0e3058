using System.Globalization;
using System.Text;

namespace Graph.Cli.Tests.Hardening;

/// <summary>
/// Generates deep and wide Cypher from a seed: clause chains, nested expressions, long lists and maps, UNION chains,
/// cartesian products and variable-length patterns over the fixture's dense graph, values that grow without bound. Each
/// statement is tagged with its kind for the report. The same seed gives the same statements.
/// </summary>
public sealed class DeepWideCypher(int seed)
{
    private readonly Random _random = new(seed);

    public IEnumerable<(string Kind, string Statement, bool AsEditor)> Generate()
    {
        foreach (var length in new[] { 1, 10, 300, 1999, 2001, 8000, 30000 }) yield return ("clause chain", ClauseChain(length), false);
        foreach (var depth in new[] { 10, 200, 499, 501, 4000 })
        {
            yield return ("nested parentheses", "RETURN " + new string('(', depth) + "1" + new string(')', depth) + " AS v", false);
            yield return ("nested lists", "RETURN " + new string('[', depth) + new string(']', depth) + " AS v", false);
            yield return ("nested maps", "RETURN " + string.Concat(Enumerable.Repeat("{a: ", depth)) + "1" + new string('}', depth) + " AS v", false);
            yield return ("nested CASE", "RETURN " + string.Concat(Enumerable.Repeat("CASE WHEN true THEN ", depth)) + "1" + string.Concat(Enumerable.Repeat(" END", depth)) + " AS v", false);
            yield return ("nested comprehensions", "RETURN " + string.Concat(Enumerable.Repeat("[x IN [1, 2] | ", depth)) + "x" + new string(']', depth) + " AS v", false);
            yield return ("nested EXISTS", "MATCH (n:D {i: 0}) WHERE " + string.Concat(Enumerable.Repeat("EXISTS { MATCH (n)-[:L]->(m) WHERE ", Math.Min(depth, 600))) + "true" + new string('}', Math.Min(depth, 600)) + " RETURN n.i", false);
        }
        foreach (var length in new[] { 100, 3000, 30000 })
        {
            yield return ("chain of +", "RETURN " + string.Join(" + ", Enumerable.Repeat("1", length)) + " AS v", false);
            yield return ("chain of AND", "MATCH (n:D) WHERE " + string.Join(" AND ", Enumerable.Range(0, length).Select(i => $"n.i <> {i + 1000}")) + " RETURN count(n)", false);
            yield return ("chain of NOT", "RETURN " + string.Concat(Enumerable.Repeat("NOT ", length)) + "true AS v", false);
            yield return ("UNION chain", string.Join(" UNION ", Enumerable.Range(0, length / 10).Select(i => $"RETURN {i % 7} AS x")), false);
        }
        yield return ("long list", "RETURN size([" + string.Join(",", Enumerable.Range(0, 50_000)) + "]) AS n", false);
        yield return ("long map", "RETURN size(keys({" + string.Join(",", Enumerable.Range(0, 5000).Select(i => $"k{i}: {i}")) + "})) AS n", false);
        yield return ("long string", "RETURN size('" + new string('x', 1_000_000) + "') AS n", false);
        foreach (var k in new[] { 2, 3, 6 })
            yield return ("cartesian product", "MATCH " + string.Join(", ", Enumerable.Range(0, k).Select(i => $"(n{i}:D)")) + (k < 4 ? " RETURN n0, n1" : " RETURN count(*)"), false);
        foreach (var hops in new[] { 2, 6 })
        {
            yield return ("variable-length", $"MATCH (a:D {{i: {_random.Next(30)}}})-[:L*1..{hops}]->(b) RETURN count(*) AS n", false);
            yield return ("variable-length paths", $"MATCH p = (a:D {{i: {_random.Next(30)}}})-[:L*{hops}]->(b) RETURN p LIMIT 100000", false);
        }
        yield return ("variable-length, unbounded", "MATCH (a:D {i: 1})-[:L*]->(b) RETURN count(*) AS n", false);
        yield return ("all shortest paths", "MATCH (a:D {i: 1}), (b:D {i: 2}) MATCH p = allShortestPaths((a)-[:L*..6]-(b)) RETURN count(p) AS n", false);
        yield return ("pattern comprehension", "MATCH (a:D) RETURN a.i, size([(a)-[:L*1..3]->(b) | b.i]) AS n", false);
        foreach (var hoard in Hoards()) yield return ("memory", hoard, false);
        yield return ("deep value", "WITH reduce(acc = [], x IN range(1, 50000) | [acc]) AS v RETURN v = v AS same", false);
        yield return ("deep value returned", "RETURN reduce(acc = {}, x IN range(1, 50000) | {a: acc}) AS v", false);
        yield return ("writes, too many clauses", string.Concat(Enumerable.Range(0, 5000).Select(i => $"CREATE (:Fuzz {{i: {i}}}) ")), true);
        yield return ("writes, too much", "UNWIND range(1, 2000000) AS i CREATE (:Fuzz {i: i, s: 'fuzz ' + toString(i)})", true);
        yield return ("writes, as reader", "UNWIND range(1, 10) AS i CREATE (:Fuzz {i: i})", false);
        for (var i = 0; i < 6; i++) yield return ("random chain", RandomChain(_random.Next(2, 60)), false);
    }

    private static IEnumerable<string> Hoards() =>
    [
        "UNWIND range(1, 40000000) AS x RETURN x ORDER BY x DESC",
        "UNWIND range(1, 40000000) AS x RETURN collect(x) AS xs",
        "UNWIND range(1, 40000000) AS x WITH DISTINCT x RETURN count(*)",
        "RETURN range(1, 2000000000) AS r",
        "RETURN [x IN range(1, 100000000) | toString(x)] AS xs",
        "WITH 'ab' AS s RETURN reduce(acc = s, x IN range(1, 64) | acc + acc) AS s",
        "MATCH (a:D), (b:D), (c:D) RETURN collect([a, b, c]) AS triples",
        "MATCH (a:D)-[:L*1..3]->(b) RETURN a, b ORDER BY b.i",
    ];

    private static string ClauseChain(int length)
    {
        var sb = new StringBuilder("WITH 1 AS x ");
        for (var i = 0; i < length; i++) sb.Append(i % 3 == 2 ? "WITH x WHERE x > 0 " : "WITH x ");
        return sb.Append("RETURN x").ToString();
    }

    /// <summary>A random but valid chain of reading clauses over the dense graph, ending in an aggregate.</summary>
    private string RandomChain(int length)
    {
        var sb = new StringBuilder("MATCH (n0:D) ");
        var vars = new List<string> { "n0" };
        for (var i = 1; i <= length; i++)
        {
            var v = "n" + i.ToString(CultureInfo.InvariantCulture);
            var prev = vars[_random.Next(vars.Count)];
            switch (_random.Next(6))
            {
                case 0: sb.Append($"MATCH ({prev})-[:L]->({v}:D) "); vars.Add(v); break;
                case 1: sb.Append($"OPTIONAL MATCH ({prev})<-[:L]-({v}) WHERE {v}.i < {_random.Next(30)} "); vars.Add(v); break;
                case 2: sb.Append($"UNWIND range(1, {_random.Next(1, 4)}) AS {v} "); vars.Add(v); break;
                case 3: sb.Append($"WITH {string.Join(", ", vars)} WHERE {prev} IS NOT NULL "); break;
                case 4: sb.Append($"WITH {string.Join(", ", vars)} ORDER BY {prev} LIMIT {_random.Next(1, 1000)} "); break;
                default: sb.Append($"CALL {{ WITH {prev} RETURN count(*) AS {v} }} "); vars.Add(v); break;
            }
        }
        return sb.Append("RETURN count(*) AS n").ToString();
    }
}
