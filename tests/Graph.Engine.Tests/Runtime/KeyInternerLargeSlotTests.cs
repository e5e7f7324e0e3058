using Graph.Client;
using Graph.Engine.Execution;
using Graph.Engine.Runtime;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// The one interner the process keeps once it numbered more than <see cref="KeyInterner.MaxKept"/> values (a counted
/// chain grouped by 20,000 claim ids): it comes back empty to a thread without spares, one past
/// <see cref="KeyInterner.LargeKept"/> is not kept, and a fused count over many keys gives the row-by-row rows, again
/// after a small statement reused the kept interner, in a transaction that has written and under PROFILE.
/// </summary>
[Collection(KeyInternerLargeSlot.Name)]
public class KeyInternerLargeSlotTests
{
    /// <summary>Runs <paramref name="body"/> on a thread of its own: no spares of this class's other tests.</summary>
    private static T OnFreshThread<T>(Func<T> body)
    {
        T result = default!;
        var thread = new Thread(() => result = body());
        thread.Start();
        thread.Join();
        return result;
    }

    private static void Fill(KeyInterner interner, int values)
    {
        for (var i = 0; i < values; i++) interner.Intern("k" + i);
    }

    [Fact]
    public void A_large_interner_is_kept_for_the_process_and_comes_back_empty()
    {
        var account = new MemoryTracker(null).Open("test keys");
        // take whatever an earlier statement left in the slot
        OnFreshThread(() => KeyInterner.Rent(account));
        var large = OnFreshThread(() =>
        {
            var interner = KeyInterner.Rent(account);
            Fill(interner, KeyInterner.MaxKept + 1);
            interner.Intern(1.5);
            interner.Return();
            return interner;
        });
        Assert.True(KeyInterner.LargeIsKept);
        var (again, first, value, equivalents) = OnFreshThread(() =>
        {
            var interner = KeyInterner.Rent(account);
            return (interner, interner.Intern("b"), interner.Value(0), interner.MayHoldEquivalents);
        });
        Assert.Same(large, again);
        Assert.Equal(0, first);
        Assert.Equal("b", value);
        Assert.False(equivalents);
        Assert.False(KeyInterner.LargeIsKept);
        // a small statement's return puts it back in the large slot, not in a thread's spares
        OnFreshThread(() =>
        {
            again.Return();
            return 0;
        });
        Assert.True(KeyInterner.LargeIsKept);
        // a thread with a spare of its own takes that one, and the large one stays kept
        var (spare, rented) = OnFreshThread(() =>
        {
            var kept = KeyInterner.Rent(account);
            var small = KeyInterner.Rent(account);
            Fill(small, 10);
            small.Return();
            kept.Return();
            return (small, KeyInterner.Rent(account));
        });
        Assert.Same(spare, rented);
        Assert.NotSame(large, rented);
        Assert.True(KeyInterner.LargeIsKept);
        Assert.Same(large, OnFreshThread(() => KeyInterner.Rent(account)));
    }

    [Fact]
    public void An_interner_past_the_large_bound_is_not_kept()
    {
        var account = new MemoryTracker(null).Open("test keys");
        OnFreshThread(() => KeyInterner.Rent(account));
        Assert.False(KeyInterner.LargeIsKept);
        OnFreshThread(() =>
        {
            var interner = KeyInterner.Rent(account);
            Fill(interner, KeyInterner.LargeKept + 1);
            interner.Return();
            return 0;
        });
        Assert.False(KeyInterner.LargeIsKept);
    }

    private const int Claims = 20_000;

    /// <summary>
    /// 20,000 claims with string ids, a few with an integer id or none, one id given twice; 2,000 experts each endorsing
    /// ten claims spread over all of them (some twice).
    /// </summary>
    private static async Task<EmbeddedDriver> Build()
    {
        var driver = Engine.New();
        await driver.Run("CREATE CONSTRAINT c_n FOR (c:C) REQUIRE c.n IS UNIQUE");
        await driver.Run("CREATE CONSTRAINT e_n FOR (e:E) REQUIRE e.n IS UNIQUE");
        await driver.Run($"UNWIND range(0, {Claims - 1}) AS k CREATE (:C {{n: k, id: CASE WHEN k % 997 = 5 THEN k WHEN k % 1009 = 7 THEN null WHEN k = 3 THEN 'c4' ELSE 'c' + toString(k) END}})");
        await driver.Run("UNWIND range(0, 1999) AS k CREATE (:E {n: k})");
        await driver.Run($"UNWIND range(0, 19999) AS k MATCH (e:E {{n: k % 2000}}), (c:C {{n: (k * 7919) % {Claims}}}) CREATE (e)-[:A]->(c)");
        await driver.Run("MATCH (e:E)-[:A]->(c:C) WHERE e.n % 31 = 0 CREATE (e)-[:A]->(c)");
        return driver;
    }

    private const string Fused = "MATCH (c:C)<-[:A]-(:E) RETURN c.id AS c, count(*) AS n";
    private const string RowByRow = "MATCH (c:C)<-[:A]-(:E) WITH c RETURN c.id AS c, count(*) AS n";
    private const string Small = "MATCH (c:C)<-[:A]-(:E) WHERE c.n < 40 RETURN c.id AS c, count(*) AS n";
    private const string SmallRowByRow = "MATCH (c:C)<-[:A]-(:E) WHERE c.n < 40 WITH c RETURN c.id AS c, count(*) AS n";

    [Fact]
    public async Task A_count_over_many_keys_gives_the_row_engine_rows_before_and_after_a_small_one()
    {
        await using var driver = await Build();
        Assert.Contains("ChainCount", driver.Explain(Fused));
        var expected = RowTexts.Sorted(await driver.Run(RowByRow));
        Assert.True(expected.Count > KeyInterner.MaxKept);
        var smallExpected = RowTexts.Sorted(await driver.Run(SmallRowByRow));
        for (var run = 0; run < 3; run++)
        {
            Assert.Equal(expected, RowTexts.Sorted(await driver.Run(Fused)));
            Assert.Equal(smallExpected, RowTexts.Sorted(await driver.Run(Small)));
        }
        Assert.Equal(expected, RowTexts.Sorted(await driver.Run("PROFILE " + Fused)));
    }

    [Fact]
    public async Task A_transaction_that_has_written_counts_its_own_changes()
    {
        await using var driver = await Build();
        await using var session = driver.AsyncSession();
        var tx = await session.BeginTransactionAsync();
        await tx.RunAsync("MATCH (c:C) WHERE c.n % 13 = 0 DETACH DELETE c");
        await tx.RunAsync("MATCH (c:C) WHERE c.n % 17 = 1 SET c.id = c.n * 2");
        await tx.RunAsync("MATCH (e:E {n: 1}), (c:C {n: 2}) CREATE (e)-[:A]->(c)");
        var expected = RowTexts.Sorted(await tx.RunAsync(RowByRow));
        Assert.Equal(expected, RowTexts.Sorted(await tx.RunAsync(Fused)));
        Assert.Equal(expected, RowTexts.Sorted(await tx.RunAsync(Fused)));
        await tx.RollbackAsync();
        Assert.Equal(RowTexts.Sorted(await driver.Run(RowByRow)), RowTexts.Sorted(await driver.Run(Fused)));
    }
}
