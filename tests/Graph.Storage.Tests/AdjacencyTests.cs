namespace Graph.Storage.Tests;

public class AdjacencyTests
{
    /// <summary>
    /// A new node's relationships of interleaved types, both directions and self-loops land in one group per type, each
    /// in creation order, for a few types and for many.
    /// </summary>
    [Theory]
    [InlineData(3)]
    [InlineData(20)]
    public void A_new_node_gets_one_group_per_type_in_creation_order(int typeCount)
    {
        using var store = StoreTestExtensions.InMemory();
        var types = Enumerable.Range(0, typeCount).Select(t => store.Type($"T{t}")).ToArray();
        var (hub, created) = store.Write(tx =>
        {
            var hub = tx.CreateNode([], []);
            var other = tx.CreateNode([], []);
            var created = new List<RelationshipRef>();
            for (var i = 0; i < 200; i++)
            {
                var type = types[(i * 7) % typeCount];
                var (start, end) = (i % 3) switch { 0 => (hub, other), 1 => (other, hub), _ => (hub, hub) };
                created.Add(new RelationshipRef(tx.CreateRelationship(type, start, end, []), type, start, end));
            }
            return (hub, created);
        });
        store.Read(tx =>
        {
            foreach (var type in types)
            {
                var ofType = created.Where(r => r.Type == type).ToList();
                Assert.Equal(ofType.Where(r => r.Start == hub && r.End != hub).Select(r => r.Id),
                    tx.Relationships(hub, Direction.Outgoing, [type]).Where(r => r.End != hub).Select(r => r.Id));
                Assert.Equal(ofType.Where(r => r.End == hub && r.Start != hub).Select(r => r.Id),
                    tx.Relationships(hub, Direction.Incoming, [type]).Where(r => r.Start != hub).Select(r => r.Id));
                Assert.Equal(ofType.Where(r => r.Start == r.End).Select(r => r.Id),
                    tx.Relationships(hub, Direction.Outgoing, [type]).Where(r => r.End == hub).Select(r => r.Id));
                Assert.Equal(ofType.Count, tx.Degree(hub, Direction.Both, [type]));
            }
            Assert.Equal(created.Count, tx.Relationships(hub, Direction.Both).Count());
            return 0;
        });
    }

    [Fact]
    public void Relationships_expand_by_type_and_direction_with_self_loops_once()
    {
        using var store = StoreTestExtensions.InMemory();
        int knows = store.Type("KNOWS"), likes = store.Type("LIKES");
        var (a, b, ab, ba, aa, likesAb) = store.Write(tx =>
        {
            var a = tx.CreateNode([], []);
            var b = tx.CreateNode([], []);
            var ab = tx.CreateRelationship(knows, a, b, store.Props(("since", 2001L)));
            var ba = tx.CreateRelationship(knows, b, a, []);
            var aa = tx.CreateRelationship(knows, a, a, []);
            var likesAb = tx.CreateRelationship(likes, a, b, []);
            // Inside the writing transaction the overlay answers the same way.
            AssertExpansions(tx, a, ab, ba, aa, likesAb);
            return (a, b, ab, ba, aa, likesAb);
        });
        store.Read(tx =>
        {
            AssertExpansions(tx, a, ab, ba, aa, likesAb);
            Assert.Equal(new RelationshipRef(ab, knows, a, b), tx.Relationship(ab));
            Assert.Equal(2001L, tx.RelationshipProperty(ab, store.Key("since")));
            Assert.Equal(b, tx.Relationship(ab).OtherEnd(a));
            Assert.Equal(4, tx.AllRelationships().Count());
            Assert.Equal(3, tx.Degree(b, Direction.Both));
            return 0;
        });
        store.Write(tx =>
        {
            tx.DeleteRelationship(aa);
            tx.DeleteRelationship(ab);
            Assert.Equal(new[] { ba }, Ids(tx.Relationships(a, Direction.Both, [knows])));
            Assert.Equal(1, tx.Degree(a, Direction.Both, [knows]));
            return 0;
        });
        store.Read(tx =>
        {
            Assert.Equal(new[] { ba }, Ids(tx.Relationships(a, Direction.Both, [knows])));
            Assert.Equal(new[] { ba, likesAb }.Order(), Ids(tx.Relationships(a, Direction.Both)).Order());
            Assert.False(tx.RelationshipExists(ab));
            return 0;
        });
    }

