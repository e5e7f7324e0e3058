namespace Graph.Engine.Tests.Runtime;

public sealed class PersistenceTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "graph-engine-tests-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Data_and_schema_survive_dispose_and_reopen()
    {
        var options = new EngineOptions { SyncOnCommit = false };
        await using (var driver = EmbeddedDriver.Open(_dir, options))
        {
            await driver.Run("CREATE CONSTRAINT e_id FOR (e:Expert) REQUIRE e.id IS UNIQUE");
            await driver.Run("CREATE (:Expert {id: 'a', tags: ['x', 'y']})-[:AGREES_WITH {weight: 2}]->(:Expert {id: 'b'})");
        }
        await using (var reopened = EmbeddedDriver.Open(_dir, options))
        {
            var row = (await reopened.Run("MATCH (a:Expert)-[r:AGREES_WITH]->(b) RETURN a.id AS a, a.tags AS tags, r.weight AS w, b.id AS b")).Single();
            Assert.Equal("a", row["a"]);
            Assert.Equal(new object?[] { "x", "y" }, (IReadOnlyList<object?>)row["tags"]!);
            Assert.Equal(2L, row["w"]);
            Assert.Equal("b", row["b"]);
            await Assert.ThrowsAsync<Graph.Client.ClientException>(() => reopened.Run("CREATE (:Expert {id: 'a'})"));
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }
}
