using Graph.Client;

namespace Graph.Engine.Tests.Runtime;

public class TransactionTests
{
    [Fact]
    public async Task Explicit_transaction_commits_and_rollback_discards()
    {
        await using var driver = Engine.New();
        await using (var session = driver.AsyncSession())
        {
            var tx = await session.BeginTransactionAsync();
            await tx.RunAsync("CREATE (:Kept {v: 1})");
            Assert.Equal(1L, (await tx.RunAsync("MATCH (n:Kept) RETURN count(n)")).Single()[0]);
            await tx.CommitAsync();
            Assert.False(tx.IsOpen);

            var tx2 = await session.BeginTransactionAsync();
            await tx2.RunAsync("CREATE (:Dropped)");
            await tx2.RollbackAsync();
        }
        Assert.Equal(1L, await driver.Scalar("MATCH (n:Kept) RETURN count(n)"));
        Assert.Equal(0L, await driver.Scalar("MATCH (n:Dropped) RETURN count(n)"));
    }

    [Fact]
    public async Task Failing_statement_in_a_transaction_leaves_no_trace_and_the_transaction_goes_on()
    {
        await using var driver = Engine.New();
        await using (var session = driver.AsyncSession())
        {
            var tx = await session.BeginTransactionAsync();
            await tx.RunAsync("CREATE (:A)");
            var error = await Assert.ThrowsAsync<ClientException>(() => tx.RunAsync("UNWIND [1, 0] AS x CREATE (:A {v: 1 / x})"));
            Assert.Equal(Neo4jStatus.ArithmeticError, error.Code);
            Assert.Equal(1L, (await tx.RunAsync("MATCH (n:A) RETURN count(n)")).Single()[0]);
            await tx.CommitAsync();
        }
        Assert.Equal(1L, await driver.Scalar("MATCH (n:A) RETURN count(n)"));
    }

    [Fact]
    public async Task Failing_auto_commit_statement_is_atomic()
    {
        await using var driver = Engine.New();
        await Assert.ThrowsAsync<ClientException>(() => driver.Run("UNWIND [1, 2, 0] AS x CREATE (:B {v: 10 / x})"));
        Assert.Equal(0L, await driver.Scalar("MATCH (n) RETURN count(n)"));
    }

    [Fact]
    public async Task Deleting_a_connected_node_without_detach_fails_and_changes_nothing()
    {
        await using var driver = Engine.New();
        await driver.Run("CREATE (:X)-[:R]->(:Y)");
        var error = await Assert.ThrowsAsync<ClientException>(() => driver.Run("MATCH (x:X) DELETE x"));
        Assert.Equal("DeleteConnectedNode", error.Detail);
        Assert.Equal(2L, await driver.Scalar("MATCH (n) RETURN count(n)"));
        var result = await driver.Run("MATCH (x:X) DETACH DELETE x");
        Assert.Equal(1, result.Counters.NodesDeleted);
        Assert.Equal(1, result.Counters.RelationshipsDeleted);
    }

    [Fact]
    public async Task Read_session_rejects_writes_before_running_them()
    {
        await using var driver = Engine.New();
        await using var session = driver.AsyncSession(SessionConfig.Read);
        var error = await Assert.ThrowsAsync<ClientException>(() => session.RunAsync("CREATE (:Nope)"));
        Assert.Equal(Neo4jStatus.AccessMode, error.Code);
        var tx = await session.BeginTransactionAsync();
        var inTx = await Assert.ThrowsAsync<ClientException>(() => tx.RunAsync("MATCH (n) SET n.x = 1"));
        Assert.Equal(Neo4jStatus.AccessMode, inTx.Code);
        Assert.Equal(0L, (await tx.RunAsync("MATCH (n) RETURN count(n)")).Single()[0]);
        await tx.RollbackAsync();
        Assert.Equal(0L, await driver.Scalar("MATCH (n) RETURN count(n)"));
    }

    [Fact]
    public async Task Counters_follow_neo4j_rules()
    {
        await using var driver = Engine.New();
        var created = await driver.Run("CREATE (a:P:Q {x: 1, y: null})-[:R {w: 2}]->(b:P)");
        Assert.Equal(2, created.Counters.NodesCreated);
        Assert.Equal(1, created.Counters.RelationshipsCreated);
        Assert.Equal(3, created.Counters.LabelsAdded);
        Assert.Equal(2, created.Counters.PropertiesSet);
        var set = await driver.Run("MATCH (a:Q) SET a:P:Z, a.x = 1, a.gone = null");
        Assert.Equal(1, set.Counters.LabelsAdded); // only Z is new on the node
        Assert.Equal(1, set.Counters.PropertiesSet); // removing a missing property counts nothing
    }

    [Fact]
    public async Task Missing_parameter_is_reported_before_running()
    {
        await using var driver = Engine.New();
        var error = await Assert.ThrowsAsync<ClientException>(() => driver.Run("CREATE (:N {v: $value})"));
        Assert.Equal(Neo4jStatus.ParameterMissing, error.Code);
        Assert.Equal(0L, await driver.Scalar("MATCH (n) RETURN count(n)"));
    }
}
