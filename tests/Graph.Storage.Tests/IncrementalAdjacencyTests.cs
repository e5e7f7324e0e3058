namespace Graph.Storage.Tests;

/// <summary>
/// Nodes gaining relationships over many small commits, as a batched Cypher load does: with no reader open their groups
/// are extended in place (see RelGroup.ExtendInPlace), with one open they are replaced. Either way every reader sees
/// exactly the relationships committed up to its version, before and after a reopen.
/// </summary>
public class IncrementalAdjacencyTests
{
    private static IGraphStore OpenAt(string directory) =>
        GraphStore.Open(new StoreOptions { Directory = directory, SyncOnCommit = false, WriteLockTimeout = TimeSpan.FromSeconds(5) });

    /// <summary>Adds one commit's worth of relationships of two types, both directions and self-loops, to hub.</summary>
    private static List<RelationshipRef> AddRound(IGraphStore store, long hub, long[] others, int[] types, int round) =>
        store.Write(tx =>
        {
            var created = new List<RelationshipRef>();
            for (var i = 0; i < 5 + round % 7; i++)
            {
                var type = types[(round + i) % types.Length];
                var other = others[(round * 3 + i) % others.Length];
                var (start, end) = (i % 3) switch { 0 => (hub, other), 1 => (other, hub), _ => (hub, hub) };
                created.Add(new RelationshipRef(tx.CreateRelationship(type, start, end, []), type, start, end));
            }
            return created;
        });

    private static void AssertAdjacency(StorageTransaction tx, long hub, long[] others, int[] types, List<RelationshipRef> expected)
    {
        foreach (var type in types)
        {
            var ofType = expected.Where(r => r.Type == type).ToList();
            // Self-loops come after the other lists, so compare in id order.
            Assert.Equal(ofType.Where(r => r.Start == hub).Select(r => r.Id).Order(), tx.Relationships(hub, Direction.Outgoing, [type]).Select(r => r.Id).Order());
            Assert.Equal(ofType.Where(r => r.End == hub).Select(r => r.Id).Order(), tx.Relationships(hub, Direction.Incoming, [type]).Select(r => r.Id).Order());
            Assert.Equal(ofType.Count, tx.Degree(hub, Direction.Both, [type]));
        }
        foreach (var other in others)
            Assert.Equal(expected.Where(r => r.Start == other || r.End == other).Select(r => r.Id).Order(),
                tx.Relationships(other, Direction.Both).Select(r => r.Id).Order());
    }

    [Fact]
    public void A_node_gaining_relationships_over_many_commits_reads_the_same_after_a_reopen()
    {
        using var dir = new TempDirectory();
        long hub;
        long[] others;
        int[] types;
        var expected = new List<RelationshipRef>();
        using (var store = OpenAt(dir.Path))
        {
            types = [store.Type("AGREES"), store.Type("CITES")];
            (hub, others) = store.Write(tx => (tx.CreateNode([], []), new[] { tx.CreateNode([], []), tx.CreateNode([], []), tx.CreateNode([], []) }));
            for (var round = 0; round < 60; round++)
            {
                expected.AddRange(AddRound(store, hub, others, types, round));
                if (round % 13 == 0) store.Read(tx => { AssertAdjacency(tx, hub, others, types, expected); return 0; });
            }
            store.Read(tx => { AssertAdjacency(tx, hub, others, types, expected); return 0; });
        }
        using (var reopened = OpenAt(dir.Path))
            reopened.Read(tx => { AssertAdjacency(tx, hub, others, types, expected); return 0; });
    }

    [Fact]
    public void A_reader_open_across_later_commits_keeps_seeing_its_version()
    {
        using var store = StoreTestExtensions.InMemory();
        int[] types = [store.Type("AGREES"), store.Type("CITES")];
        var (hub, others) = store.Write(tx => (tx.CreateNode([], []), new[] { tx.CreateNode([], []), tx.CreateNode([], []) }));
        var expected = new List<RelationshipRef>();
        for (var round = 0; round < 10; round++) expected.AddRange(AddRound(store, hub, others, types, round));

        var seen = expected.ToList();
        using (var reader = store.BeginTransaction(write: false))
        {
            // Commits while the reader is open publish new groups; the reader's stay as they were.
            for (var round = 10; round < 20; round++) expected.AddRange(AddRound(store, hub, others, types, round));
            AssertAdjacency(reader, hub, others, types, seen);
        }
        // Reader gone: later commits extend the groups published while it was open, in place.
        for (var round = 20; round < 40; round++) expected.AddRange(AddRound(store, hub, others, types, round));
        store.Read(tx => { AssertAdjacency(tx, hub, others, types, expected); return 0; });
    }

    [Fact]
    public void Relationships_rolled_back_to_a_savepoint_never_reach_the_extended_groups()
    {
        using var store = StoreTestExtensions.InMemory();
        int[] types = [store.Type("AGREES")];
        var (hub, others) = store.Write(tx => (tx.CreateNode([], []), new[] { tx.CreateNode([], []) }));
        var expected = new List<RelationshipRef>();
        for (var round = 0; round < 5; round++) expected.AddRange(AddRound(store, hub, others, types, round));
        store.Write(tx =>
        {
            var kept = tx.CreateRelationship(types[0], hub, others[0], []);
            expected.Add(new RelationshipRef(kept, types[0], hub, others[0]));
            var savepoint = tx.CreateSavepoint();
            for (var i = 0; i < 50; i++) tx.CreateRelationship(types[0], others[0], hub, []);
            tx.RollbackToSavepoint(savepoint);
            return 0;
        });
        for (var round = 5; round < 10; round++) expected.AddRange(AddRound(store, hub, others, types, round));
        store.Read(tx => { AssertAdjacency(tx, hub, others, types, expected); return 0; });
    }

