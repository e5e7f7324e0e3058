namespace Graph.Storage.Tests;

/// <summary>
/// Nodes created in a transaction are noted for property lookups only under indexed keys until a lookup asks for
/// another key: lookups by any key must still find every created node, before and after that first lookup.
/// </summary>
public class CreatedNodeLookupTests
{
    [Fact]
    public void A_lookup_by_an_unindexed_key_finds_the_nodes_created_before_and_after_it()
    {
        using var store = StoreTestExtensions.InMemory();
        int label = store.Label("Expert"), name = store.Key("name"), country = store.Key("country");
        var committed = store.Write(tx => tx.CreateNode(store, "Expert", ("name", "Ana"), ("country", "BR")));
        store.Write(tx =>
        {
            var bo = tx.CreateNode(store, "Expert", ("name", "Bo"), ("country", "BR"));
            Assert.Equal([bo], tx.NodesByProperty(label, name, "Bo"));
            var cy = tx.CreateNode(store, "Expert", ("name", "Cy"), ("country", "AR"));
            Assert.Equal([cy], tx.NodesByProperty(label, name, "Cy"));
            Assert.Equal(new[] { committed, bo }.Order(), tx.NodesByProperty(label, country, "BR").Order());
            tx.SetNodeProperty(bo, name, "Bob");
            Assert.Empty(tx.NodesByProperty(label, name, "Bo"));
            Assert.Equal([bo], tx.NodesByProperty(label, name, "Bob"));
            var savepoint = tx.CreateSavepoint();
            var gone = tx.CreateNode(store, "Expert", ("name", "Dee"));
            Assert.Equal([gone], tx.NodesByProperty(label, name, "Dee"));
            tx.RollbackToSavepoint(savepoint);
            Assert.Empty(tx.NodesByProperty(label, name, "Dee"));
            return 0;
        });
        store.Read(tx =>
        {
            Assert.Single(tx.NodesByProperty(label, name, "Cy"));
            Assert.Equal(2, tx.NodesByProperty(label, country, "BR").Count());
            return 0;
        });
    }
}
