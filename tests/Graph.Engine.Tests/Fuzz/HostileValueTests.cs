using Graph.Client;

namespace Graph.Engine.Tests.Fuzz;

/// <summary>
/// Hostile parameter values (odd .NET types, extremes, broken Unicode) through the driver: each statement ends in a
/// result or a GraphException with a code, and whatever the store accepts reads back the same after a restart.
/// </summary>
public class HostileValueTests
{
    public static TheoryData<string, object?> Values() => new()
    {
        { "NUL and controls", "x\0y\u0001\u001F" },
        { "huge string", new string('é', 200_000) },
        { "NaN", double.NaN },
        { "negative zero", -0.0 },
        { "infinity", double.PositiveInfinity },
        { "long min", long.MinValue },
        { "int", 7 },
        { "float", 1.5f },
        { "decimal", 1.25m },
        { "byte", (byte)3 },
        { "ulong max", ulong.MaxValue },
        { "char", 'c' },
        { "guid", Guid.Empty },
        { "date time", new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc) },
        { "byte array", new byte[] { 1, 2, 3 } },
        { "int array", new[] { 1, 2, 3 } },
        { "nested lists", new List<object?> { new List<object?> { 1L, null }, new List<object?>() } },
        { "map of ints", new Dictionary<string, int> { ["a"] = 1 } },
        { "map with null key-ish", new Dictionary<string, object?> { [""] = null, ["\uD800"] = 1L } },
        { "arbitrary object", new Uri("http://example.org") },
        { "anonymous object", new { a = 1 } },
        { "mixed list", new List<object?> { 1L, "a", 2.5, true, null } },
        { "deep list", Deep(500) },
    };

    /// <summary>Strings that are not valid UTF-16 (a lone surrogate cannot be stored as UTF-8): refused when stored, never changed.</summary>
    /// <remarks>Written escaped: xUnit serializes theory data as UTF-8, which would turn a lone surrogate into U+FFFD.</remarks>
    public static TheoryData<string, string> BrokenUnicode() => new()
    {
        { "lone high surrogate", @"a\uD800b" },
        { "lone low surrogate", @"\uDC00" },
        { "lone surrogate in a list", @"ok \uD83D\uDE00, then \uDE00" },
    };

    [Theory]
    [MemberData(nameof(BrokenUnicode))]
    public async Task Strings_with_lone_surrogates_are_rejected_or_survive_a_restart(string kind, string escaped)
    {
        object value = System.Text.RegularExpressions.Regex.Unescape(escaped);
        if (kind.Contains("list", StringComparison.Ordinal)) value = new List<object?> { "fine", value };
        await Hostile_parameters_end_in_a_result_or_a_graph_exception_and_stored_values_survive_a_restart(kind, value);
        // Refused where it would be stored, naming the property, with a client error (the caller's value is at fault).
        await using var driver = EmbeddedDriver.InMemory();
        await using var session = driver.AsyncSession();
        var error = await Assert.ThrowsAsync<ClientException>(() => session.RunAsync("CREATE (n:V {quote: $v})", new Dictionary<string, object?> { ["v"] = value }));
        Assert.Equal(Neo4jStatus.ArgumentError, error.Code);
        Assert.Contains("Property 'quote'", error.Message);
        Assert.Contains("unpaired UTF-16 surrogate", error.Message);
        Assert.Equal(0L, (await session.RunAsync("MATCH (n) RETURN count(n) AS c")).Single()[0]);
    }

    private static readonly string[] Statements =
    [
        "RETURN $v AS v",
        "RETURN $v + 1 AS a, $v[0] AS b, size($v) AS c, toString($v) AS d, $v = $v AS e",
        "UNWIND $v AS x RETURN x",
        "CREATE (n:V {p: $v}) RETURN n.p AS p",
        "MERGE (n:V {p: $v}) RETURN n",
        "MATCH (n:V) WHERE n.p = $v OR n.p IN $v RETURN count(n) AS c",
        "MATCH (n:V) SET n += $v RETURN n",
        "WITH $v AS v ORDER BY v RETURN collect(v) AS c, min(v) AS mi, max(v) AS ma",
    ];

    [Theory]
    [MemberData(nameof(Values))]
    public async Task Hostile_parameters_end_in_a_result_or_a_graph_exception_and_stored_values_survive_a_restart(string kind, object? value)
    {
        var directory = Path.Combine(Path.GetTempPath(), "graph-hostile-" + Guid.NewGuid().ToString("N"));
        try
        {
            var stored = new List<object?>();
            await using (var driver = EmbeddedDriver.Open(directory, new EngineOptions { SyncOnCommit = false, QueryTimeout = TimeSpan.FromSeconds(5) }))
            {
                foreach (var statement in Statements)
                {
                    try
                    {
                        await using var session = driver.AsyncSession();
                        var result = await session.RunAsync(statement, new Dictionary<string, object?> { ["v"] = value });
                        foreach (var record in result.Records)
                            _ = record.ToString();
                    }
                    catch (GraphException e)
                    {
                        Assert.False(e.Code == Neo4jStatus.UnknownError, $"{kind}: '{statement}' failed inside the engine: {e.InnerException ?? e}");
                    }
                }
                await using var reader = driver.AsyncSession();
                stored.AddRange((await reader.RunAsync("MATCH (n:V) RETURN n.p AS p ORDER BY id(n)")).Records.Select(r => r[0]));
            }

            // Whatever was committed must read back identically after reopening the files.
            await using (var reopened = EmbeddedDriver.Open(directory, new EngineOptions { SyncOnCommit = false }))
            {
                await using var session = reopened.AsyncSession();
                var again = (await session.RunAsync("MATCH (n:V) RETURN n.p AS p ORDER BY id(n)")).Records.Select(r => r[0]).ToList();
                Assert.Equal(Describe(stored), Describe(again));
            }
        }
        finally
        {
            if (Directory.Exists(directory))
                Directory.Delete(directory, recursive: true);
        }
    }

    private static string Describe(IEnumerable<object?> values) =>
        string.Join("\n", values.Select(v => v is string s ? "string:" + string.Join(",", s.Select(c => ((int)c).ToString("x4"))) : ValueFormatter.ToDisplayString(v)));

    private static List<object?> Deep(int levels)
    {
        var list = new List<object?> { 1L };
        for (var i = 0; i < levels; i++)
            list = [list];
        return list;
    }
}
