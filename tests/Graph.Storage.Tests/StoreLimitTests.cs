namespace Graph.Storage.Tests;

/// <summary>Node and relationship ids are 32-bit in adjacency and relationship columns: the store refuses to pass the limit.</summary>
public class StoreLimitTests
{
    [Fact]
    public void Creating_a_node_past_the_id_limit_is_refused_and_changes_nothing()
    {
        using var store = StoreTestExtensions.InMemory();
        var kept = store.Write(tx => tx.CreateNode(store, "Expert", ("id", 1L)));
        var data = ((GraphStore)store).Data;
        data.NextNodeId = StoreLimits.MaxIds; // as if 2^31 - 1 ids had been handed out

        using (var tx = store.BeginTransaction(write: true))
        {
            var error = Assert.Throws<StoreLimitException>(() => tx.CreateNode(store, "Expert", ("id", 2L)));
            Assert.Contains("2,147,483,647", error.Message);
            Assert.Contains("node ids", error.Message);
        }
        Assert.Equal(1, store.NodeCount);
        Assert.True(store.Read(tx => tx.NodeExists(kept)));
    }

    [Fact]
    public void Creating_a_relationship_past_the_id_limit_is_refused()
    {
        using var store = StoreTestExtensions.InMemory();
        var (a, b) = store.Write(tx => (tx.CreateNode(store, "Expert"), tx.CreateNode(store, "Claim")));
        ((GraphStore)store).Data.NextRelId = StoreLimits.MaxIds;

        using (var tx = store.BeginTransaction(write: true))
        {
            var error = Assert.Throws<StoreLimitException>(() => tx.CreateRelationship(store.Type("ENDORSES"), a, b, []));
            Assert.Contains("relationship ids", error.Message);
        }
        Assert.Equal(0, store.RelationshipCount);
    }

    /// <summary>An older version (64-bit ids) could in principle have written a snapshot with more ids: it is refused, naming the limit, and left as it is.</summary>
    [Fact]
    public void A_snapshot_with_more_ids_than_the_limit_is_refused_with_the_limit_named_and_left_unchanged()
    {
        using var dir = new TempDirectory();
        using (var store = GraphStore.Open(new StoreOptions { Directory = dir.Path }))
        {
            store.Write(tx => tx.CreateNode(store, "Expert", ("id", 1L)));
            ((GraphStore)store).Data.NextNodeId = StoreLimits.MaxIds + 10;
            store.Checkpoint();
        }
        var before = Directory.GetFiles(dir.Path).Where(f => !f.EndsWith("LOCK")).ToDictionary(f => f, File.ReadAllBytes);

        var error = Assert.Throws<StoreLimitException>(() => GraphStore.Open(new StoreOptions { Directory = dir.Path }).Dispose());
        Assert.Contains("2,147,483,657 node ids", error.Message);
        Assert.Contains("at most 2,147,483,647", error.Message);
        foreach (var (file, bytes) in before) Assert.Equal(bytes, File.ReadAllBytes(file));
    }
}
