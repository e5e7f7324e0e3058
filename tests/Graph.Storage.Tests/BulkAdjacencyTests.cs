namespace Graph.Storage.Tests;

/// <summary>
/// A bulk commit writes each created relationship straight into its final adjacency lists (a counting sort over node,
/// type and direction): lists too long to share an array, nodes that already had relationships, types beyond what the
/// tables hold, relationships rolled back to a savepoint, and the log replayed after a crash must all leave the
/// adjacency small commits leave, each list in creation order and a node's types in the order they first occur.
/// </summary>
public class BulkAdjacencyTests
{
    private sealed record Rel(long Id, int Type, long Start, long End);

    [Fact]
    public void A_node_s_types_come_in_the_order_they_first_occur_and_each_list_in_creation_order()
    {
        using var store = StoreTestExtensions.InMemory();
        var types = Enumerable.Range(0, 6).Select(t => store.Type($"T{t}")).ToArray();
        store.Write(tx =>
        {
            for (var i = 0; i < 100; i++) tx.CreateNode(store.Labels("N"), []);
            return 0;
        });
        var rels = store.Write(tx =>
        {
            var created = new List<Rel>();
            // The commit meets T3, T1, T4 first (at node 2); node 0 meets T4, then T1, then T3; then the rest at random.
            foreach (var first in new[] { 3, 1, 4 })
                created.Add(new Rel(tx.CreateRelationship(types[first], 2, 3, []), types[first], 2, 3));
            foreach (var first in new[] { 4, 1, 3 })
                created.Add(new Rel(tx.CreateRelationship(types[first], 0, 1, []), types[first], 0, 1));
            var random = new Random(3);
            for (var i = 0; i < 5000; i++)
            {
                long a = random.Next(100), b = random.Next(100);
                var type = types[random.Next(types.Length)];
                created.Add(new Rel(tx.CreateRelationship(type, a, b, []), type, a, b));
            }
            return created;
        });
        store.Read(tx =>
        {
            var typeOrder = tx.Relationships(0, Direction.Both).Select(r => r.Type).Distinct().Take(3);
            Assert.Equal([types[4], types[1], types[3]], typeOrder);
            AssertLists(tx, rels, 100, types);
            return 0;
        });
    }

    [Fact]
    public void A_hub_longer_than_a_shared_array_slice_then_a_second_bulk_commit_with_a_rollback_replays_the_same()
    {
        const int nodes = 500, hubEdges = 40_000; // 80,000 ints per direction: beyond AdjacencyArena.SharedUpTo
        var directory = Directory.CreateTempSubdirectory("graph-bulk-hub-").FullName;
        var crashed = directory + "-crashed";
        try
        {
            var rels = new List<Rel>();
            int[] types;
            using (var store = GraphStore.Open(new StoreOptions { Directory = directory, SyncOnCommit = false }))
            {
                types = [store.Type("OUT"), store.Type("IN")];
                store.Write(tx =>
                {
                    for (var i = 0; i < nodes; i++) tx.CreateNode(store.Labels("N"), []);
                    for (var i = 0; i < hubEdges; i++)
                    {
                        long other = 1 + i % (nodes - 1);
                        rels.Add(new Rel(tx.CreateRelationship(types[0], 0, other, []), types[0], 0, other));
                        rels.Add(new Rel(tx.CreateRelationship(types[1], other, 0, []), types[1], other, 0));
                    }
                    return 0;
                });
                // Every node now has relationships: the second bulk commit merges into their groups instead of packing.
                store.Write(tx =>
                {
                    var random = new Random(9);
                    for (var i = 0; i < 20_000; i++)
                    {
                        if (i == 5_000)
                        {
                            var savepoint = tx.CreateSavepoint();
                            for (var j = 0; j < 3_000; j++) tx.CreateRelationship(types[0], random.Next(nodes), random.Next(nodes), []);
                            tx.RollbackToSavepoint(savepoint);
                        }
                        long a = i % 7 == 0 ? 0 : random.Next(nodes), b = random.Next(nodes);
                        var type = types[i % 2];
                        rels.Add(new Rel(tx.CreateRelationship(type, a, b, []), type, a, b));
                    }
                    return 0;
                });
                store.Read(tx =>
                {
                    AssertLists(tx, rels, nodes, types);
                    return 0;
                });
                Directory.CreateDirectory(crashed);
                foreach (var file in Directory.GetFiles(directory).Where(f => !f.EndsWith(GraphStore.LockFileName, StringComparison.Ordinal)))
                    File.Copy(file, Path.Combine(crashed, Path.GetFileName(file)));
            }
            using var recovered = GraphStore.Open(new StoreOptions { Directory = crashed, SyncOnCommit = false });
            Assert.Equal(2, recovered.Recovery.CommittedTransactionsReplayed);
            recovered.Read(tx =>
            {
                AssertLists(tx, rels, nodes, types);
                return 0;
            });
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
            if (Directory.Exists(crashed)) Directory.Delete(crashed, recursive: true);
        }
    }

