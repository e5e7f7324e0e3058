namespace Graph.Storage.Tests;

/// <summary>
/// A commit that creates thousands of relationships groups them by endpoint in one counting sort instead of a list
/// per node: the adjacency it leaves must be the one small commits leave, for open readers, deletes in the same
/// commit, and the log replayed after a crash.
/// </summary>
public class BulkCommitTests
{
    private const int Nodes = 300;
    private const int Created = 6000;

    private sealed record Rel(long Id, int Type, long Start, long End);

    /// <summary>Writes a small commit (per-node path), then a bulk one that also deletes; returns the expected relationships.</summary>
    private static (List<Rel> Before, List<Rel> After) Load(IGraphStore store, Action? betweenCommits = null)
    {
        var random = new Random(7);
        int knows = store.Type("KNOWS"), likes = store.Type("LIKES");
        var before = store.Write(tx =>
        {
            var rels = new List<Rel>();
            for (var i = 0; i < Nodes; i++) tx.CreateNode(store.Labels("N"), store.Props(("i", (long)i)));
            for (var i = 0; i < 200; i++)
            {
                long a = random.Next(Nodes), b = random.Next(Nodes);
                rels.Add(new Rel(tx.CreateRelationship(knows, a, b, []), knows, a, b));
            }
            return rels;
        });
        betweenCommits?.Invoke();
        var after = store.Write(tx =>
        {
            var rels = new List<Rel>(before);
            foreach (var gone in before.Where((_, i) => i % 4 == 0).ToList())
            {
                tx.DeleteRelationship(gone.Id);
                rels.Remove(gone);
            }
            for (var i = 0; i < Created; i++)
            {
                long a = random.Next(Nodes), b = i % 50 == 0 ? a : random.Next(Nodes); // some self-loops
                var type = i % 3 == 0 ? likes : knows;
                rels.Add(new Rel(tx.CreateRelationship(type, a, b, store.Props(("w", (long)i))), type, a, b));
            }
            return rels;
        });
        return (before, after);
    }

    private static void AssertAdjacency(StorageTransaction tx, List<Rel> expected)
    {
        var byId = expected.ToDictionary(r => r.Id);
        var outgoing = expected.ToLookup(r => r.Start);
        var incoming = expected.ToLookup(r => r.End);
        for (long n = 0; n < Nodes; n++)
        {
            var node = n;
            Assert.Equal(outgoing[node].Select(r => r.Id).Order(), tx.Relationships(node, Direction.Outgoing).Select(r => r.Id).Order());
            Assert.Equal(incoming[node].Select(r => r.Id).Order(), tx.Relationships(node, Direction.Incoming).Select(r => r.Id).Order());
            Assert.Equal(outgoing[node].Union(incoming[node]).Count(), tx.Degree(node, Direction.Both));
            foreach (var rel in tx.Relationships(node, Direction.Both))
                Assert.Equal(byId[rel.Id], new Rel(rel.Id, rel.Type, rel.Start, rel.End));
        }
        Assert.Equal(expected.Count, tx.AllRelationships().Count());
    }

    [Fact]
    public void A_bulk_commit_leaves_the_adjacency_of_small_commits_and_old_readers_their_snapshot()
    {
        using var store = StoreTestExtensions.InMemory();
        StorageTransaction? reader = null;
        var (before, after) = Load(store, () => reader = store.BeginTransaction(write: false));
        using (reader)
        {
            AssertAdjacency(reader!, before);
        }
        store.Read(tx =>
        {
            AssertAdjacency(tx, after);
            return 0;
        });
        // A later small commit still appends to the groups the bulk commit built.
        var extra = store.Write(tx => new Rel(tx.CreateRelationship(store.Type("KNOWS"), 1, 2, []), store.Type("KNOWS"), 1, 2));
        store.Read(tx =>
        {
            AssertAdjacency(tx, [.. after, extra]);
            return 0;
        });
    }

    [Fact]
    public void A_bulk_commit_is_replayed_from_the_log_with_the_same_adjacency()
    {
        var directory = Directory.CreateTempSubdirectory("graph-bulk-").FullName;
        var crashed = directory + "-crashed";
        try
        {
            List<Rel> after;
            using (var store = GraphStore.Open(new StoreOptions { Directory = directory, SyncOnCommit = false }))
            {
                (_, after) = Load(store);
                // A crash now: only what the log holds survives (the open store keeps its LOCK, so copy the files).
                Directory.CreateDirectory(crashed);
                foreach (var file in Directory.GetFiles(directory).Where(f => !f.EndsWith(GraphStore.LockFileName, StringComparison.Ordinal)))
                    File.Copy(file, Path.Combine(crashed, Path.GetFileName(file)));
            }
            using var recovered = GraphStore.Open(new StoreOptions { Directory = crashed, SyncOnCommit = false });
            Assert.Equal(2, recovered.Recovery.CommittedTransactionsReplayed);
            recovered.Read(tx =>
            {
                AssertAdjacency(tx, after);
                return 0;
            });
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
            if (Directory.Exists(crashed)) Directory.Delete(crashed, recursive: true);
        }
    }
}
