using Graph.Engine.Import;
using Graph.Engine.Tests.Runtime;
using TestEngine = Graph.Engine.Tests.Runtime.Engine;

namespace Graph.Engine.Tests.Import;

/// <summary>
/// A relationship file's ends are looked up a window of rows at a time (<see cref="RelationshipEnds"/>): every row must
/// still get its own ends, and the first bad row in file order must still be the one reported, with nothing stored.
/// </summary>
public sealed class WindowedEndsImportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("graph-import-ends-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, IEnumerable<string> lines)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    /// <summary>Short ids, one longer than an entry holds, non-ASCII ones, ids that are prefixes of others.</summary>
    private static string ExpertId(int i) => (i % 5) switch
    {
        0 => $"e{i}",
        1 => $"expert-with-a-long-id-{i:D4}",
        2 => $"é{i}",
        3 => $"e{i}x",
        _ => $"{i}",
    };

    private string Experts(int count) => Write("experts.csv", new[] { "id,n:int" }.Concat(Enumerable.Range(0, count).Select(i => $"{ExpertId(i)},{i}")));

    [Fact]
    public async Task Every_row_gets_its_own_ends_across_windows_and_batches()
    {
        const int experts = 300, rows = 10_000; // several windows of 64 and batches of 4,096
        var random = new Random(18);
        var expected = new List<string>();
        var lines = new List<string> { "from,to,row:int" };
        var from = 0;
        for (var row = 0; row < rows; row++)
        {
            if (random.Next(7) == 0) from = random.Next(experts); // runs of one start, as in files sorted by it
            var to = row % 11 == 0 ? from : random.Next(experts); // self-loops and a repeated end on both columns
            lines.Add($"{ExpertId(from)},{ExpertId(to)},{row}");
            expected.Add($"{from}>{to}@{row}");
        }
        await using var driver = TestEngine.New();
        var report = await driver.ImportAsync(new ImportSpec
        {
            Nodes = [new NodeFile("Expert", Experts(experts))],
            Relationships = [new RelationshipFile("KNOWS", "Expert", "Expert", Write("knows.csv", lines))],
        });

        Assert.Equal(rows, report.Relationships);
        var stored = (await driver.Run("MATCH (a:Expert)-[r:KNOWS]->(b:Expert) RETURN a.n, b.n, r.row ORDER BY r.row")).Records
            .Select(r => $"{r[0]}>{r[1]}@{r[2]}");
        Assert.Equal(expected, stored);
    }

    public static TheoryData<string[], int, string> BadRows => new()
    {
        // (changed lines as "line:from,to,row", the line reported, what it says)
        { ["100:e0,nope,1", "120:e0,e5,x"], 100, "no Expert node has the id 'nope' (column 'to')" },
        { ["100:e0,e5,x", "120:e0,nope,1"], 100, "'x' in column 'row' is not an int" },
        { ["100:e0,nope,x"], 100, "no Expert node has the id 'nope' (column 'to')" }, // its ends are checked before its values
        { ["100:gone,nope,1"], 100, "no Expert node has the id 'gone' (column 'from')" },
        { ["65:e0,nope,1", "66:e0,e5"], 65, "no Expert node has the id 'nope'" }, // before a later row's field count
        { ["64:e0,e5", "65:e0,nope,1"], 64, "2 fields where the header has 3" },
        { ["70:e0,nope,1", "71:e0,nope,1", "72:e0,nope,1"], 70, "'nope'" }, // a repeated bad id
        { ["64:e0,,1"], 64, "the 'to' field is empty" },
        { ["4098:nope,e5,1", "4099:e0,e5,x"], 4098, "no Expert node has the id 'nope' (column 'from')" }, // first row of the second batch
        { ["4097:e0,e5,x", "4098:nope,e5,1"], 4097, "'x' in column 'row' is not an int" }, // last row of the first batch
        { ["5000:e0,nope,1"], 5000, "no Expert node has the id 'nope'" },
    };

    [Theory]
    [MemberData(nameof(BadRows))]
    public async Task The_first_bad_row_in_file_order_is_reported_and_nothing_is_stored(string[] changes, int line, string problem)
    {
        var lines = new List<string> { "from,to,row:int" };
        for (var l = 2; l <= 6_000; l++) lines.Add($"e0,e5,{l}");
        foreach (var change in changes)
        {
            var colon = change.IndexOf(':');
            lines[int.Parse(change[..colon]) - 1] = change[(colon + 1)..];
        }
        await using var driver = TestEngine.New();
        var knows = Write("knows.csv", lines);

        var error = await Assert.ThrowsAsync<ImportException>(() => driver.ImportAsync(new ImportSpec
        {
            Nodes = [new NodeFile("Expert", Experts(10))],
            Relationships = [new RelationshipFile("KNOWS", "Expert", "Expert", knows)],
        }));
        Assert.Contains($"{knows}:{line}:", error.Message);
        Assert.Contains(problem, error.Message);
        Assert.Equal(0L, await driver.Scalar("MATCH (n) RETURN count(n)"));
        Assert.Equal(0L, await driver.Scalar("MATCH ()-[r]->() RETURN count(r)"));
    }
}
