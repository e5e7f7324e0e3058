using Graph.Client;
using Graph.Engine.Execution;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// A variable-length expand checking its end nodes' labels itself (instead of a label filter above it), compared with
/// the same query whose label test is written as <c>'L' IN labels(b)</c>, which no planner folds into the expand.
/// </summary>
public class VarExpandEndLabelTests
{
    /// <summary>
    /// Fictional researchers: unlabelled and Q-only nodes in the middle of paths, parallel relationships, self-loops,
    /// a cycle, a node with two labels, nodes without an id.
    /// </summary>
    private const string Graph =
        "CREATE (a:P {id: 'a'}), (b:P {id: 'b'}), (c:P:Q {id: 'c'}), (d:Q {id: 'd'}), (e {id: 'e'}), (f:P), (g:P {id: 'g'}) " +
        "CREATE (a)-[:K]->(e), (e)-[:K]->(b), (a)-[:K]->(d), (d)-[:K]->(c), (d)-[:K]->(c), (a)-[:K]->(a), (b)-[:K]->(b), " +
        "(b)-[:K]->(a), (c)-[:L]->(a), (e)-[:K]->(f), (f)-[:K]->(g), (g)-[:K]->(e), (d)-[:L]->(d), (a)-[:L]->(e)";

    private static Task<EmbeddedDriver> Build() => Engine.NewWith(Graph);

