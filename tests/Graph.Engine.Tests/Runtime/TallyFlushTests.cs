using Graph.Client;
using Graph.Engine.Execution;
using Graph.Engine.Runtime;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// A tallied last hop whose conjuncts and keys read far-node properties only (<see cref="TallyFlush"/>: the properties of
/// 64 nodes read at once, a property read once for a conjunct and a key, a string matched by the store): each fused query
/// is compared with its row-by-row form (a WITH between the MATCH and the aggregation keeps the planner from fusing
/// them), same rows, same order, before and after enough reads for the store to keep property columns of the ids and
/// names, and inside a transaction that has written.
/// </summary>
public class TallyFlushTests
{
    /// <summary>
    /// 150 experts: ids strings 'e0'..'e119' (ids of experts i and i + 120 equal), NULL every 17th, 1.0 every 13th and 1
    /// every 11th (equivalent, on different nodes), a list every 7th; names 'x', 'y' or a number; v 0 to 3 or NULL; every
    /// 19th without the E label. 20 claims; expert i endorses claims i * k % 20 for k = 1 .. i % 4 + 1, the first twice
    /// when i % 5 = 0 (parallel relationships). An expert endorsing four claims reaches 60 to 80 others: two batches.
    /// </summary>
    private static async Task<EmbeddedDriver> Build()
    {
        var driver = Engine.New();
        await driver.Run("UNWIND range(0, 19) AS j CREATE (:C {id: j})");
        await driver.Run(
            "UNWIND range(0, 149) AS i CREATE (e:E {n: i, v: CASE WHEN i % 6 = 0 THEN null ELSE i % 4 END, " +
            "id: CASE WHEN i % 17 = 0 THEN null WHEN i % 13 = 0 THEN 1.0 WHEN i % 11 = 0 THEN 1 WHEN i % 7 = 0 THEN [i % 2] ELSE 'e' + toString(i % 120) END, " +
            "name: CASE i % 3 WHEN 0 THEN 'x' WHEN 1 THEN 'y' ELSE i END}) " +
            "WITH e, i UNWIND range(1, i % 4 + 1) AS k MATCH (c:C {id: i * k % 20}) CREATE (e)-[:EN {k: k}]->(c)");
        await driver.Run("MATCH (e:E)-[:EN {k: 1}]->(c) WHERE e.n % 5 = 0 CREATE (e)-[:EN {k: 0}]->(c)");
        await driver.Run("MATCH (e:E) WHERE e.n % 19 = 0 REMOVE e:E");
        return driver;
    }