    [Fact]
    public void A_bulk_commit_with_more_types_than_the_tables_hold_files_them_per_node()
    {
        using var store = StoreTestExtensions.InMemory();
        var types = Enumerable.Range(0, 80).Select(t => store.Type($"T{t}")).ToArray();
        var rels = store.Write(tx =>
        {
            for (var i = 0; i < 200; i++) tx.CreateNode(store.Labels("N"), []);
            var created = new List<Rel>();
            var random = new Random(4);
            for (var i = 0; i < 8000; i++)
            {
                long a = random.Next(200), b = i % 30 == 0 ? a : random.Next(200);
                var type = types[i % types.Length];
                created.Add(new Rel(tx.CreateRelationship(type, a, b, []), type, a, b));
            }
            return created;
        });
        store.Read(tx =>
        {
            AssertLists(tx, rels, 200, types);
            return 0;
        });
    }

    [Fact]
    public void Nodes_created_after_a_rollback_take_relationships_and_the_rolled_back_ones_are_gone()
    {
        using var store = StoreTestExtensions.InMemory();
        var knows = store.Type("KNOWS");
        var weight = store.Key("w");
        var (kept, gone, later) = store.Write(tx =>
        {
            var first = tx.CreateNode(store.Labels("N"), []);
            var savepoint = tx.CreateSavepoint();
            var rolledBack = tx.CreateNode(store.Labels("N"), []);
            tx.CreateRelationship(knows, first, rolledBack, []);
            tx.RollbackToSavepoint(savepoint);
            Assert.Throws<EntityNotFoundException>(() => tx.CreateRelationship(knows, first, rolledBack, []));
            Assert.False(tx.NodeExists(rolledBack));
            var next = tx.CreateNode(store.Labels("N"), []);
            Assert.True(next > rolledBack); // ids are not reused
            tx.CreateRelationship(knows, first, next, store.Props(("w", 1L)));
            return (first, rolledBack, next);
        });
        var rel = store.Read(tx =>
        {
            Assert.False(tx.NodeExists(gone));
            Assert.Equal([later], tx.Relationships(kept, Direction.Outgoing).Select(r => r.End));
            return tx.Relationships(kept, Direction.Outgoing).Single().Id;
        });
        // A committed relationship's properties: changed, set back to the same value (no change), read after commit.
        store.Write(tx => tx.SetRelationshipProperty(rel, weight, 2L));
        Assert.False(store.Write(tx => tx.SetRelationshipProperty(rel, weight, 2L)));
        Assert.Equal(2L, store.Read(tx => tx.RelationshipProperty(rel, weight)));
    }

    [Fact]
    public void Only_types_with_self_loops_get_a_loop_slot_and_every_list_reads_back()
    {
        var layout = new Records.SlotLayout([false, true, false]);
        Assert.Equal(7, layout.SlotsPerNode); // two per type, and a third for the type with loops
        Assert.Equal(-1, layout.SlotOrNone(5, 0, Records.SlotLayout.Loops));
        Assert.Equal(5 * 7 + 4, layout.SlotOrNone(5, 1, Records.SlotLayout.Loops));
        Assert.Equal(5 * 7 + 5, layout.Slot(5, 2, Records.SlotLayout.Outgoing));
        Assert.Equal(1, layout.IntsPerEntry(4));
        Assert.Equal(2, layout.IntsPerEntry(5));

        // A bulk commit where one type of three has self-loops: loops, both directions and the type order all as created.
        using var store = StoreTestExtensions.InMemory();
        var types = new[] { store.Type("A"), store.Type("LOOPS"), store.Type("C") };
        store.Write(tx =>
        {
            for (var i = 0; i < 60; i++) tx.CreateNode(store.Labels("N"), []);
            return 0;
        });
        var rels = store.Write(tx =>
        {
            var created = new List<Rel>();
            var random = new Random(7);
            for (var i = 0; i < 6000; i++)
            {
                var type = types[random.Next(types.Length)];
                long a = random.Next(60), b = type == types[1] && i % 4 == 0 ? a : (a + 1 + random.Next(59)) % 60;
                created.Add(new Rel(tx.CreateRelationship(type, a, b, []), type, a, b));
            }
            return created;
        });
        Assert.Contains(rels, r => r.Start == r.End);
        Assert.DoesNotContain(rels, r => r.Start == r.End && r.Type != types[1]);
        store.Read(tx =>
        {
            AssertLists(tx, rels, 60, types);
            return 0;
        });
    }

    private static void AssertLists(StorageTransaction tx, List<Rel> expected, int nodes, int[] types)
    {
        var byStart = expected.ToLookup(r => (r.Start, r.Type));
        var byEnd = expected.ToLookup(r => (r.End, r.Type));
        for (long n = 0; n < nodes; n++)
        {
            foreach (var type in types)
            {
                var node = n;
                Assert.Equal(byStart[(node, type)].Where(r => r.End != node).Select(r => r.Id).Order(),
                    tx.Relationships(node, Direction.Outgoing, [type]).Where(r => r.End != node).Select(r => r.Id));
                Assert.Equal(byEnd[(node, type)].Where(r => r.Start != node).Select(r => r.Id).Order(),
                    tx.Relationships(node, Direction.Incoming, [type]).Where(r => r.Start != node).Select(r => r.Id));
                Assert.Equal(byStart[(node, type)].Where(r => r.End == node).Select(r => r.Id).Order(),
                    tx.Relationships(node, Direction.Both, [type]).Where(r => r.Start == node && r.End == node).Select(r => r.Id));
            }
        }
        Assert.Equal(expected.Count, tx.AllRelationships().Count());
    }
}