    [Fact]
    public void Removing_and_adding_in_later_commits_keeps_the_extended_groups_right()
    {
        using var store = StoreTestExtensions.InMemory();
        int[] types = [store.Type("AGREES"), store.Type("CITES")];
        var (hub, others) = store.Write(tx => (tx.CreateNode([], []), new[] { tx.CreateNode([], []), tx.CreateNode([], []) }));
        var expected = new List<RelationshipRef>();
        for (var round = 0; round < 30; round++)
        {
            expected.AddRange(AddRound(store, hub, others, types, round));
            if (round % 4 != 3) continue;
            var removed = expected[round % expected.Count];
            store.Write(tx => { tx.DeleteRelationship(removed.Id); return 0; });
            expected.Remove(removed);
        }
        store.Read(tx => { AssertAdjacency(tx, hub, others, types, expected); return 0; });
    }

    [Fact]
    public void One_commit_removing_and_adding_at_the_same_nodes_and_connecting_a_new_node_reads_back_right()
    {
        using var store = GraphStore.Open(new StoreOptions());
        var type = store.Type("LINKS");
        var nodes = store.Write(tx => Enumerable.Range(0, 6).Select(_ => tx.CreateNode([], [])).ToArray());
        var first = store.Write(tx => Enumerable.Range(0, 10).Select(i => tx.CreateRelationship(type, nodes[i % 6], nodes[(i + 1) % 6], [])).ToList());
        var (added, fresh) = store.Write(tx =>
        {
            tx.DeleteRelationship(first[0]); // nodes 0 and 1 lose one, and gain others below
            tx.DeleteRelationship(first[4]); // 4 and 5 only lose one
            var node = tx.CreateNode([], []);
            return (new[]
            {
                tx.CreateRelationship(type, nodes[1], nodes[0], []),
                tx.CreateRelationship(type, node, nodes[1], []),
                tx.CreateRelationship(type, nodes[2], nodes[3], []),
            }, node);
        });
        var all = store.Read(tx => tx.AllRelationships().Select(tx.Relationship).Select(r => (r.Id, r.Start, r.End)).ToList());
        Assert.Equal(first.Count - 2 + added.Length, all.Count);
        store.Read(tx =>
        {
            foreach (var n in nodes.Append(fresh))
                Assert.Equal(all.Where(r => r.Start == n || r.End == n).Select(r => r.Id).Order(), tx.Relationships(n, Direction.Both).Select(r => r.Id).Order());
            return 0;
        });
    }

    [Fact]
    public void A_small_commit_adding_to_existing_groups_allocates_no_bookkeeping_object_per_touched_node()
    {
        using var store = GraphStore.Open(new StoreOptions());
        var type = store.Type("LINKS");
        const int n = 4000;
        var nodes = store.Write(tx => Enumerable.Range(0, n).Select(_ => tx.CreateNode([], [])).ToArray());
        void Round(int round) => store.Write(tx =>
        {
            for (var i = 0; i < n; i++) tx.CreateRelationship(type, nodes[i], nodes[(i + 1 + round) % n], []);
            return 0;
        });
        for (var round = 0; round < 3; round++) Round(round); // groups exist with room; the commit's scratch has grown

        var before = GC.GetAllocatedBytesForCurrentThread();
        Round(3);
        var perNode = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)n;
        // ~50 bytes per node are the transaction's relationship list. A node state and its dictionary entry per committed
        // end touched added ~150 bytes, and a delta, a list and a dictionary entry per node in the commit ~170 more.
        Assert.True(perNode < 120, $"{perNode:F0} bytes allocated per touched node");
    }

    [Fact]
    public void A_committed_end_sees_its_new_relationships_in_the_writer_and_once_deleted_takes_no_more()
    {
        using var store = GraphStore.Open(new StoreOptions());
        var type = store.Type("LINKS");
        var (a, b) = store.Write(tx => (tx.CreateNode([], []), tx.CreateNode([], [])));
        store.Write(tx =>
        {
            var rel = tx.CreateRelationship(type, a, b, []);
            Assert.Equal([rel], tx.Relationships(a, Direction.Outgoing).Select(r => r.Id));
            Assert.Equal(1, tx.Degree(b, Direction.Incoming));
            Assert.Throws<ConstraintViolationException>(() => tx.DeleteNode(a));
            tx.DeleteRelationship(rel);
            tx.DeleteNode(a);
            // a was the last relationship's start: remembered as existing until it was deleted
            Assert.Throws<EntityNotFoundException>(() => tx.CreateRelationship(type, a, b, []));
            Assert.Throws<EntityNotFoundException>(() => tx.CreateRelationship(type, b, a, []));
            return 0;
        });
        store.Read(tx =>
        {
            Assert.False(tx.NodeExists(a));
            Assert.Equal(0, tx.Degree(b, Direction.Both));
            return 0;
        });
    }
}
