namespace Graph.Storage.Tests;

/// <summary>
/// The ranks of a property column's strings (<see cref="StorageTransaction.TryReadNodeStringRanks"/>): none until asked
/// for as often as the column has entries; then for every node the order <c>string.CompareOrdinal</c> gives its string
/// among the others (equal strings one rank; empty, non-ASCII, surrogates, equal prefixes), the largest rank for no value,
/// none for a batch with a value of another type or a node the column does not cover; never for a transaction that has
/// written or a reader older than the column; dropped with the column by a commit that changes the key.
/// </summary>
public class StringRanksTests
{
    private static readonly string[] Tricky =
    [
        "", "a", "ab", "abc", "abd", "ab\0", "B", "b", "é", "e\u0301", "z", "\uD83D\uDE00", "\uFFFD", "\uE000", "\uD83D\uDC00", "Ω", "a",
        "e0000001", "e0000010", "e000001", "E0000001", "ab",
    ];

    private const int Nodes = 320;

    /// <summary>Node i: no id when i % 9 = 4, else a tricky string (repeats included) with a suffix for most.</summary>
    private static object? Value(int i) => i % 9 == 4 ? null : i < Tricky.Length ? Tricky[i] : Tricky[i % Tricky.Length] + (i % 3 == 0 ? "" : i.ToString());

    private static IGraphStore Build()
    {
        var store = StoreTestExtensions.InMemory();
        store.Write(tx =>
        {
            for (var i = 0; i < Nodes; i++)
                tx.CreateNode(store.Labels("N"), Value(i) is { } v ? store.Props(("id", v), ("n", (long)i)) : store.Props(("n", (long)i)));
            return 0;
        });
        return store;
    }

    private static Records.GraphData Data(IGraphStore store) => ((GraphStore)store).Data;

    private static long[] All => Enumerable.Range(0, Nodes).Select(i => (long)i).ToArray();

    /// <summary>Reads every node's id until the store makes the column, then asks for ranks until it makes them; returns how many asks it took.</summary>
    private static int AskUntilRanks(IGraphStore store, int key)
    {
        store.Read(tx =>
        {
            for (var reads = 0; reads < 4096 && !Data(store).HasColumn(key); reads++) tx.NodeProperty(reads % Nodes, key);
            return 0;
        });
        Assert.True(Data(store).HasColumn(key));
        return store.Read(tx =>
        {
            var ranks = new int[8];
            for (var asks = 1; asks < 1000; asks++)
                if (tx.TryReadNodeStringRanks(All.AsSpan(asks % 40, 8), key, ranks)) return asks;
            Assert.Fail("no ranks after 1,000 asks");
            return 0;
        });
    }

    /// <summary>Every pair of nodes' ranks ordered as their values: strings ordinally, no value after every string.</summary>
    private static void AssertOrder(StorageTransaction tx, int key, Func<int, object?> value)
    {
        var ranks = new int[Nodes];
        Assert.True(tx.TryReadNodeStringRanks(All, key, ranks));
        for (var i = 0; i < Nodes; i++)
        {
            if (value(i) is null) Assert.Equal(StorageTransaction.NoValueRank, ranks[i]);
            else Assert.InRange(ranks[i], 1, Nodes);
            for (var j = 0; j < Nodes; j++)
            {
                var expected = (value(i), value(j)) switch
                {
                    (null, null) => 0,
                    (null, _) => 1,
                    (_, null) => -1,
                    (string x, string y) => Math.Sign(string.CompareOrdinal(x, y)),
                    _ => throw new InvalidOperationException(),
                };
                Assert.Equal(expected, ranks[i].CompareTo(ranks[j]));
            }
        }
        // a batch in another order, with repeats, gives each node its rank
        var shuffled = All.Select(n => (n * 7919) % Nodes).Concat(All.Take(30)).ToArray();
        var again = new int[shuffled.Length];
        Assert.True(tx.TryReadNodeStringRanks(shuffled, key, again));
        Assert.Equal(shuffled.Select(n => ranks[n]), again);
    }

    [Fact]
    public void Ranks_are_made_only_once_asked_for_as_often_as_the_column_has_entries_and_order_the_strings_ordinally()
    {
        using var store = Build();
        var id = store.Key("id");
        var asks = AskUntilRanks(store, id);
        Assert.True(asks * 8 >= Nodes, $"ranks made after {asks} asks of 8");
        store.Read(tx =>
        {
            AssertOrder(tx, id, Value);
            return 0;
        });
    }

