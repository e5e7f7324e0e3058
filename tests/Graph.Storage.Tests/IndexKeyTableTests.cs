using Graph.Storage.Records;

namespace Graph.Storage.Tests;

public class IndexKeyTableTests
{
    [Fact]
    public void Random_adds_and_removes_match_a_plain_set_per_key()
    {
        // keys 0..7 collide often; node 0 is a real id (the entry's default value must not read as "no node")
        var table = new IndexKeyTable<string>(StringComparer.Ordinal);
        var expected = new Dictionary<string, HashSet<long>>();
        var random = new Random(18);
        for (var step = 0; step < 20_000; step++)
        {
            var key = "k" + random.Next(8);
            var node = (long)random.Next(6);
            if (random.Next(3) > 0)
            {
                table.Add(key, node);
                if (!expected.TryGetValue(key, out var set)) expected[key] = set = [];
                set.Add(node);
            }
            else
            {
                table.Remove(key, node);
                if (expected.TryGetValue(key, out var set) && set.Remove(node) && set.Count == 0) expected.Remove(key);
            }
            if (step % 97 != 0) continue;
            for (var k = 0; k < 8; k++)
            {
                var found = new List<long>();
                table.CopyTo("k" + k, found);
                Assert.Equal(expected.GetValueOrDefault("k" + k)?.Order().ToArray() ?? [], found.Order().ToArray());
            }
            Assert.Equal(expected.Count, table.Count);
            Assert.Equal(expected.Count(e => e.Value.Count > 1), table.SeveralCount);
        }
    }

    [Fact]
    public void A_key_back_to_one_node_keeps_no_set_and_repeated_adds_change_nothing()
    {
        var table = new IndexKeyTable<string>(StringComparer.Ordinal);
        table.Add("a", 0);
        table.Add("a", 0);
        Assert.Equal((1, 0), (table.Count, table.SeveralCount));
        table.Add("a", 5);
        table.Add("a", 5);
        Assert.Equal((1, 1), (table.Count, table.SeveralCount));
        table.Remove("a", 7); // not there
        table.Remove("b", 0); // no such key
        Assert.Equal((1, 1), (table.Count, table.SeveralCount));
        table.Remove("a", 0);
        Assert.Equal((1, 0), (table.Count, table.SeveralCount));
        var found = new List<long>();
        table.CopyTo("a", found);
        Assert.Equal([5L], found);
        table.Remove("a", 0); // the remaining node is another one
        Assert.Equal(1, table.Count);
        table.Remove("a", 5);
        Assert.Equal((0, 0), (table.Count, table.SeveralCount));
    }

    [Fact]
    public void A_unique_index_keeps_one_node_per_key_until_a_reader_needs_a_deleted_one()
    {
        var store = (GraphStore)StoreTestExtensions.InMemory();
        using var _ = store;
        int label = store.Label("Expert"), key = store.Key("id");
        store.Write(tx => { tx.CreateUniqueConstraint(new ConstraintDefinition("expert_id", label, [key])); return 0; });
        var ids = store.Write(tx => Enumerable.Range(0, 50).Select(i => tx.CreateNode(store, "Expert", ("id", "e" + i))).ToArray());
        var index = store.Data.Schema.Live.Single();
        Assert.Equal((50, 0), index.KeyCounts);

        // an old reader still sees the deleted node; the new node with the same id is indexed beside it
        var reader = store.BeginTransaction(write: false);
        var replacement = store.Write(tx =>
        {
            tx.DeleteNode(ids[3]);
            return tx.CreateNode(store, "Expert", ("id", "e3"));
        });
        Assert.Equal((50, 1), index.KeyCounts);
        Assert.Equal(new[] { ids[3] }, reader.NodesByProperty(label, key, "e3"));
        store.Read(tx => { Assert.Equal(new[] { replacement }, tx.NodesByProperty(label, key, "e3")); return 0; });
        reader.Dispose();
        store.Write(tx => tx.CreateNode([], [])); // the next commit drops what no reader needs
        Assert.Equal((50, 0), index.KeyCounts);
        store.Read(tx =>
        {
            Assert.Equal(new[] { replacement }, tx.NodesByProperty(label, key, "e3"));
            Assert.Equal(new[] { ids[4] }, tx.NodesByProperty(label, key, "e4"));
            return 0;
        });
    }
}
