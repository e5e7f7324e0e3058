namespace Graph.Storage.Tests;

public class CrudTests
{
    [Fact]
    public void Nodes_are_created_read_updated_and_deleted()
    {
        using var store = StoreTestExtensions.InMemory();
        var id = store.Write(tx => tx.CreateNode(store, "Expert", ("id", "ana"), ("age", 40L)));
        store.Read(tx =>
        {
            Assert.True(tx.NodeExists(id));
            Assert.Equal(new[] { store.Label("Expert") }, tx.NodeLabels(id));
            Assert.Equal("ana", tx.NodeProperty(id, store.Key("id")));
            Assert.Equal(40L, tx.NodeProperty(id, store.Key("age")));
            Assert.Equal(2, tx.NodeProperties(id).Count);
            return 0;
        });
        store.Write(tx =>
        {
            Assert.True(tx.SetNodeProperty(id, store.Key("age"), 41));
            Assert.False(tx.SetNodeProperty(id, store.Key("age"), 41L));
            Assert.True(tx.SetNodeProperty(id, store.Key("id"), null));
            Assert.True(tx.AddLabel(id, store.Label("Person")));
            Assert.False(tx.AddLabel(id, store.Label("Person")));
            Assert.True(tx.RemoveLabel(id, store.Label("Expert")));
            return 0;
        });
        store.Read(tx =>
        {
            Assert.Equal(41L, tx.NodeProperty(id, store.Key("age")));
            Assert.Null(tx.NodeProperty(id, store.Key("id")));
            Assert.Equal(new[] { store.Label("Person") }, tx.NodeLabels(id));
            Assert.Empty(tx.NodesWithLabel(store.Label("Expert")));
            Assert.Equal(new[] { id }, tx.NodesWithLabel(store.Label("Person")));
            return 0;
        });
        Assert.Equal(1, store.CountNodesWithLabel(store.Label("Person")));
        Assert.Equal(0, store.CountNodesWithLabel(store.Label("Expert")));
        store.Write(tx => { tx.DeleteNode(id); Assert.False(tx.NodeExists(id)); return 0; });
        Assert.Equal(0, store.NodeCount);
        store.Read(tx => { Assert.False(tx.NodeExists(id)); Assert.Empty(tx.AllNodes()); return 0; });
    }

    [Fact]
    public void Property_values_are_normalized_to_storable_types()
    {
        using var store = StoreTestExtensions.InMemory();
        var id = store.Write(tx => tx.CreateNode(store, "N", ("i", 3), ("f", 1.5f), ("list", new List<int> { 1, 2 })));
        store.Read(tx =>
        {
            Assert.Equal(3L, tx.NodeProperty(id, store.Key("i")));
            Assert.Equal(1.5d, tx.NodeProperty(id, store.Key("f")));
            Assert.Equal(new object[] { 1L, 2L }, (object[])tx.NodeProperty(id, store.Key("list"))!);
            return 0;
        });
        using var write = store.BeginTransaction(write: true);
        var error = Assert.Throws<InvalidValueException>(() => write.SetNodeProperty(id, store.Key("bad"), new Dictionary<string, object>()));
        Assert.Contains("cannot be stored", error.Message);
        Assert.Contains("'bad'", error.Message);
    }

    [Theory]
    [InlineData(@"a\uD800b", 1)]
    [InlineData(@"\uDC00", 0)]
    [InlineData(@"ok \uD83D\uDE00 then \uDE00", 11)]
    public void Strings_with_an_unpaired_surrogate_are_refused_naming_the_property(string escaped, int index)
    {
        var text = System.Text.RegularExpressions.Regex.Unescape(escaped);
        using var store = StoreTestExtensions.InMemory();
        using var tx = store.BeginTransaction(write: true);
        var node = tx.CreateNode(store, "N");
        foreach (var attempt in new Action[]
                 {
                     () => tx.SetNodeProperty(node, store.Key("quote"), text),
                     () => tx.CreateNode(store.Labels("N"), store.Props(("quote", text))),
                     () => tx.SetNodeProperty(node, store.Key("quote"), new[] { "fine", text }),
                 })
        {
            var error = Assert.Throws<InvalidValueException>(attempt);
            Assert.Contains("Property 'quote'", error.Message);
            Assert.Contains($"at index {index}", error.Message);
            Assert.DoesNotContain(text, error.Message); // the message itself stays valid text
        }
        // Names are stored as text too.
        Assert.Throws<InvalidValueException>(() => store.Tokens.GetOrCreateLabel("L" + text));
        Assert.Throws<InvalidValueException>(() => store.Tokens.GetOrCreatePropertyKey(text));
        // A valid pair is kept as it is.
        tx.SetNodeProperty(node, store.Key("quote"), "\uD83D\uDE00");
        Assert.Equal("\uD83D\uDE00", tx.NodeProperty(node, store.Key("quote")));
    }

    [Fact]
    public void Writes_in_a_read_transaction_fail_with_ReadOnlyTransaction()
    {
        using var store = StoreTestExtensions.InMemory();
        using var tx = store.BeginTransaction(write: false);
        Assert.Throws<ReadOnlyTransactionException>(() => tx.CreateNode([], []));
    }

    [Fact]
    public void Deleting_a_node_with_relationships_fails_and_missing_entities_are_reported()
    {
        using var store = StoreTestExtensions.InMemory();
        using var tx = store.BeginTransaction(write: true);
        var a = tx.CreateNode([], []);
        var b = tx.CreateNode([], []);
        var r = tx.CreateRelationship(store.Type("KNOWS"), a, b, []);
        Assert.Throws<ConstraintViolationException>(() => tx.DeleteNode(a));
        tx.DeleteRelationship(r);
        tx.DeleteNode(a);
        Assert.Throws<EntityNotFoundException>(() => tx.SetNodeProperty(a, store.Key("x"), 1L));
        Assert.Throws<EntityNotFoundException>(() => tx.CreateRelationship(store.Type("KNOWS"), a, b, []));
        Assert.Throws<EntityNotFoundException>(() => tx.Relationship(r));
    }

    [Fact]
    public void Ids_are_not_reused_after_delete_or_rollback()
    {
        using var store = StoreTestExtensions.InMemory();
        var first = store.Write(tx => tx.CreateNode([], []));
        using (var tx = store.BeginTransaction(write: true))
        {
            tx.CreateNode([], []);
            tx.Rollback();
        }
        store.Write(tx => { tx.DeleteNode(first); return 0; });
        var next = store.Write(tx => tx.CreateNode([], []));
        Assert.Equal(first + 2, next);
    }
}