    /// <summary>The fused query and its row-by-row form.</summary>
    public static TheoryData<string, string> Pairs => new()
    {
        // the top-10 allies shape: the conjunct and the key read one property; a start id shared by two experts
        {
            "MATCH (a:E {n: 3})-[:EN]->(:C)<-[:EN]-(b:E) WHERE b.id <> a.id RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally LIMIT 10",
            "MATCH (a:E {n: 3})-[:EN]->(:C)<-[:EN]-(b:E) WHERE b.id <> a.id WITH a, b RETURN b.id AS ally, count(*) AS shared ORDER BY shared DESC, ally LIMIT 10"
        },
        {
            "MATCH (a:E {id: 'e3'})-[:EN]->(:C)<-[:EN]-(b:E) WHERE b.id <> a.id RETURN b.id AS ally, count(*) AS shared",
            "MATCH (a:E {id: 'e3'})-[:EN]->(:C)<-[:EN]-(b:E) WHERE b.id <> a.id WITH a, b RETURN b.id AS ally, count(*) AS shared"
        },
        // a string conjunct on a property no key reads (matched by the store once it keeps a column), the start on its right
        {
            "MATCH (a:E) WHERE a.n < 8 WITH a MATCH (a)-[:EN]->(:C)<-[:EN]-(b:E) WHERE a.name = b.name RETURN b.id AS k, count(*) AS n",
            "MATCH (a:E) WHERE a.n < 8 WITH a MATCH (a)-[:EN]->(:C)<-[:EN]-(b:E) WHERE a.name = b.name WITH b RETURN b.id AS k, count(*) AS n"
        },
        {
            "MATCH (a:E {n: 7})-[:EN]->(:C)<-[:EN]-(b:E) WHERE b.name <> 'x' RETURN b.v AS v, count(*) AS n ORDER BY n DESC, v LIMIT 3",
            "MATCH (a:E {n: 7})-[:EN]->(:C)<-[:EN]-(b:E) WHERE b.name <> 'x' WITH b RETURN b.v AS v, count(*) AS n ORDER BY n DESC, v LIMIT 3"
        },
        // two conjuncts, the second's operand from the start row; two keys of the far node (1 and 1.0 merge, NULL, lists)
        {
            "MATCH (a:E) WHERE a.n < 12 WITH a MATCH (a)-[:EN]->(:C)<-[:EN]-(b) WHERE b.v > 0 AND b.n <> a.n RETURN b.id AS k, b.v AS v, count(*) AS n",
            "MATCH (a:E) WHERE a.n < 12 WITH a MATCH (a)-[:EN]->(:C)<-[:EN]-(b) WHERE b.v > 0 AND b.n <> a.n WITH b RETURN b.id AS k, b.v AS v, count(*) AS n"
        },
        // a start key with the far node's key, a comparison with a number, ascending counts
        {
            "MATCH (a:E) WHERE a.n % 10 = 1 WITH a MATCH (a)-[:EN]->(:C)<-[:EN]-(b:E) WHERE b.n >= a.n RETURN a.v AS av, b.name AS k, count(*) AS n ORDER BY n, av, k",
            "MATCH (a:E) WHERE a.n % 10 = 1 WITH a MATCH (a)-[:EN]->(:C)<-[:EN]-(b:E) WHERE b.n >= a.n WITH a, b RETURN a.v AS av, b.name AS k, count(*) AS n ORDER BY n, av, k"
        },
        // keys only, no conjunct; a property no node has
        {
            "MATCH (a:E {n: 3})-[:EN]->(:C)<-[:EN]-(b) RETURN b.id AS k, b.missing AS m, count(*) AS n",
            "MATCH (a:E {n: 3})-[:EN]->(:C)<-[:EN]-(b) WITH b RETURN b.id AS k, b.missing AS m, count(*) AS n"
        },
        // a conjunct only, on a property no node has (no token); a constant on the left, strings against other types
        {
            "MATCH (a:E) WITH a MATCH (a)-[:EN]->(:C)<-[:EN]-(b:E) WHERE b.missing = a.id RETURN count(*) AS n",
            "MATCH (a:E) WITH a MATCH (a)-[:EN]->(:C)<-[:EN]-(b:E) WHERE b.missing = a.id WITH a, b RETURN count(*) AS n"
        },
        {
            "MATCH (a:E) WHERE a.n < 30 WITH a MATCH (a)-[:EN]->(:C)<-[:EN]-(b:E) WHERE 'e5' < b.id RETURN b.id AS k, count(*) AS n ORDER BY n DESC, k LIMIT 4",
            "MATCH (a:E) WHERE a.n < 30 WITH a MATCH (a)-[:EN]->(:C)<-[:EN]-(b:E) WHERE 'e5' < b.id WITH b RETURN b.id AS k, count(*) AS n ORDER BY n DESC, k LIMIT 4"
        },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task Properties_read_in_batches_give_the_rows_of_the_row_by_row_plan(string fused, string rowByRow)
    {
        await using var driver = await Build();
        Assert.DoesNotContain("ChainCount", driver.Explain(rowByRow));
        var expected = RowTexts.InOrder(await driver.Run(rowByRow));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, RowTexts.InOrder(await driver.Run(fused)));
        // enough reads of the ids and names for the store to keep columns of them: the batches then read through those,
        // and string conjuncts are matched on their codes
        for (var i = 0; i < 20; i++) await driver.Run("MATCH (e) RETURN e.id AS id, e.name AS name");
        Assert.Equal(expected, RowTexts.InOrder(await driver.Run(rowByRow)));
        Assert.Equal(expected, RowTexts.InOrder(await driver.Run(fused)));
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task Properties_read_in_batches_see_the_uncommitted_writes_of_the_transaction(string fused, string rowByRow)
    {
        await using var driver = await Build();
        for (var i = 0; i < 20; i++) await driver.Run("MATCH (e) RETURN e.id AS id, e.name AS name");
        await using var session = driver.AsyncSession();
        var tx = await session.BeginTransactionAsync();
        // new experts, a deleted endorsement and expert, changed ids and names (the same string on more nodes), a removed property
        await tx.RunAsync("UNWIND range(200, 239) AS i MATCH (c:C) WHERE c.id % 7 = i % 7 CREATE (:E {n: i, id: 'e' + toString(i % 9), name: 'x', v: 2})-[:EN]->(c)");
        await tx.RunAsync("MATCH (:E {n: 3})-[r:EN {k: 1}]->() DELETE r");
        await tx.RunAsync("MATCH (e:E {n: 14}) DETACH DELETE e");
        await tx.RunAsync("MATCH (e:E) WHERE e.n % 9 = 1 SET e.id = 'e3', e.name = 'y'");
        await tx.RunAsync("MATCH (e:E) WHERE e.n % 8 = 2 REMOVE e.id");
        var expected = RowTexts.InOrder(await tx.RunAsync(rowByRow));
        Assert.Equal(expected, RowTexts.InOrder(await tx.RunAsync(fused)));
        await tx.RollbackAsync();
    }

    [Fact]
    public async Task Explain_tells_when_the_tallied_properties_are_read_in_batches()
    {
        await using var driver = await Build();
        foreach (var (fused, _) in PairsOf()) Assert.Contains("; properties read in batches", driver.Explain(fused));
        // a conjunct reading the far node twice, a key that is not a property, a key computed from one: node by node
        foreach (var other in new[]
                 {
                     "MATCH (a:E {n: 3})-[:EN]->(:C)<-[:EN]-(b:E) WHERE b.id <> b.name RETURN b.id AS k, count(*) AS n",
                     "MATCH (a:E {n: 3})-[:EN]->(:C)<-[:EN]-(b:E) RETURN b AS k, count(*) AS n",
                     "MATCH (a:E {n: 3})-[:EN]->(:C)<-[:EN]-(b:E) RETURN toString(b.id) AS k, count(*) AS n",
                 })
        {
            var plan = driver.Explain(other);
            Assert.Contains("ChainCount(", plan);
            Assert.DoesNotContain("properties read in batches", plan);
        }
    }

    [Fact]
    public async Task An_error_of_a_conjuncts_operand_is_raised_as_the_row_by_row_plan_raises_it()
    {
        await using var driver = await Build();
        const string failing = "MATCH (a:E {n: 3})-[:EN]->(:C)<-[:EN]-(b:E) WHERE b.n <> a.n / 0 RETURN b.id AS k, count(*) AS n";
        Assert.Contains("properties read in batches", driver.Explain(failing));
        var fusedError = await Assert.ThrowsAnyAsync<Exception>(() => driver.Run(failing));
        var rowError = await Assert.ThrowsAnyAsync<Exception>(() => driver.Run(failing.Replace(" RETURN", " WITH b RETURN")));
        Assert.Equal(rowError.GetType(), fusedError.GetType());
        Assert.Equal(rowError.Message, fusedError.Message);
        // a second conjunct's operand is computed only once a node passes the first: none does here, so no error
        const string unreached = "MATCH (a:E {n: 3})-[:EN]->(:C)<-[:EN]-(b:E) WHERE b.n < 0 AND b.n <> a.n / 0 RETURN b.id AS k, count(*) AS n";
        Assert.Empty((await driver.Run(unreached)).Records);
        Assert.Empty((await driver.Run(unreached.Replace(" RETURN", " WITH b RETURN"))).Records);
    }

    [Fact]
    public async Task Label_checks_not_remembered_at_first_answer_as_the_remembered_ones()
    {
        // a chain's first 256 label checks are made without the bitmaps: experts reached again and again (every expert
        // endorses claim 0 .. 3 many times over) across that boundary, some without the label
        await using var driver = await Build();
        const string fused = "MATCH (a:E) WITH a MATCH (a)-[:EN]->(:C)<-[:EN]-(b:E) RETURN b.n % 7 AS k, count(*) AS n";
        const string rowByRow = "MATCH (a:E) WITH a MATCH (a)-[:EN]->(:C)<-[:EN]-(b:E) WITH b RETURN b.n % 7 AS k, count(*) AS n";
        Assert.Contains("ChainCount", driver.Explain(fused));
        Assert.Equal(RowTexts.InOrder(await driver.Run(rowByRow)), RowTexts.InOrder(await driver.Run(fused)));
    }

    private static IEnumerable<(string Fused, string RowByRow)> PairsOf()
    {
        foreach (var row in Pairs) yield return ((string)row[0], (string)row[1]);
    }
}
