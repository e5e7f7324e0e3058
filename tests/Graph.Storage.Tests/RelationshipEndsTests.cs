namespace Graph.Storage.Tests;

/// <summary>
/// Creating a relationship remembers the ends of the last one (a sorted bulk load then skips most lookups): a remembered
/// node that was deleted, or created after a savepoint that was rolled back, must still be refused as an end.
/// </summary>
public class RelationshipEndsTests
{
    [Fact]
    public void A_remembered_end_that_was_deleted_is_refused()
    {
        using var store = StoreTestExtensions.InMemory();
        var knows = store.Type("KNOWS");
        using var tx = store.BeginTransaction(write: true);
        long a = tx.CreateNode([], []), b = tx.CreateNode([], []);
        var rel = tx.CreateRelationship(knows, a, b, []);
        tx.DeleteRelationship(rel);
        tx.DeleteNode(b);
        Assert.Throws<EntityNotFoundException>(() => tx.CreateRelationship(knows, a, b, []));
        tx.DeleteNode(a);
        Assert.Throws<EntityNotFoundException>(() => tx.CreateRelationship(knows, a, a, []));
    }

    [Fact]
    public void A_remembered_end_created_after_a_rolled_back_savepoint_is_refused()
    {
        using var store = StoreTestExtensions.InMemory();
        var knows = store.Type("KNOWS");
        using var tx = store.BeginTransaction(write: true);
        var a = tx.CreateNode([], []);
        var savepoint = tx.CreateSavepoint();
        var b = tx.CreateNode([], []);
        var c = tx.CreateNode([], []);
        tx.CreateRelationship(knows, b, c, []);
        tx.RollbackToSavepoint(savepoint);
        Assert.Throws<EntityNotFoundException>(() => tx.CreateRelationship(knows, b, a, []));
        Assert.Throws<EntityNotFoundException>(() => tx.CreateRelationship(knows, a, c, []));
        var kept = tx.CreateRelationship(knows, a, a, []);
        tx.Commit();
        Assert.Equal(1, store.RelationshipCount);
        Assert.True(store.Read(r => r.RelationshipExists(kept)));
    }
}
