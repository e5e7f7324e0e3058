namespace Graph.Storage.Tests;

/// <summary>
/// Node property reads through the store's property columns: a column is made only once a key's reads pay for it, gives
/// every reader exactly what the node records give its snapshot (present, missing and changed values, deleted and
/// created nodes, ids out of range), is dropped by a commit that changes the key and kept by one that does not, is never
/// used by a reader older than its last change or by a transaction that has written, and at most two are kept.
/// </summary>
public class PropertyColumnTests
{
    private const int Nodes = 300;

    private static IGraphStore Build()
    {
        var store = StoreTestExtensions.InMemory();
        store.Write(tx =>
        {
            for (var i = 0; i < Nodes; i++)
                tx.CreateNode(store.Labels("N"), i % 5 == 0
                    ? store.Props(("other", (long)i), ("third", (long)i))
                    : store.Props(("id", Value(i)), ("other", (long)i), ("third", (long)i)));
            tx.DeleteNode(7);
            return 0;
        });
        return store;
    }

    private static object Value(int i) => (i % 4) switch
    {
        0 => "expert-" + i,
        1 => (long)i,
        2 => i + 0.5,
        _ => new object[] { (long)i, "x" },
    };

    private static Records.GraphData Data(IGraphStore store) => ((GraphStore)store).Data;

    /// <summary>Reads every node's <paramref name="key"/> until the store makes its column; fails if 4,096 reads do not.</summary>
    private static void ReadUntilColumn(IGraphStore store, int key)
    {
        store.Read(tx =>
        {
            for (var reads = 0; reads < 4096; reads++)
            {
                tx.NodeProperty(reads % Nodes, key);
                if (Data(store).HasColumn(key)) return 0;
            }
            Assert.Fail("no column after 4,096 reads");
            return 0;
        });
    }