    /// <summary>The start is bound first (WITH), so that the expand runs from it to the labelled end, not from a label scan of the ends.</summary>
    public static TheoryData<string, string> Pairs => new()
    {
        // the path passes through e (no label) and d (Q only) to reach labelled ends
        { "MATCH (a {id: 'a'}) WITH a MATCH (a)-[:K*2]->(x:P) RETURN x.id", "MATCH (a {id: 'a'}) WITH a MATCH (a)-[:K*2]->(x) WHERE 'P' IN labels(x) RETURN x.id" },
        { "MATCH (a {id: 'a'}) WITH a MATCH (a)-[r:K|L*1..3]-(x:P) RETURN x.id, size(r)", "MATCH (a {id: 'a'}) WITH a MATCH (a)-[r:K|L*1..3]-(x) WHERE 'P' IN labels(x) RETURN x.id, size(r)" },
        // two labels, a label no node has, the start node itself at depth 0
        { "MATCH (a {id: 'a'}) WITH a MATCH (a)-[*1..3]-(x:P:Q) RETURN x.id", "MATCH (a {id: 'a'}) WITH a MATCH (a)-[*1..3]-(x) WHERE 'P' IN labels(x) AND 'Q' IN labels(x) RETURN x.id" },
        { "MATCH (a {id: 'a'}) WITH a MATCH (a)-[*1..3]-(x:Nope) RETURN x.id", "MATCH (a {id: 'a'}) WITH a MATCH (a)-[*1..3]-(x) WHERE 'Nope' IN labels(x) RETURN x.id" },
        { "MATCH (s {id: 'd'}) WITH s MATCH (s)-[*0..2]->(x:P) RETURN x.id", "MATCH (s {id: 'd'}) WITH s MATCH (s)-[*0..2]->(x) WHERE 'P' IN labels(x) RETURN x.id" },
        { "MATCH (s {id: 'a'}) WITH s MATCH (s)-[*0..1]->(x:P) RETURN x.id", "MATCH (s {id: 'a'}) WITH s MATCH (s)-[*0..1]->(x) WHERE 'P' IN labels(x) RETURN x.id" },
        // distinct ends (count(DISTINCT x) right after the match), from every start node, with the id comparison of the bench
        {
            "MATCH (s) WITH s MATCH (s)-[:K*1..2]-(x:P) WHERE x.id <> s.id RETURN s.id, count(DISTINCT x)",
            "MATCH (s) WITH s MATCH (s)-[:K*1..2]-(x) WHERE 'P' IN labels(x) AND x.id <> s.id RETURN s.id, count(DISTINCT x)"
        },
        { "MATCH (s:Q) WITH s MATCH (s)-[*1..3]-(x:P) RETURN count(DISTINCT x)", "MATCH (s:Q) WITH s MATCH (s)-[*1..3]-(x) WHERE 'P' IN labels(x) RETURN count(DISTINCT x)" },
        // a bound path and an optional match with no labelled end
        { "MATCH (a {id: 'e'}) WITH a MATCH p = (a)-[:K*1..2]->(x:P) RETURN x.id, length(p)", "MATCH (a {id: 'e'}) WITH a MATCH p = (a)-[:K*1..2]->(x) WHERE 'P' IN labels(x) RETURN x.id, length(p)" },
        {
            "MATCH (s:Q) OPTIONAL MATCH (s)-[:L*1..2]->(x:P) RETURN s.id, x.id",
            "MATCH (s:Q) OPTIONAL MATCH (s)-[:L*1..2]->(x) WHERE 'P' IN labels(x) RETURN s.id, x.id"
        },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task A_variable_length_expand_checking_its_ends_returns_the_filtered_rows(string folded, string plain)
    {
        await using var driver = await Build();
        var plan = driver.Explain(folded);
        Assert.True(plan.Contains("VarLengthExpand", StringComparison.Ordinal) && plan.Contains("checking :", StringComparison.Ordinal), plan);
        Assert.DoesNotContain("checking :", driver.Explain(plain));
        var expected = RowTexts.Sorted(await driver.Run(plain));
        Assert.Equal(expected, RowTexts.Sorted(await driver.Run(folded)));
        Assert.Equal(expected, RowTexts.Sorted(await driver.Run("PROFILE " + folded)));
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task A_variable_length_expand_checking_its_ends_sees_the_labels_changed_earlier_in_its_transaction(string folded, string plain)
    {
        await using var driver = await Build();
        await using var session = driver.AsyncSession();
        var tx = await session.BeginTransactionAsync();
        await tx.RunAsync("MATCH (e {id: 'e'}) SET e:P:Q");
        await tx.RunAsync("MATCH (b {id: 'b'}) REMOVE b:P");
        await tx.RunAsync("MATCH (g {id: 'g'}) DETACH DELETE g");
        var expected = RowTexts.Sorted(await tx.RunAsync(plain));
        Assert.Equal(expected, RowTexts.Sorted(await tx.RunAsync(folded)));
        await tx.RollbackAsync();
    }

    /// <summary>
    /// More ends than the direct lookups (256) before the checks are remembered in a <see cref="LabelMembership"/>:
    /// 300 leaves reached twice each (two hubs), every third one labelled; the labelled ones also form a chain.
    /// </summary>
    [Fact]
    public async Task Many_ends_are_checked_through_the_remembered_labels_with_the_same_answer()
    {
        await using var driver = Engine.New();
        await driver.Run("CREATE (h:Hub {id: 'h'}), (k:Hub {id: 'k'}), (h)-[:R]->(k) WITH h, k UNWIND range(1, 300) AS i " +
                         "CREATE (h)-[:R]->(x:Leaf {i: i}), (k)-[:R]->(x) WITH x, i WHERE i % 3 = 0 SET x:Mark");
        await driver.Run("MATCH (x:Mark), (y:Mark) WHERE y.i = x.i + 3 CREATE (x)-[:R]->(y)");
        foreach (var (folded, plain) in new[]
                 {
                     ("MATCH (h:Hub {id: 'h'}) WITH h MATCH (h)-[:R*1..2]-(x:Mark) RETURN count(DISTINCT x), count(*)",
                         "MATCH (h:Hub {id: 'h'}) WITH h MATCH (h)-[:R*1..2]-(x) WHERE 'Mark' IN labels(x) RETURN count(DISTINCT x), count(*)"),
                     ("MATCH (h:Hub {id: 'h'}) WITH h MATCH (h)-[:R*1..2]-(x:Mark) RETURN count(DISTINCT x)",
                         "MATCH (h:Hub {id: 'h'}) WITH h MATCH (h)-[:R*1..2]-(x) WHERE 'Mark' IN labels(x) RETURN count(DISTINCT x)"),
                     // distinct ends from two input rows: the checks are remembered from the second row on
                     ("MATCH (h:Hub) WITH h MATCH (h)-[:R*1..2]-(x:Mark) RETURN h.id, count(DISTINCT x)",
                         "MATCH (h:Hub) WITH h MATCH (h)-[:R*1..2]-(x) WHERE 'Mark' IN labels(x) RETURN h.id, count(DISTINCT x)"),
                     ("MATCH (h:Hub) WITH h MATCH (h)-[:R*1..3]->(x:Leaf:Mark) RETURN h.id, x.i", "MATCH (h:Hub) WITH h MATCH (h)-[:R*1..3]->(x) WHERE 'Leaf' IN labels(x) AND 'Mark' IN labels(x) RETURN h.id, x.i"),
                 })
        {
            Assert.Contains("checking :", driver.Explain(folded));
            var expected = RowTexts.Sorted(await driver.Run(plain));
            Assert.Equal(expected, RowTexts.Sorted(await driver.Run(folded)));
        }
        Assert.Equal([100L], (await driver.Run("MATCH (h:Hub {id: 'h'}) WITH h MATCH (h)-[:R*1..2]-(x:Mark) RETURN count(DISTINCT x) AS n")).Records.Select(r => r["n"]));
    }

    [Fact]
    public async Task A_write_statement_checks_each_end_anew()
    {
        await using var driver = await Build();
        var read = await driver.Profile("MATCH (a {id: 'a'}) WITH a MATCH (a)-[:K*1..2]->(x:P) RETURN x.id");
        Assert.True(read.Plan.Root.Descendants().OfType<VarExpandOp>().Single().CacheLabelChecks);
        // the write runs in a subquery while the match is halfway through its ends: later ends must see its labels
        var write = await driver.Profile("MATCH (a {id: 'a'}) WITH a MATCH (a)-[:K*1..2]->(x:P) CALL { WITH x SET x:Seen } RETURN x.id");
        var expand = write.Plan.Root.Descendants().OfType<VarExpandOp>().Single();
        Assert.Equal(["P"], expand.TargetLabels.Select(l => l.Name));
        Assert.False(expand.CacheLabelChecks);
    }
}