    [Fact]
    public void Degrees_inside_a_writing_transaction_count_what_expanding_would_return()
    {
        using var store = StoreTestExtensions.InMemory();
        int knows = store.Type("KNOWS"), likes = store.Type("LIKES");
        var random = new Random(7);
        var nodes = store.Write(tx => Enumerable.Range(0, 6).Select(_ => tx.CreateNode([], [])).ToArray());
        var committed = store.Write(tx => Enumerable.Range(0, 30)
            .Select(_ => tx.CreateRelationship(random.Next(2) == 0 ? knows : likes, nodes[random.Next(6)], nodes[random.Next(6)], [])).ToList());
        store.Write(tx =>
        {
            // Delete some committed relationships, add new ones (loops included), delete some of those again.
            foreach (var rel in committed.Where((_, i) => i % 3 == 0)) tx.DeleteRelationship(rel);
            var added = Enumerable.Range(0, 30)
                .Select(_ => tx.CreateRelationship(random.Next(2) == 0 ? knows : likes, nodes[random.Next(6)], nodes[random.Next(6)], [])).ToList();
            foreach (var rel in added.Where((_, i) => i % 4 == 0)) tx.DeleteRelationship(rel);
            foreach (var node in nodes)
            foreach (var direction in new[] { Direction.Outgoing, Direction.Incoming, Direction.Both })
            foreach (var types in new int[]?[] { null, [knows], [likes], [knows, likes] })
                Assert.Equal(tx.Relationships(node, direction, types).Count(), tx.Degree(node, direction, types));
            return 0;
        });
    }

    [Fact]
    public void Appending_commits_share_arrays_but_every_reader_keeps_its_own_degree()
    {
        using var store = StoreTestExtensions.InMemory();
        var knows = store.Type("KNOWS");
        var hub = store.Write(tx => tx.CreateNode([], []));
        var snapshots = new List<(StorageTransaction Tx, long[] Expected)>();
        var all = new List<long>();
        // Many small commits to one node: its group is appended to in place, growing past several capacities.
        for (var commit = 0; commit < 12; commit++)
        {
            all.AddRange(store.Write(tx => Enumerable.Range(0, 3).Select(i =>
                i == 2 ? tx.CreateRelationship(knows, hub, hub, []) // a self-loop
                : i == 1 ? tx.CreateRelationship(knows, tx.CreateNode([], []), hub, [])
                : tx.CreateRelationship(knows, hub, tx.CreateNode([], []), [])).ToList()));
            snapshots.Add((store.BeginTransaction(write: false), all.ToArray()));
        }
        // A deletion rebuilds the group; later appends start from the rebuilt arrays.
        store.Write(tx => { tx.DeleteRelationship(all[4]); return 0; });
        var afterDelete = all.Where(r => r != all[4]).ToList();
        afterDelete.Add(store.Write(tx => tx.CreateRelationship(knows, hub, tx.CreateNode([], []), [])));

        foreach (var (tx, expected) in snapshots)
        {
            Assert.Equal(expected.Order(), Ids(tx.Relationships(hub, Direction.Both, [knows])).Order());
            Assert.Equal(expected.Length, tx.Degree(hub, Direction.Both, [knows]));
            Assert.Equal(expected.Length / 3 * 2, tx.Degree(hub, Direction.Outgoing)); // two per commit: out + loop
            tx.Dispose();
        }
        store.Read(tx =>
        {
            Assert.Equal(afterDelete.Order(), Ids(tx.Relationships(hub, Direction.Both)).Order());
            Assert.Equal(afterDelete.Count, tx.Degree(hub, Direction.Both));
            return 0;
        });
    }

