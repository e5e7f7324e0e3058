namespace Graph.Storage.Tests;

/// <summary>
/// Committed relationship properties are held as the number of a pooled record (4 bytes per relationship) where the pool
/// has the record, and as a reference otherwise (large or unusual values, a full pool, a history kept for open readers).
/// Whichever way a relationship's value is held, and however it moves between the two, every reader sees the value of
/// its version, before and after a reopen from a snapshot and from the log.
/// </summary>
public class RelPropertyColumnTests
{
    private static IGraphStore OpenAt(string directory) =>
        GraphStore.Open(new StoreOptions { Directory = directory, SyncOnCommit = false, WriteLockTimeout = TimeSpan.FromSeconds(5) });

    [Fact]
    public void Small_records_of_a_bulk_commit_are_numbered_and_take_no_reference_chunk()
    {
        var store = (GraphStore)StoreTestExtensions.InMemory();
        using var _ = store;
        var type = store.Type("R");
        var rels = store.Write(tx =>
        {
            var nodes = Enumerable.Range(0, 100).Select(_ => tx.CreateNode([], [])).ToArray();
            return Enumerable.Range(0, 5000).Select(i =>
                tx.CreateRelationship(type, nodes[i % 100], nodes[i * 7 % 100], i % 3 == 0 ? [] : store.Props(("w", (long)(i % 5)), ("s", "abc"[(i % 3)..])))).ToArray();
        });
        Assert.Equal(0, store.Data.Rels.Properties.ReferenceChunks);
        store.Read(tx =>
        {
            for (var i = 0; i < rels.Length; i++)
            {
                if (i % 3 == 0) Assert.Empty(tx.RelationshipProperties(rels[i]));
                else Assert.Equal([(long)(i % 5), "abc"[(i % 3)..]], tx.RelationshipProperties(rels[i]).Select(p => p.Value));
            }
            return 0;
        });
    }

    [Fact]
    public void A_value_moving_between_number_and_reference_is_seen_by_each_reader_at_its_version()
    {
        var store = (GraphStore)StoreTestExtensions.InMemory();
        using var _ = store;
        int type = store.Type("R"), key = store.Key("v");
        var longText = new string('x', 200); // beyond what the pool holds
        var rel = store.Write(tx => tx.CreateRelationship(type, tx.CreateNode([], []), tx.CreateNode([], []), store.Props(("v", longText))));
        Assert.Equal(1, store.Data.Rels.Properties.ReferenceChunks);
        var first = store.BeginTransaction(write: false);
        store.Write(tx => tx.SetRelationshipProperty(rel, key, 1L)); // a pooled record now, while a reader needs the old one
        var second = store.BeginTransaction(write: false);
        store.Write(tx => tx.SetRelationshipProperty(rel, key, new List<object?> { 1L, "two" }));
        Assert.Equal(longText, first.RelationshipProperty(rel, key));
        Assert.Equal(1L, second.RelationshipProperty(rel, key));
        first.Dispose();
        second.Dispose();
        store.Write(tx => tx.SetRelationshipProperty(rel, key, 2L)); // no reader: the history goes, a number again
        Assert.Equal(2L, store.Read(tx => tx.RelationshipProperty(rel, key)));
        store.Write(tx => tx.SetRelationshipProperty(rel, key, null));
        Assert.Empty(store.Read(tx => tx.RelationshipProperties(rel)));
        store.Write(tx => tx.SetRelationshipProperty(rel, key, longText));
        Assert.Equal(longText, store.Read(tx => tx.RelationshipProperty(rel, key)));
    }

    [Fact]
    public void Records_beyond_what_the_pool_numbers_are_kept_by_reference_and_survive_a_snapshot_and_the_log()
    {
        const int distinct = Records.PropertyPool.MaxPooled + 500;
        using var dir = new TempDirectory();
        long[] rels;
        using (var store = OpenAt(dir.Path))
        {
            var type = store.Type("R");
            rels = store.Write(tx =>
            {
                var a = tx.CreateNode([], []);
                var b = tx.CreateNode([], []);
                return Enumerable.Range(0, distinct).Select(i => tx.CreateRelationship(type, a, b, store.Props(("w", (long)i)))).ToArray();
            });
            Assert.True(((GraphStore)store).Data.Rels.Properties.ReferenceChunks > 0);
            store.Checkpoint();
            // After the snapshot, through the log: a pooled value, a reference, and a new relationship.
            store.Write(tx =>
            {
                tx.SetRelationshipProperty(rels[0], store.Key("w"), "text");
                tx.SetRelationshipProperty(rels[^1], store.Key("w"), -1L);
                return 0;
            });
        }
        using var reopened = OpenAt(dir.Path);
        var w = reopened.Key("w");
        reopened.Read(tx =>
        {
            Assert.Equal("text", tx.RelationshipProperty(rels[0], w));
            Assert.Equal(-1L, tx.RelationshipProperty(rels[^1], w));
            for (var i = 1; i < rels.Length - 1; i++) Assert.Equal((long)i, tx.RelationshipProperty(rels[i], w));
            return 0;
        });
    }
}
