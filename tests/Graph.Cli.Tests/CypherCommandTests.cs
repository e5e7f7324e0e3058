using System.Text.Json;

namespace Graph.Cli.Tests;

/// <summary>`graph cypher`: output shapes, parameters and syntax errors.</summary>
[Collection(CliCollection.Name)]
public sealed class CypherCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private string Db => _temp["db"];

    public void Dispose() => _temp.Dispose();

    private const string SmallGraph = "CREATE (:Person {name: 'Ana', age: 41})-[:KNOWS {since: 2001}]->(:Person:Expert {name: 'Bo'})";

    [Fact]
    public async Task Table_output_shows_columns_values_and_a_summary()
    {
        var created = await Cli.Succeeds("cypher", SmallGraph, "--db", Db);
        Assert.Contains("nodes created: 2", created.Out);

        var run = await Cli.Succeeds("cypher", "MATCH (p:Person) RETURN p.name AS name, p.age AS age ORDER BY name", "--db", Db);
        var header = run.Out.Split('\n').First(l => l.Contains("name"));
        Assert.Contains("age", header);
        Assert.Contains("Ana", run.Out);
        Assert.Contains("41", run.Out);
        Assert.Contains("2 rows", run.Out);
    }

    [Fact]
    public async Task Json_output_is_one_array_of_objects_with_nodes_relationships_and_paths()
    {
        await Cli.Succeeds("cypher", SmallGraph, "--db", Db);
        var run = await Cli.Succeeds("cypher", "MATCH p = (a)-[r:KNOWS]->(b) RETURN a, r, b, p, [1, 'x', null] AS list, 2.5 AS f", "--format", "json", "--db", Db);

        using var document = JsonDocument.Parse(run.Out);
        var row = Assert.Single(document.RootElement.EnumerateArray().ToList());
        Assert.Equal(["a", "r", "b", "p", "list", "f"], row.EnumerateObject().Select(p => p.Name));

        var a = row.GetProperty("a");
        Assert.Equal(["elementId", "labels", "properties"], a.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(["Person"], a.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal("Ana", a.GetProperty("properties").GetProperty("name").GetString());
        Assert.Equal("41", a.GetProperty("properties").GetProperty("age").GetRawText());
        var b = row.GetProperty("b");
        Assert.Equal(["Expert", "Person"], b.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!).Order());

        var r = row.GetProperty("r");
        Assert.Equal(["elementId", "endNodeElementId", "properties", "startNodeElementId", "type"], r.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("KNOWS", r.GetProperty("type").GetString());
        Assert.Equal(a.GetProperty("elementId").GetString(), r.GetProperty("startNodeElementId").GetString());
        Assert.Equal(b.GetProperty("elementId").GetString(), r.GetProperty("endNodeElementId").GetString());
        Assert.Equal(2001, r.GetProperty("properties").GetProperty("since").GetInt64());

        var path = row.GetProperty("p").EnumerateArray().ToList();
        Assert.Equal(3, path.Count);
        Assert.Equal(a.GetProperty("elementId").GetString(), path[0].GetProperty("elementId").GetString());
        Assert.Equal("KNOWS", path[1].GetProperty("type").GetString());
        Assert.Equal(b.GetProperty("elementId").GetString(), path[2].GetProperty("elementId").GetString());

        Assert.Equal("[1,\"x\",null]", JsonSerializer.Serialize(row.GetProperty("list")));
        Assert.Equal(2.5, row.GetProperty("f").GetDouble());
    }

    [Fact]
    public async Task Csv_output_has_a_header_row_and_quotes_fields_that_need_it()
    {
        var run = await Cli.Succeeds("cypher", "UNWIND [1, 2] AS i RETURN i, 'a,b' AS text, null AS nothing", "--format", "csv", "--db", Db);
        var lines = run.Out.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal(["i,text,nothing", "1,\"a,b\",", "2,\"a,b\","], lines);
    }

    private const string TemporalQuery =
        "CREATE (m:Meeting {on: date('2013-11-06'), opens: localtime('09:30'), at: time('09:30-03:00'), starts: localdatetime('2013-11-06T09:30:15.5'), " +
        "zoned: datetime('2013-11-06T09:30[America/Santiago]'), lasts: duration('PT8H30M')}) " +
        "RETURN m.on AS day, m.opens AS opens, m.at AS at, m.starts AS begins, m.zoned AS zoned, m.lasts AS lasts";

    private static readonly string[] TemporalTexts =
        ["2013-11-06", "09:30", "09:30-03:00", "2013-11-06T09:30:15.500", "2013-11-06T09:30-03:00[America/Santiago]", "PT8H30M"];

    [Fact]
    public async Task Temporal_values_print_as_iso_text_in_every_format()
    {
        var json = await Cli.Succeeds("cypher", TemporalQuery, "--format", "json", "--db", Db);
        var row = JsonDocument.Parse(json.Out).RootElement[0];
        Assert.Equal(TemporalTexts, row.EnumerateObject().Select(p => p.Value.GetString()!).ToArray());

        var csv = await Cli.Succeeds("cypher", "MATCH (m:Meeting) RETURN m.on AS day, m.opens AS opens, m.at AS at, m.starts AS begins, m.zoned AS zoned, m.lasts AS lasts", "--format", "csv", "--db", Db);
        Assert.Equal(["day,opens,at,begins,zoned,lasts", string.Join(',', TemporalTexts)], csv.Out.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')));

        var table = await Cli.Succeeds("cypher", "MATCH (m:Meeting) RETURN m.on AS day, m.lasts AS lasts, m.on + m.lasts AS later", "--db", Db);
        Assert.Contains("2013-11-06", table.Out);
        Assert.Contains("PT8H30M", table.Out);
        Assert.Contains("1 row", table.Out);
    }

    [Fact]
    public async Task Parameters_are_typed_integers_stay_integers_and_text_stays_text()
    {
        var run = await Cli.Succeeds("cypher", "RETURN $n + 1 AS next, $s + '!' AS text, $n / 2 AS half", "--param", "n=42", "--param", "s=abc", "--format", "json", "--db", Db);
        var row = JsonDocument.Parse(run.Out).RootElement[0];
        Assert.Equal("43", row.GetProperty("next").GetRawText());
        Assert.Equal("abc!", row.GetProperty("text").GetString());
        Assert.Equal("21", row.GetProperty("half").GetRawText()); // integer division: 42 was read as an integer
    }

    [Fact]
    public async Task A_malformed_parameter_is_a_usage_error()
    {
        var run = await Cli.RunAsync("cypher", "RETURN 1", "--param", "oops", "--db", Db);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("name=value", run.Err);
    }

    [Fact]
    public async Task A_syntax_error_shows_the_line_with_a_caret_under_the_column_and_fails()
    {
        var run = await Cli.RunAsync("cypher", "MATCH (n)\nRETRUN n", "--db", Db);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("SyntaxError", run.Err);
        var lines = run.Err.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var echoed = lines.FindIndex(l => l.EndsWith("RETRUN n", StringComparison.Ordinal));
        Assert.True(echoed >= 0 && echoed + 1 < lines.Count, $"the offending line is not echoed:\n{run.Err}");
        Assert.Equal(lines[echoed].IndexOf("RETRUN", StringComparison.Ordinal), lines[echoed + 1].IndexOf('^'));
        Assert.Contains("line 2", run.Err);
    }

    [Fact]
    public async Task A_read_session_refuses_writes_and_a_runtime_error_fails_cleanly()
    {
        var write = await Cli.RunAsync("cypher", "CREATE (:Nope)", "--read", "--db", Db);
        Assert.NotEqual(0, write.ExitCode);
        Assert.Contains("Neo.ClientError.Statement.AccessMode", write.Err);

        var division = await Cli.RunAsync("cypher", "RETURN 1 / 0", "--db", Db);
        Assert.NotEqual(0, division.ExitCode);
        Assert.Contains("ArithmeticError", division.Err);

        var count = await Cli.Succeeds("cypher", "MATCH (n) RETURN count(n) AS c", "--format", "csv", "--db", Db);
        Assert.Equal("c\n0", count.Out.Trim().Replace("\r", ""));
    }
}