    [Fact]
    public void Equal_relationship_properties_share_one_record_but_stay_independent()
    {
        using var store = StoreTestExtensions.InMemory();
        var type = store.Type("ENDORSES");
        var (a, b, zero, negativeZero, integer, real) = store.Write(tx =>
        {
            var n = tx.CreateNode([], []);
            return (tx.CreateRelationship(type, n, n, store.Props(("confidence", 0.5), ("section", "A"))),
                tx.CreateRelationship(type, n, n, store.Props(("confidence", 0.5), ("section", "A"))),
                tx.CreateRelationship(type, n, n, store.Props(("w", 0.0))),
                tx.CreateRelationship(type, n, n, store.Props(("w", -0.0))),
                tx.CreateRelationship(type, n, n, store.Props(("w", 1L))),
                tx.CreateRelationship(type, n, n, store.Props(("w", 1.0))));
        });
        store.Read(tx =>
        {
            Assert.Same(tx.RelationshipProperties(a), tx.RelationshipProperties(b));
            Assert.True(double.IsNegative((double)tx.RelationshipProperty(negativeZero, store.Key("w"))!));
            Assert.False(double.IsNegative((double)tx.RelationshipProperty(zero, store.Key("w"))!));
            Assert.IsType<long>(tx.RelationshipProperty(integer, store.Key("w")));
            Assert.IsType<double>(tx.RelationshipProperty(real, store.Key("w")));
            return 0;
        });
        store.Write(tx => tx.SetRelationshipProperty(a, store.Key("section"), "B"));
        store.Read(tx =>
        {
            Assert.Equal("B", tx.RelationshipProperty(a, store.Key("section")));
            Assert.Equal("A", tx.RelationshipProperty(b, store.Key("section")));
            return 0;
        });
    }

    private static void AssertExpansions(StorageTransaction tx, long a, long ab, long ba, long aa, long likesAb)
    {
        var knows = new[] { tx.Relationship(ab).Type };
        Assert.Equal(new[] { ab, aa }.Order(), Ids(tx.Relationships(a, Direction.Outgoing, knows)).Order());
        Assert.Equal(new[] { ba, aa }.Order(), Ids(tx.Relationships(a, Direction.Incoming, knows)).Order());
        Assert.Equal(new[] { ab, ba, aa }.Order(), Ids(tx.Relationships(a, Direction.Both, knows)).Order());
        Assert.Equal(new[] { ab, ba, aa, likesAb }.Order(), Ids(tx.Relationships(a, Direction.Both)).Order());
        Assert.Equal(3, tx.Degree(a, Direction.Both, knows));
        Assert.Equal(2, tx.Degree(a, Direction.Outgoing, knows));
        Assert.Equal(4, tx.Degree(a, Direction.Both));
        var loop = tx.Relationships(a, Direction.Both, knows).Single(r => r.Id == aa);
        Assert.Equal(a, loop.Start);
        Assert.Equal(a, loop.End);
        Assert.Equal(a, loop.OtherEnd(a));
    }

    [Fact]
    public void Relationship_property_history_serves_old_readers_and_is_dropped_afterwards()
    {
        var store = (GraphStore)StoreTestExtensions.InMemory();
        using var _ = store;
        int type = store.Type("R"), key = store.Key("w");
        var rel = store.Write(tx => tx.CreateRelationship(type, tx.CreateNode([], []), tx.CreateNode([], []), store.Props(("w", 1L))));
        var old = store.BeginTransaction(write: false);
        store.Write(tx => tx.SetRelationshipProperty(rel, key, 2L));
        var middle = store.BeginTransaction(write: false);
        store.Write(tx => { tx.DeleteRelationship(rel); return 0; });
        Assert.Equal(1L, old.RelationshipProperty(rel, key));
        Assert.Equal(2L, middle.RelationshipProperty(rel, key));
        Assert.True(middle.RelationshipExists(rel));
        Assert.Single(middle.Relationships(0, Direction.Outgoing));
        old.Dispose();
        middle.Dispose();
        store.Write(tx => tx.CreateNode([], []));
        Assert.IsType<KeyValuePair<int, object>[]>(store.Data.Rels.Properties.Read(rel));
        store.Read(tx => { Assert.False(tx.RelationshipExists(rel)); Assert.Empty(tx.AllRelationships()); return 0; });
    }

    private static long[] Ids(IEnumerable<RelationshipRef> rels) => rels.Select(r => r.Id).ToArray();
}
