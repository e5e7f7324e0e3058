namespace Graph.Storage.Tests;

/// <summary>
/// A bulk commit (and a snapshot load) packs the adjacency of nodes that had none into slices of shared arrays. Later
/// commits that add to or remove from such a node must copy its lists out, never write behind them into a neighbour's
/// entries; every reader keeps the adjacency of its own version, in creation order per type and direction.
/// </summary>
public class PackedAdjacencyTests
{
    private const int Nodes = 400;

    private sealed record Rel(long Id, int Type, long Start, long End);

    [Fact]
    public void Packed_nodes_take_appends_and_removals_without_touching_their_neighbours()
    {
        using var store = StoreTestExtensions.InMemory();
        var (rels, types) = BulkLoad(store);
        var firstVersion = new List<Rel>(rels);
        using var old = store.BeginTransaction(write: false);
        AssertAdjacency(old, firstVersion, types); // also takes the reader's snapshot

        var random = new Random(11);
        for (var round = 0; round < 3; round++)
        {
            store.Write(tx =>
            {
                // Few relationships (no packing): appends to packed groups of existing and new types, self-loops, removals.
                for (var i = 0; i < 60; i++)
                {
                    long a = random.Next(Nodes), b = i % 10 == 0 ? a : random.Next(Nodes);
                    var type = types[random.Next(types.Length)];
                    rels.Add(new Rel(tx.CreateRelationship(type, a, b, []), type, a, b));
                }
                foreach (var gone in rels.Where((_, i) => i % 37 == round).ToList())
                {
                    tx.DeleteRelationship(gone.Id);
                    rels.Remove(gone);
                }
                return 0;
            });
            store.Read(tx =>
            {
                AssertAdjacency(tx, rels, types);
                return 0;
            });
        }
        AssertAdjacency(old, firstVersion, types);
    }

    [Fact]
    public void A_snapshot_load_packs_adjacency_that_later_commits_extend_and_graph_check_accepts()
    {
        using var dir = new TempDirectory();
        List<Rel> rels;
        int[] types;
        using (var store = GraphStore.Open(new StoreOptions { Directory = dir.Path, SyncOnCommit = false }))
        {
            (rels, types) = BulkLoad(store);
            store.Checkpoint();
        }
        using (var store = GraphStore.Open(new StoreOptions { Directory = dir.Path, SyncOnCommit = false }))
        {
            store.Read(tx =>
            {
                AssertAdjacency(tx, rels, types);
                return 0;
            });
            store.Write(tx =>
            {
                for (long n = 0; n < Nodes; n += 3)
                {
                    var type = types[(int)(n % types.Length)];
                    rels.Add(new Rel(tx.CreateRelationship(type, n, (n + 1) % Nodes, []), type, n, (n + 1) % Nodes));
                }
                return 0;
            });
            store.Read(tx =>
            {
                AssertAdjacency(tx, rels, types);
                return 0;
            });
        }
        var check = StoreCheck.Run(dir.Path);
        Assert.True(check.Healthy, string.Join("\n", check.Findings));
    }

    /// <summary>Nodes first, then one commit of thousands of relationships (grouped by endpoint, so packed), node 0 with a dozen types.</summary>
    private static (List<Rel> Rels, int[] Types) BulkLoad(IGraphStore store)
    {
        var types = Enumerable.Range(0, 12).Select(t => store.Type($"T{t}")).ToArray();
        store.Write(tx =>
        {
            for (var i = 0; i < Nodes; i++) tx.CreateNode(store.Labels("N"), []);
            return 0;
        });
        var random = new Random(5);
        var rels = store.Write(tx =>
        {
            var created = new List<Rel>();
            for (var i = 0; i < 6000; i++)
            {
                long a = i < 120 ? 0 : random.Next(Nodes);
                long b = i % 40 == 0 ? a : random.Next(Nodes);
                var type = i < 120 ? types[i % types.Length] : types[random.Next(3)];
                created.Add(new Rel(tx.CreateRelationship(type, a, b, []), type, a, b));
            }
            return created;
        });
        return (rels, types);
    }

    private static void AssertAdjacency(StorageTransaction tx, List<Rel> expected, int[] types)
    {
        var all = expected.ToHashSet();
        for (long n = 0; n < Nodes; n++)
        {
            var node = n;
            foreach (var type in types)
            {
                // Creation (id) order within a type and direction; self-loops once, with the outgoing ones.
                Assert.Equal(expected.Where(r => r.Type == type && r.Start == node && r.End != node).Select(r => r.Id).Order(),
                    tx.Relationships(node, Direction.Outgoing, [type]).Where(r => r.End != node).Select(r => r.Id));
                Assert.Equal(expected.Where(r => r.Type == type && r.End == node && r.Start != node).Select(r => r.Id).Order(),
                    tx.Relationships(node, Direction.Incoming, [type]).Where(r => r.Start != node).Select(r => r.Id));
                Assert.Equal(expected.Where(r => r.Type == type && r.Start == node && r.End == node).Select(r => r.Id).Order(),
                    tx.Relationships(node, Direction.Both, [type]).Where(r => r.Start == node && r.End == node).Select(r => r.Id));
                Assert.Equal(expected.Count(r => r.Type == type && (r.Start == node || r.End == node)), tx.Degree(node, Direction.Both, [type]));
            }
            foreach (var rel in tx.Relationships(node, Direction.Both))
                Assert.Contains(new Rel(rel.Id, rel.Type, rel.Start, rel.End), all);
        }
    }
}
