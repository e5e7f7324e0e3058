namespace Graph.Storage.Tests;

/// <summary>
/// A store of <see cref="Nodes"/> nodes with random relationships of three types (packed and appended groups, a parallel
/// pair, self-loops), and a check run on each view of its adjacency: an older reader (before and after later commits), a
/// newer reader, and a writer with uncommitted creates and deletes that has deleted node 9 (then rolled back).
/// </summary>
internal static class AdjacencyViews
{
    public const int Nodes = 50;

    /// <summary>
    /// Runs <paramref name="check"/> (a transaction and the three types) on every view, and <paramref name="checkDeleted"/>
    /// on the writer once it has deleted node 9. <paramref name="random"/> makes the graph; the checks may draw from it too.
    /// </summary>
    public static void CheckEvery(Random random, Action<StorageTransaction, int[]> check, Action<StorageTransaction> checkDeleted)
    {
        using var store = StoreTestExtensions.InMemory();
        var types = Enumerable.Range(0, 3).Select(t => store.Type($"T{t}")).ToArray();
        store.Write(tx =>
        {
            for (var i = 0; i < Nodes; i++) tx.CreateNode(store.Labels("N"), []);
            return 0;
        });
        var rels = store.Write(tx => Enumerable.Range(0, 2000).Select(_ => Create(tx, random, types)).ToList());
        store.Write(tx =>
        {
            // a parallel pair and a self-loop besides the random ones
            tx.CreateRelationship(types[0], 1, 2, []);
            tx.CreateRelationship(types[0], 1, 2, []);
            tx.CreateRelationship(types[1], 3, 3, []);
            return 0;
        });
        using var old = store.BeginTransaction(write: false);
        check(old, types);
        store.Write(tx =>
        {
            for (var i = 0; i < 30; i++) Create(tx, random, types);
            foreach (var id in rels.Where((_, i) => i % 17 == 0)) tx.DeleteRelationship(id);
            return 0;
        });
        store.Read(tx =>
        {
            check(tx, types);
            return 0;
        });
        check(old, types);

        using var writer = store.BeginTransaction(write: true);
        for (var i = 0; i < 20; i++) Create(writer, random, types);
        writer.CreateRelationship(types[2], 4, 4, []);
        foreach (var id in writer.Relationships(9, Direction.Both).Select(r => r.Id).ToList()) writer.DeleteRelationship(id);
        writer.DeleteNode(9);
        check(writer, types);
        checkDeleted(writer);
        writer.Rollback();
    }

    private static long Create(StorageTransaction tx, Random random, int[] types)
    {
        long a = random.Next(Nodes), b = random.Next(12) == 0 ? a : random.Next(Nodes);
        return tx.CreateRelationship(types[random.Next(types.Length)], a, b, []);
    }
}