    [Fact]
    public void Nodes_beyond_the_column_values_of_another_type_and_writers_get_no_ranks()
    {
        using var store = Build();
        var id = store.Key("id");
        var n = store.Key("n");
        AskUntilRanks(store, id);
        store.Read(tx =>
        {
            var ranks = new int[2];
            Assert.False(tx.TryReadNodeStringRanks([1L, Nodes + 5], id, ranks)); // no such node: beyond the column
            Assert.False(tx.TryReadNodeStringRanks([1L, -1], id, ranks));
            return 0;
        });
        // a node created without the key keeps the column; the column does not cover it
        store.Write(tx => tx.CreateNode(store.Labels("N"), store.Props(("n", 1000L))));
        store.Read(tx =>
        {
            Assert.False(tx.TryReadNodeStringRanks([1L, Nodes], id, new int[2]));
            AssertOrder(tx, id, Value);
            return 0;
        });
        using (var writer = store.BeginTransaction(write: true))
        {
            writer.SetNodeProperty(1, n, 5L); // another key: the writer still reads its own overlay
            Assert.False(writer.TryReadNodeStringRanks([1L, 2L], id, new int[2]));
        }
        // a column of integers: asked as often, still no ranks
        store.Read(tx =>
        {
            for (var reads = 0; reads < 4096 && !Data(store).HasColumn(n); reads++) tx.NodeProperty(reads % Nodes, n);
            for (var asks = 0; asks < 200; asks++) Assert.False(tx.TryReadNodeStringRanks(All.AsSpan(0, 10), n, new int[10]));
            return 0;
        });
    }

    [Fact]
    public void A_commit_that_changes_the_key_drops_the_ranks_and_the_next_ones_order_the_new_strings()
    {
        using var store = Build();
        var id = store.Key("id");
        AskUntilRanks(store, id);
        using var before = store.BeginTransaction(write: false);
        Assert.True(before.TryReadNodeStringRanks([0L], id, new int[1]));
        store.Write(tx =>
        {
            tx.SetNodeProperty(1, id, "aa");
            tx.SetNodeProperty(2, id, null);
            tx.SetNodeProperty(4, id, "");
            tx.DeleteNode(3);
            return 0;
        });
        object? After(int i) => i switch { 1 => "aa", 2 => null, 4 => "", 3 => null, _ => Value(i) };
        store.Read(tx =>
        {
            Assert.False(tx.TryReadNodeStringRanks([0L], id, new int[1])); // the column went with the commit
            return 0;
        });
        // a reader older than the change never uses the new column
        AskUntilRanks(store, id);
        Assert.False(before.TryReadNodeStringRanks([0L], id, new int[1]));
        store.Read(tx =>
        {
            AssertOrder(tx, id, After);
            return 0;
        });
    }
    [Fact]
    public void The_strings_are_known_distinct_once_the_ranks_are_made_and_only_while_they_are()
    {
        using var store = StoreTestExtensions.InMemory();
        store.Write(tx =>
        {
            // unique strings, some nodes without the key, one integer (values of other types aside)
            for (var i = 0; i < Nodes; i++)
                tx.CreateNode(store.Labels("N"), i % 7 == 3 ? store.Props(("n", (long)i)) : i == 10 ? store.Props(("id", 10L)) : store.Props(("id", "u" + i)));
            return 0;
        });
        var id = store.Key("id");
        Assert.False(store.Read(tx => tx.NodeStringsDistinct(id))); // no column yet, no ranks
        AskUntilRanks(store, id);
        Assert.True(store.Read(tx => tx.NodeStringsDistinct(id)));
        Assert.False(store.Read(tx => tx.NodeStringsDistinct(store.Key("n")))); // no ranks of that key
        using (var writer = store.BeginTransaction(write: true))
        {
            writer.SetNodeProperty(1, store.Key("n"), 5L);
            Assert.False(writer.NodeStringsDistinct(id)); // a writer reads its own overlay
        }
        using var before = store.BeginTransaction(write: false);
        // a commit that makes two strings equal: the column and its ranks go; made again, they say the strings repeat
        store.Write(tx => tx.SetNodeProperty(2, id, "u1"));
        Assert.False(store.Read(tx => tx.NodeStringsDistinct(id)));
        AskUntilRanks(store, id);
        Assert.False(store.Read(tx => tx.NodeStringsDistinct(id)));
        Assert.False(before.NodeStringsDistinct(id)); // older than the new column
        // the tricky strings repeat
        using var tricky = Build();
        AskUntilRanks(tricky, tricky.Key("id"));
        Assert.False(tricky.Read(tx => tx.NodeStringsDistinct(tricky.Key("id"))));
    }
}
