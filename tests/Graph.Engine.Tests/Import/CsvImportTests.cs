using System.Globalization;
using Graph.Engine.Execution;
using Graph.Engine.Import;
using Graph.Engine.Tests.Runtime;
using TestEngine = Graph.Engine.Tests.Runtime.Engine;

namespace Graph.Engine.Tests.Import;

/// <summary>The CSV bulk path: the store it leaves is the one Cypher would have made, and a bad row stores nothing.</summary>
public sealed class CsvImportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("graph-import-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    private ImportSpec Debate() => new()
    {
        Nodes =
        [
            new NodeFile("Expert", Write("experts.csv", "id,name,age:int,score:float,active:boolean", "e1,Ana,41,0.5,true", "e2,\"Bo, Jr.\",,1.25,false", "e3,Cy,29,,")),
            new NodeFile("Claim", Write("claims.csv", "id,text", "c1,\"Borders \"\"protect\"\"\"", "c2,Migration helps")),
        ],
        Relationships =
        [
            new RelationshipFile("ENDORSES", "Expert", "Claim", Write("endorses.csv", "from,to,weight:int,note", "e1,c1,3,first", "e2,c1,1,", "e2,c2,2,x")),
            new RelationshipFile("AGREES_WITH", "Expert", "Expert", Write("agrees.csv", "from,to,weight", "e1,e2,1", "e3,e3,2")),
        ],
    };

    // The same rows, written with Cypher.
    private const string SameWithCypher = """
        CREATE (e1:Expert {id: 'e1', name: 'Ana', age: 41, score: 0.5, active: true}),
               (e2:Expert {id: 'e2', name: 'Bo, Jr.', score: 1.25, active: false}),
               (e3:Expert {id: 'e3', name: 'Cy', age: 29}),
               (c1:Claim {id: 'c1', text: 'Borders "protect"'}), (c2:Claim {id: 'c2', text: 'Migration helps'}),
               (e1)-[:ENDORSES {weight: 3, note: 'first'}]->(c1), (e2)-[:ENDORSES {weight: 1}]->(c1), (e2)-[:ENDORSES {weight: 2, note: 'x'}]->(c2),
               (e1)-[:AGREES_WITH {weight: '1'}]->(e2), (e3)-[:AGREES_WITH {weight: '2'}]->(e3)
        """;

    private static readonly string[] Probes =
    [
        "MATCH (n) RETURN labels(n) AS l, properties(n) AS p ORDER BY n.id",
        "MATCH (n:Expert) RETURN n.id, n.age, n.score, n.active, n.name ORDER BY n.id",
        "MATCH (a)-[r]->(b) RETURN a.id, type(r), properties(r), b.id ORDER BY a.id, b.id",
        "MATCH (c:Claim)<-[r:ENDORSES]-(e) RETURN c.id, e.id, r.weight ORDER BY c.id, e.id",
        "MATCH (e:Expert)-[r]-(x) RETURN e.id, count(r) ORDER BY e.id",
        "MATCH (e:Expert {id: 'e2'})-[:ENDORSES]->(c) RETURN c.text ORDER BY c.text",
        "MATCH (c:Claim) WHERE c.id = 'c1' RETURN size([(c)<-[:ENDORSES]-() | 1])",
    ];

    private static async Task<List<string>> Answers(EmbeddedDriver driver)
    {
        var answers = new List<string>();
        foreach (var probe in Probes)
        {
            var result = await driver.Run(probe);
            answers.Add(probe + " => " + string.Join("; ", result.Records.Select(r => string.Join("|", r.Values.Select(Show)))));
        }
        return answers;
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        double d => d.ToString("R", CultureInfo.InvariantCulture) + "d",
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        IReadOnlyDictionary<string, object?> map => "{" + string.Join(",", map.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + ":" + Show(kv.Value))) + "}",
        System.Collections.IEnumerable list and not string => "[" + string.Join(",", list.Cast<object?>().Select(Show)) + "]",
        _ => value.ToString() ?? "",
    };

    private static async Task<EmbeddedDriver> WithConstraints()
    {
        var driver = TestEngine.New();
        await driver.Run("CREATE CONSTRAINT expert_id FOR (e:Expert) REQUIRE e.id IS UNIQUE");
        await driver.Run("CREATE INDEX claim_id FOR (c:Claim) ON (c.id)");
        return driver;
    }

    [Fact]
    public async Task Import_leaves_the_store_Cypher_would_have_made()
    {
        await using var imported = await WithConstraints();
        await using var created = await WithConstraints();
        var report = await imported.ImportAsync(Debate());
        await created.Run(SameWithCypher);

        Assert.Equal(5, report.Nodes);
        Assert.Equal(5, report.Relationships);
        Assert.Equal(await Answers(created), await Answers(imported));
        // Typed columns are stored as their types (Show marks longs with L, doubles with d); empty fields are no property.
        Assert.EndsWith("=> e1|41L|0.5d|True|Ana; e2|null|1.25d|False|Bo, Jr.; e3|29L|null|null|Cy", (await Answers(imported))[1]);
    }

    [Fact]
    public async Task Imported_nodes_are_found_through_the_unique_index_and_the_plain_index()
    {
        await using var driver = await WithConstraints();
        await driver.ImportAsync(Debate());
        foreach (var (query, expected) in new[] { ("MATCH (e:Expert) WHERE e.id = 'e2' RETURN e.name", "Bo, Jr."), ("MATCH (c:Claim) WHERE c.id = 'c2' RETURN c.text", "Migration helps") })
        {
            var run = await driver.Profile(query);
            Assert.Equal(expected, run.Result.Single()[0]);
            Assert.Equal(1, run.Single<NodeIndexSeekOp>().IndexedSeeks);
        }
        // The unique constraint holds for later Cypher writes too.
        var error = await Assert.ThrowsAnyAsync<Graph.Client.GraphException>(() => driver.Run("CREATE (:Expert {id: 'e3'})"));
        Assert.Contains("e3", error.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Relationships_can_be_imported_later_against_nodes_already_in_the_store(bool constrained)
    {
        await using var driver = constrained ? await WithConstraints() : TestEngine.New();
        var full = Debate();
        await driver.ImportAsync(full with { Relationships = [] });
        await driver.Run("CREATE (:Expert {id: 'e9', name: 'Cypher-made'})");
        var report = await driver.ImportAsync(new ImportSpec
        {
            Relationships = [.. full.Relationships, new RelationshipFile("ENDORSES", "Expert", "Claim", Write("later.csv", "from,to", "e9,c2"))],
        });
        Assert.Equal(0, report.Nodes);
        Assert.Equal(6, report.Relationships);
        Assert.Equal(["c1|e1|e2", "c2|e2|e9"], (await driver.Run("MATCH (c:Claim)<-[:ENDORSES]-(e) WITH c, e ORDER BY e.id RETURN c.id, collect(e.id) ORDER BY c.id")).Records
            .Select(r => r[0] + "|" + string.Join("|", (IEnumerable<object?>)r[1]!)));
    }

    [Fact]
    public async Task Int_ids_are_keys_by_value()
    {
        await using var driver = TestEngine.New();
        await driver.ImportAsync(new ImportSpec
        {
            Nodes = [new NodeFile("P", Write("p.csv", "id:int,name", "1,one", "2,two"))],
            Relationships = [new RelationshipFile("KNOWS", "P", "P", Write("k.csv", "from,to", "1,2", "+2,01"))],
        });
        Assert.Equal(["1->2", "2->1"], (await driver.Run("MATCH (a:P)-[:KNOWS]->(b) RETURN a.id + '->' + b.id AS s ORDER BY s")).Records.Select(r => (string)r[0]!));
        Assert.Equal(1L, await driver.Scalar("MATCH (a:P {id: 1}) RETURN count(*)"));
    }

    public static TheoryData<string, string[], string, string> BadFiles => new()
    {
        { "experts.csv", ["id,name", "e1,Ana", "e2,Bo,extra"], "experts.csv:3", "3 fields where the header has 2" },
        { "experts.csv", ["id,age:int", "e1,41", "e2,forty"], "experts.csv:3", "'forty' in column 'age' is not an int" },
        { "experts.csv", ["id,name", "e1,Ana", "", "e1,Again"], "experts.csv:4", "'e1' is already used by another Expert node (earlier in this import)" },
        { "experts.csv", ["id,name", "old,Again"], "experts.csv:2", "already in the store" },
        { "experts.csv", ["id,name", ",Nobody"], "experts.csv:2", "the id is empty" },
        { "experts.csv", ["name", "Ana"], "experts.csv:1", "needs an 'id' column" },
        { "experts.csv", ["id,name", "\"e1,Ana"], "experts.csv:2", "not closed" },
        { "endorses.csv", ["from,to", "e1,c1", "e1,nope"], "endorses.csv:3", "no Claim node has the id 'nope'" },
        { "endorses.csv", ["from,to,w:float", "e1,c1,x"], "endorses.csv:2", "'x' in column 'w' is not a float" },
        { "endorses.csv", ["from,weight", "e1,1"], "endorses.csv:1", "needs the columns 'from' and 'to'" },
        { "endorses.csv", ["from,to,w:decimal", "e1,c1,1"], "endorses.csv:1", "unknown type 'decimal'" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_row_names_file_and_line_and_stores_nothing(string file, string[] lines, string where, string problem)
    {
        await using var driver = await WithConstraints();
        await driver.Run("CREATE (:Expert {id: 'old'})");
        var spec = Debate();
        var bad = Write(file, lines);
        spec = file == "experts.csv"
            ? spec with { Nodes = [new NodeFile("Expert", bad), .. spec.Nodes.Skip(1)] }
            : spec with { Relationships = [new RelationshipFile("ENDORSES", "Expert", "Claim", bad)] };
        if (file == "endorses.csv") Write("experts.csv", "id", "e1");

        var error = await Assert.ThrowsAsync<ImportException>(() => driver.ImportAsync(spec));
        Assert.Contains(bad + where[file.Length..], error.Message);
        Assert.Contains(problem, error.Message);
        Assert.Equal(1L, await driver.Scalar("MATCH (n) RETURN count(n)"));
        Assert.Equal(0L, await driver.Scalar("MATCH ()-[r]->() RETURN count(r)"));
        // The store is usable (no write lock left behind) and the failed ids were never taken.
        await driver.ImportAsync(Debate());
        Assert.Equal(6L, await driver.Scalar("MATCH (n) RETURN count(n)"));
    }

    // Rows are parsed on a second thread in batches of 4,096 while this thread writes them: the first bad row in file
    // order is reported whether the reading thread (a bad value) or the writing one (a duplicate id) finds it.
    [Theory]
    [InlineData(9_000, 9_500, "experts.csv:9000", "'forty' in column 'age' is not an int")]
    [InlineData(9_500, 9_000, "experts.csv:9000", "'e1' is already used by another Expert node (earlier in this import)")]
    [InlineData(9_000, 0, "experts.csv:9000", "'forty' in column 'age' is not an int")]
    [InlineData(0, 4_098, "experts.csv:4098", "'e1' is already used by another Expert node (earlier in this import)")]
    public async Task The_first_bad_row_of_a_file_longer_than_a_batch_is_the_one_reported(int badValueLine, int duplicateLine, string where, string problem)
    {
        await using var driver = await WithConstraints();
        var lines = new List<string> { "id,age:int" };
        for (var line = 2; line <= 20_000; line++)
            lines.Add(line == badValueLine ? $"x{line},forty" : line == duplicateLine ? "e1,1" : $"e{line - 1},{line}");
        var spec = Debate() with { Nodes = [new NodeFile("Expert", Write("experts.csv", [.. lines]))] };

        var error = await Assert.ThrowsAsync<ImportException>(() => driver.ImportAsync(spec));
        Assert.Contains(Path.Combine(_dir, where), error.Message);
        Assert.Contains(problem, error.Message);
        Assert.Equal(0L, await driver.Scalar("MATCH (n) RETURN count(n)"));

        // A relationship file whose bad row comes after several batches: nothing of the import is stored either.
        var good = Debate();
        var endorses = new List<string> { "from,to" };
        for (var i = 0; i < 12_000; i++) endorses.Add(i == 10_000 ? "e1,nope" : "e1,c1");
        var relError = await Assert.ThrowsAsync<ImportException>(() => driver.ImportAsync(good with
        {
            Relationships = [new RelationshipFile("ENDORSES", "Expert", "Claim", Write("many.csv", [.. endorses]))],
        }));
        Assert.Contains(Path.Combine(_dir, "many.csv") + ":10002", relError.Message);
        Assert.Equal(0L, await driver.Scalar("MATCH (n) RETURN count(n)"));
        await driver.ImportAsync(good);
        Assert.Equal(5L, await driver.Scalar("MATCH (n) RETURN count(n)"));
    }

    [Fact]
    public async Task Windows_line_breaks_a_byte_order_mark_and_lines_longer_than_the_read_buffer_are_read()
    {
        await using var driver = TestEngine.New();
        var longText = new string('x', 200_000);
        var path = Path.Combine(_dir, "crlf.csv");
        File.WriteAllText(path, "id,text\r\na,\"one, two\"\r\n\r\nb," + longText + "\r\nc,last", new System.Text.UTF8Encoding(true));
        var report = await driver.ImportAsync(new ImportSpec { Nodes = [new NodeFile("T", path)] });
        Assert.Equal(3, report.Nodes);
        Assert.Equal("one, two", await driver.Scalar("MATCH (t:T {id: 'a'}) RETURN t.text"));
        Assert.Equal(200_000L, await driver.Scalar("MATCH (t:T {id: 'b'}) RETURN size(t.text)"));
        Assert.Equal("last", await driver.Scalar("MATCH (t:T {id: 'c'}) RETURN t.text"));
        var bad = Write("bad.csv", "id", "a", longText + ",extra");
        var error = await Assert.ThrowsAsync<ImportException>(() => driver.ImportAsync(new ImportSpec { Nodes = [new NodeFile("U", bad)] }));
        Assert.Contains(bad + ":3:", error.Message);
    }

    public static TheoryData<string, byte[], int, int> InvalidUtf8 => new()
    {
        // name, bytes after "id,name\n", line and column of the first bad byte
        { "latin-1 e acute", "e1,Jos\u00e9\n"u8.ToArray().Take(6).Concat(new byte[] { 0xE9, (byte)'\n' }).ToArray(), 2, 7 },
        { "cut sequence", "e1,ok\ne2,\u00e9\u00e9"u8.ToArray()[..^1].Concat("\n"u8.ToArray()).ToArray(), 3, 5 },
        { "lone continuation after a multi-byte character", "e1,\u00f1a\u20ac"u8.ToArray().Concat(new byte[] { 0x80, (byte)'\n' }).ToArray(), 2, 7 },
        { "encoded surrogate", "e1,"u8.ToArray().Concat(new byte[] { 0xED, 0xA0, 0x80, (byte)'\n' }).ToArray(), 2, 4 },
        { "overlong slash", "e1,a"u8.ToArray().Concat(new byte[] { 0xC0, 0xAF, (byte)'\n' }).ToArray(), 2, 5 },
    };

    [Theory]
    [MemberData(nameof(InvalidUtf8))]
    public async Task Invalid_utf8_is_refused_with_file_line_and_column_and_stores_nothing(string kind, byte[] rows, int line, int column)
    {
        await using var driver = TestEngine.New();
        var path = Path.Combine(_dir, "latin.csv");
        File.WriteAllBytes(path, [.. "\uFEFFid,name\n"u8, .. rows, .. "e9,after\n"u8]); // with a byte order mark, which is fine
        var error = await Assert.ThrowsAsync<ImportException>(() => driver.ImportAsync(new ImportSpec { Nodes = [new NodeFile("Expert", path)] }));
        Assert.True(error.Message.Contains($"{path}:{line}:{column}: byte 0x", StringComparison.Ordinal), $"{kind}: {error.Message}");
        Assert.Contains("is not valid UTF-8", error.Message);
        Assert.Equal(0L, await driver.Scalar("MATCH (n) RETURN count(n)"));
        Assert.DoesNotContain('\uFFFD', error.Message);
    }

    [Fact]
    public async Task Valid_utf8_beyond_ascii_is_stored_exactly()
    {
        await using var driver = TestEngine.New();
        var path = Write("names.csv", "id,name", "e1,José Ñúñez", "e2,\u8a9e \U0001F600 \u20ac");
        await driver.ImportAsync(new ImportSpec { Nodes = [new NodeFile("Expert", path)] });
        Assert.Equal("José Ñúñez", await driver.Scalar("MATCH (e:Expert {id: 'e1'}) RETURN e.name"));
        Assert.Equal("\u8a9e \U0001F600 \u20ac", await driver.Scalar("MATCH (e:Expert {id: 'e2'}) RETURN e.name"));
    }

    [Fact]
    public async Task A_missing_file_is_named_before_anything_is_read()
    {
        await using var driver = TestEngine.New();
        var missing = Path.Combine(_dir, "nope.csv");
        var error = await Assert.ThrowsAsync<ImportException>(() => driver.ImportAsync(Debate() with { Relationships = [new RelationshipFile("R", "Expert", "Expert", missing)] }));
        Assert.Contains(missing + ": file not found", error.Message);
        Assert.Equal(0L, await driver.Scalar("MATCH (n) RETURN count(n)"));
    }

    [Fact]
    public async Task A_unique_constraint_on_another_property_is_enforced_with_the_line()
    {
        await using var driver = TestEngine.New();
        await driver.Run("CREATE CONSTRAINT expert_name FOR (e:Expert) REQUIRE e.name IS UNIQUE");
        var path = Write("experts.csv", "id,name", "e1,Ana", "e2,Ana");
        var error = await Assert.ThrowsAsync<ImportException>(() => driver.ImportAsync(new ImportSpec { Nodes = [new NodeFile("Expert", path)] }));
        Assert.Contains(path + ":3", error.Message);
        Assert.Contains("expert_name", error.Message);
        Assert.Equal(0L, await driver.Scalar("MATCH (n) RETURN count(n)"));
    }

    [Fact]
    public async Task An_import_on_disk_survives_reopening()
    {
        var db = Path.Combine(_dir, "db");
        List<string> before;
        await using (var driver = EmbeddedDriver.Open(db, new EngineOptions { SyncOnCommit = false }))
        {
            await driver.Run("CREATE CONSTRAINT expert_id FOR (e:Expert) REQUIRE e.id IS UNIQUE");
            await driver.ImportAsync(Debate());
            before = await Answers(driver);
        }
        await using (var reopened = EmbeddedDriver.Open(db))
        {
            Assert.Equal(before, await Answers(reopened));
            const string seek = "MATCH (e:Expert) WHERE e.id = 'e1' RETURN e.name";
            var run = await reopened.Profile(seek);
            Assert.Equal("Ana", run.Result.Single()[0]);
            Assert.Equal(1, run.Single<NodeIndexSeekOp>().IndexedSeeks);
        }
    }
}
