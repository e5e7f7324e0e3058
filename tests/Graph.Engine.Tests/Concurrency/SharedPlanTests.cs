using Graph.Engine.Execution;
using Graph.Engine.Planning;
using Graph.Engine.Tests.Runtime;
using TestEngine = Graph.Engine.Tests.Runtime.Engine;

namespace Graph.Engine.Tests.Concurrency;

/// <summary>A cached plan is shared by concurrent executions: it never changes, and each execution counts its own work.</summary>
public class SharedPlanTests
{
    private const int Threads = 16;
    private const int RunsPerThread = 25;
    private const string Query = "MATCH (n:Item) WHERE n.k = $k RETURN count(n) AS c";

    [Fact]
    public async Task One_cached_plan_runs_from_16_threads_while_the_schema_changes_and_every_answer_and_profile_is_its_own()
    {
        await using var driver = TestEngine.New();
        // 20 + k items have k = k: every thread expects its own, distinct count
        await driver.Run("UNWIND range(0, 399) AS i CREATE (:Item {k: i % 20})");
        await driver.Run("UNWIND range(0, 19) AS k UNWIND range(1, k) AS j CREATE (:Item {k: k})");
        var first = await driver.Profile(Query, new { k = 0 });
        Assert.True(first.Plan.Root.IsFrozen);

        // no schema change: all 16 threads run the very plan the first execution cached
        var plans = await RunReaders(driver, changeSchema: false);
        Assert.All(plans, plan => Assert.Same(first.Plan, plan));

        // after a schema change the first plan is outdated; while another thread keeps creating and dropping an index,
        // plans are replaced again and again, and every answer and count stays right
        await driver.Run("CREATE INDEX item_k FOR (n:Item) ON (n.k)");
        await driver.Run("DROP INDEX item_k");
        plans = await RunReaders(driver, changeSchema: true);
        Assert.DoesNotContain(first.Plan, plans);

        // after the last change the cache serves a plan made for the current schema
        await driver.Run("CREATE INDEX item_k FOR (n:Item) ON (n.k)");
        var after = await driver.Profile(Query, new { k = 3 });
        Assert.DoesNotContain(after.Plan, plans);
        Assert.Equal(1, after.Single<NodeIndexSeekOp>().IndexedSeeks);
        Assert.Equal(23, after.Single<NodeIndexSeekOp>().Rows);
    }

    /// <summary>16 threads run <see cref="Query"/> under PROFILE, checking each answer and this execution's own counts.</summary>
    private static async Task<List<CompiledStatement>> RunReaders(EmbeddedDriver driver, bool changeSchema)
    {
        using var start = new Barrier(Threads + 1);
        using var stop = new CancellationTokenSource();
        var plans = new System.Collections.Concurrent.ConcurrentBag<CompiledStatement>();
        var readers = Enumerable.Range(0, Threads).Select(t => Task.Factory.StartNew(async () =>
        {
            start.SignalAndWait();
            var k = t % 20;
            for (var i = 0; i < RunsPerThread; i++)
            {
                var run = await driver.Profile(Query, new { k });
                plans.Add(run.Plan);
                Assert.Equal((long)(20 + k), run.Result.Single()["c"]);
                // this execution's own rows, not the sum over the threads sharing the plan
                Assert.Equal(20 + k, run.Single<NodeIndexSeekOp>().Rows);
                Assert.Equal(1, run.Single<AggregationOp>().Rows);
            }
        }, TaskCreationOptions.LongRunning).Unwrap()).ToList();
        var changer = Task.Factory.StartNew(async () =>
        {
            start.SignalAndWait();
            if (!changeSchema) return;
            do
            {
                await driver.Run("CREATE INDEX item_k FOR (n:Item) ON (n.k)");
                await driver.Run("DROP INDEX item_k");
            }
            while (!stop.IsCancellationRequested);
        }, TaskCreationOptions.LongRunning).Unwrap();
        await Task.WhenAll(readers);
        await stop.CancelAsync();
        await changer;
        Assert.Equal(Threads * RunsPerThread, plans.Count);
        return plans.ToList();
    }

    [Fact]
    public void A_plan_compiled_while_the_schema_changed_is_not_served_to_later_callers()
    {
        var cache = new PlanCache(8);
        long version = 0;
        var stale = cache.GetOrAdd("q", version, _ =>
        {
            version++; // a schema change commits while the statement is being planned
            return Compiled();
        });
        var fresh = cache.GetOrAdd("q", version, _ => Compiled());
        Assert.NotSame(stale, fresh);
        Assert.Same(fresh, cache.GetOrAdd("q", version, _ => throw new InvalidOperationException("planned again")));
        // a caller that saw the schema before the change may still get the newer plan
        Assert.Same(fresh, cache.GetOrAdd("q", version - 1, _ => throw new InvalidOperationException("planned again")));
    }

    [Fact]
    public void A_published_plan_cannot_be_changed()
    {
        var statement = Compiled();
        var expand = Assert.IsType<ExpandOp>(statement.Root);
        expand.ReuseRows = true; // while planning
        statement.Root.Freeze();
        Assert.True(expand.IsFrozen);
        Assert.True(expand.ReuseRows);
        Assert.Throws<InvalidOperationException>(() => expand.ReuseRows = true);
    }

    private static CompiledStatement Compiled() => new()
    {
        Query = "q",
        Root = new ExpandOp(new ArgumentOp(), 0, 1, 2, Graph.Storage.Direction.Outgoing, new RelTypeFilter([]), false, false, [], "(a)-->(b)"),
        Columns = [],
        ColumnSlots = [],
        SlotCount = 3,
        IsWrite = false,
        IsSchema = false,
    };
}