    /// <summary>Every node's value (and ids that do not exist) read one by one and in batches, twice (filling, then filled), against the records.</summary>
    private static void AssertRecords(StorageTransaction tx, int key, IReadOnlyDictionary<long, object?> expected)
    {
        var ids = Enumerable.Range(-2, Nodes + 6).Select(i => (long)i).Append(1L << 40).ToArray();
        var shuffled = ids.OrderBy(n => (n * 7919) % 101).ToArray();
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var id in shuffled) Assert.Equal(expected.GetValueOrDefault(id), tx.NodeProperty(id, key));
            var values = new object?[ids.Length];
            tx.ReadNodeProperty(ids, key, values);
            Assert.Equal(ids.Select(id => expected.GetValueOrDefault(id)), values);
        }
    }

    private static Dictionary<long, object?> Initial()
    {
        var values = new Dictionary<long, object?>();
        for (var i = 0; i < Nodes; i++)
            if (i % 5 != 0 && i != 7) values[i] = Value(i);
        return values;
    }

    [Fact]
    public void A_column_is_made_only_after_enough_reads_and_gives_the_records_values()
    {
        using var store = Build();
        var id = store.Key("id");
        store.Read(tx =>
        {
            for (var i = 0; i < 100; i++) tx.NodeProperty(i, id);
            return 0;
        });
        Assert.False(Data(store).HasColumn(id)); // a hundred reads do not pay for a column
        ReadUntilColumn(store, id);
        store.Read(tx =>
        {
            AssertRecords(tx, id, Initial());
            return 0;
        });
        Assert.True(Data(store).HasColumn(id));
    }

    [Fact]
    public void A_commit_that_changes_the_key_drops_the_column_and_older_readers_keep_their_values()
    {
        using var store = Build();
        var id = store.Key("id");
        ReadUntilColumn(store, id);
        using var before = store.BeginTransaction(write: false);
        AssertRecords(before, id, Initial()); // fills the column
        store.Write(tx =>
        {
            tx.SetNodeProperty(1, id, "changed");
            tx.SetNodeProperty(2, id, null);
            tx.SetNodeProperty(5, id, 5L); // a node that had no value
            tx.DeleteNode(3);
            tx.CreateNode(store.Labels("N"), store.Props(("id", "created")));
            return 0;
        });
        Assert.False(Data(store).HasColumn(id));
        var after = Initial();
        after[1] = "changed";
        after.Remove(2);
        after[5] = 5L;
        after.Remove(3);
        after[Nodes] = "created";
        store.Read(tx =>
        {
            AssertRecords(tx, id, after);
            return 0;
        });
        // a new column for the new values; the reader that began before the change still sees its own
        ReadUntilColumn(store, id);
        store.Read(tx =>
        {
            AssertRecords(tx, id, after);
            return 0;
        });
        AssertRecords(before, id, Initial());
    }

    [Fact]
    public void A_reader_older_than_the_columns_last_change_reads_the_records()
    {
        using var store = Build();
        var id = store.Key("id");
        using var before = store.BeginTransaction(write: false);
        before.NodeProperty(0, id); // takes its snapshot now
        store.Write(tx => tx.SetNodeProperty(4, id, "changed"));
        ReadUntilColumn(store, id);
        AssertRecords(before, id, Initial());
        var after = Initial();
        after[4] = "changed";
        store.Read(tx =>
        {
            AssertRecords(tx, id, after);
            return 0;
        });
    }

    [Fact]
    public void Commits_that_leave_the_key_alone_keep_the_column()
    {
        using var store = Build();
        var id = store.Key("id");
        var other = store.Key("other");
        ReadUntilColumn(store, id);
        store.Read(tx =>
        {
            AssertRecords(tx, id, Initial());
            return 0;
        });
        store.Write(tx =>
        {
            tx.SetNodeProperty(1, other, "x");
            tx.AddLabel(2, store.Label("M"));
            tx.CreateNode(store.Labels("N"), store.Props(("other", 1L)));
            tx.DeleteNode(10); // had no id
            tx.CreateRelationship(store.Type("R"), 1, 2, []);
            return 0;
        });
        Assert.True(Data(store).HasColumn(id));
        var after = Initial();
        store.Read(tx =>
        {
            AssertRecords(tx, id, after);
            Assert.Equal("x", tx.NodeProperty(1, other));
            Assert.Null(tx.NodeProperty(10, other));
            return 0;
        });
    }

    [Fact]
    public void A_transaction_that_has_written_reads_its_own_values_not_the_column()
    {
        using var store = Build();
        var id = store.Key("id");
        ReadUntilColumn(store, id);
        store.Read(tx =>
        {
            AssertRecords(tx, id, Initial());
            return 0;
        });
        using var writer = store.BeginTransaction(write: true);
        writer.SetNodeProperty(1, id, "mine");
        writer.DeleteNode(2);
        var mine = Initial();
        mine[1] = "mine";
        mine.Remove(2);
        AssertRecords(writer, id, mine);
        writer.Rollback();
        Assert.True(Data(store).HasColumn(id));
        store.Read(tx =>
        {
            AssertRecords(tx, id, Initial());
            return 0;
        });
    }

    [Fact]
    public void String_matches_through_a_column_are_cypher_equality_of_two_strings_and_leave_other_values_to_the_caller()
    {
        using var store = StoreTestExtensions.InMemory();
        var id = store.Key("id");
        store.Write(tx =>
        {
            // strings shared by several nodes, numbers, lists, nodes without the property
            for (var i = 0; i < Nodes; i++)
                tx.CreateNode(store.Labels("N"), (i % 6) switch
                {
                    0 => store.Props(("other", 1L)),
                    1 => store.Props(("id", (long)i)),
                    2 => store.Props(("id", new object[] { "s" + i % 4 })),
                    _ => store.Props(("id", "s" + i % 4)),
                });
            return 0;
        });
        var ids = Enumerable.Range(-2, Nodes + 6).Select(i => (long)i).Append(1L << 40).ToArray();
        var matches = new sbyte[ids.Length];
        store.Read(tx =>
        {
            Assert.False(tx.TryMatchNodeStrings(ids, id, "s1", matches)); // no column yet: the caller reads the values
            return 0;
        });
        ReadUntilColumn(store, id);
        store.Read(tx =>
        {
            foreach (var value in new[] { "s1", "s3", "S1", "", "s12" })
                for (var pass = 0; pass < 2; pass++) // filling the entries, then from their codes
                {
                    Assert.True(tx.TryMatchNodeStrings(ids, id, value, matches));
                    Assert.Equal(ids.Select(n => tx.NodeProperty(n, id) is string s ? s == value ? (sbyte)1 : (sbyte)0 : (sbyte)-1), matches);
                }
            return 0;
        });
        using var writer = store.BeginTransaction(write: true);
        writer.SetNodeProperty(3, id, "s1");
        Assert.False(writer.TryMatchNodeStrings(ids, id, "s1", matches)); // its own values are not in the column
        writer.Rollback();
    }

    [Fact]
    public void String_codes_come_from_the_column_only_and_tell_strings_apart()
    {
        using var store = Build();
        var id = store.Key("id");
        // every node id, ids that do not exist (the deleted 7 among them) and one beyond the column
        var ids = Enumerable.Range(-1, Nodes + 3).Select(i => (long)i).Append(1L << 40).ToArray();
        var codes = new int[ids.Length];
        store.Read(tx =>
        {
            Assert.False(tx.TryReadNodeStringCodes(ids, id, codes)); // no column yet: the caller reads the values
            return 0;
        });
        ReadUntilColumn(store, id);
        store.Read(tx =>
        {
            for (var pass = 0; pass < 2; pass++) // filling the entries, then from their codes
            {
                Array.Fill(codes, -7);
                Assert.True(tx.TryReadNodeStringCodes(ids, id, codes));
                for (var i = 0; i < ids.Length; i++)
                {
                    var expected = tx.NodeProperty(ids[i], id) switch
                    {
                        string s => Records.PropertyColumn.StringCode(s),
                        null => StorageTransaction.NoValueCode,
                        _ => StorageTransaction.OtherValueCode, // integers, floats, lists
                    };
                    Assert.Equal(expected, codes[i]);
                }
            }
            return 0;
        });
        var strings = ids.Where((_, i) => codes[i] % 2 != 0).ToArray();
        Assert.Equal(strings.Length, strings.Select(n => codes[Array.IndexOf(ids, n)]).Distinct().Count());
        Assert.Contains(StorageTransaction.NoValueCode, codes);
        Assert.Contains(StorageTransaction.OtherValueCode, codes);
        using var writer = store.BeginTransaction(write: true);
        writer.SetNodeProperty(3, id, "expert-4");
        Assert.False(writer.TryReadNodeStringCodes(ids, id, codes)); // its own values are not in the column
        writer.Rollback();
    }

    [Fact]
    public void At_most_two_columns_are_kept_and_every_key_reads_right()
    {
        using var store = Build();
        var keys = new[] { store.Key("id"), store.Key("other"), store.Key("third") };
        foreach (var key in keys.Take(2)) ReadUntilColumn(store, key);
        store.Read(tx =>
        {
            for (var i = 0; i < 20 * Nodes; i++) tx.NodeProperty(i % Nodes, keys[2]);
            return 0;
        });
        Assert.Equal(2, Data(store).ColumnCount);
        Assert.False(Data(store).HasColumn(keys[2]));
        var numbers = Enumerable.Range(0, Nodes).Where(i => i != 7).ToDictionary(i => (long)i, i => (object?)(long)i);
        store.Read(tx =>
        {
            AssertRecords(tx, keys[0], Initial());
            AssertRecords(tx, keys[1], numbers);
            AssertRecords(tx, keys[2], numbers);
            return 0;
        });
    }
}
