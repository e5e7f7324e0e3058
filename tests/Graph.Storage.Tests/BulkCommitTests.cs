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

    /// <summary>
    /// More relationships than the transaction's list holds per chunk (65,536) and than the columns grow by at a time
    /// while a commit writes them: the chunks freed behind the commit and the columns grown as it goes must leave every
    /// relationship, the ones rolled back to a savepoint absent, for readers and for the log replayed after a crash.
    /// </summary>
    [Fact]
    public void A_commit_of_several_hundred_thousand_relationships_spans_chunks_and_replays_the_same()
    {
        const int nodes = 2000, created = 300_000;
        var directory = Directory.CreateTempSubdirectory("graph-bulk-chunks-").FullName;
        var crashed = directory + "-crashed";
        try
        {
            var expected = new List<Rel>();
            using (var store = GraphStore.Open(new StoreOptions { Directory = directory, SyncOnCommit = false }))
            {
                var knows = store.Type("KNOWS");
                store.Write(tx =>
                {
                    for (var i = 0; i < nodes; i++) tx.CreateNode(store.Labels("N"), []);
                    var savepoint = -1;
                    for (var i = 0; i < created; i++)
                    {
                        // A statement of 1,000 relationships across the first chunk boundary is rolled back: never created.
                        if (i == 65_000) savepoint = tx.CreateSavepoint();
                        long a = i % nodes, b = i % 97 == 0 ? a : (i * 7 + 3) % nodes; // some self-loops
                        var id = tx.CreateRelationship(knows, a, b, store.Props(("w", (long)(i % 5))));
                        if (i < 65_000 || i >= 66_000) expected.Add(new Rel(id, knows, a, b));
                        if (i == 65_999) tx.RollbackToSavepoint(savepoint);
                    }
                    return 0;
                });
                store.Read(tx =>
                {
                    AssertAll(tx, expected, nodes);
                    return 0;
                });
                Directory.CreateDirectory(crashed);
                foreach (var file in Directory.GetFiles(directory).Where(f => !f.EndsWith(GraphStore.LockFileName, StringComparison.Ordinal)))
                    File.Copy(file, Path.Combine(crashed, Path.GetFileName(file)));
            }
            using var recovered = GraphStore.Open(new StoreOptions { Directory = crashed, SyncOnCommit = false });
            recovered.Read(tx =>
            {
                AssertAll(tx, expected, nodes);
                return 0;
            });
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
            if (Directory.Exists(crashed)) Directory.Delete(crashed, recursive: true);
        }
    }

    private static void AssertAll(StorageTransaction tx, List<Rel> expected, int nodes)
    {
        Assert.Equal(expected.Count, tx.AllRelationships().Count());
        var outgoing = expected.ToLookup(r => r.Start);
        var incoming = expected.ToLookup(r => r.End);
        for (long n = 0; n < nodes; n += 37)
        {
            var node = n;
            var actualOut = tx.Relationships(node, Direction.Outgoing).ToList();
            var actualIn = tx.Relationships(node, Direction.Incoming).ToList();
            Assert.Equal(outgoing[node].Select(r => r.Id).Order(), actualOut.Select(r => r.Id).Order());
            Assert.Equal(incoming[node].Select(r => r.Id).Order(), actualIn.Select(r => r.Id).Order());
            // Apart from self-loops (kept in a list of their own), in creation order, as the per-node lists kept them.
            Assert.Equal(outgoing[node].Where(r => r.End != node).Select(r => r.Id), actualOut.Where(r => r.End != node).Select(r => r.Id));
            Assert.Equal(incoming[node].Where(r => r.Start != node).Select(r => r.Id), actualIn.Where(r => r.Start != node).Select(r => r.Id));
        }
        var last = expected[^1];
        var found = tx.Relationships(last.Start, Direction.Outgoing).Single(r => r.Id == last.Id);
        Assert.Equal(last, new Rel(found.Id, found.Type, found.Start, found.End));
    }
}
