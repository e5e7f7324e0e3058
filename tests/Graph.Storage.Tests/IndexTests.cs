namespace Graph.Storage.Tests;

public class IndexTests
{
    [Fact]
    public void Index_seek_and_label_scan_agree_including_numeric_equality_and_lists()
    {
        using var store = StoreTestExtensions.InMemory();
        int expert = store.Label("Expert"), key = store.Key("v");
        var values = new object[] { 1L, 1.0, 2.5, "1", "a", true, new object[] { 1L, 2L }, new object[] { 1.0, 2.0 }, 3L };
        var ids = store.Write(tx => values.Select(v => tx.CreateNode(store, "Expert", ("v", v))).ToArray());
        store.Write(tx => tx.CreateNode(store, "Other", ("v", 1L)));

        var probes = new object[] { 1L, 1.0, 1, 2.5, "1", "a", true, new object[] { 1L, 2.0 }, 3.0, 4L, double.NaN };
        var scanned = store.Read(tx =>
        {
            Assert.False(tx.HasIndex(expert, key));
            return probes.Select(p => tx.NodesByProperty(expert, key, p).Order().ToArray()).ToArray();
        });
        store.Write(tx => { tx.CreateIndex(new IndexDefinition("expert_v", expert, [key], false)); return 0; });
        var seeked = store.Read(tx =>
        {
            Assert.True(tx.HasIndex(expert, key));
            return probes.Select(p => tx.NodesByProperty(expert, key, p).Order().ToArray()).ToArray();
        });
        Assert.Equal(scanned, seeked);
        Assert.Equal(new[] { ids[0], ids[1] }, seeked[0]); // 1 = 1.0
        Assert.Equal(new[] { ids[6], ids[7] }, seeked[7]); // [1, 2.0] = [1, 2] = [1.0, 2.0]
        Assert.Equal(new[] { ids[8] }, seeked[8]);
        Assert.Empty(seeked[9]);
        Assert.Empty(seeked[10]); // NaN equals nothing
    }

    [Fact]
    public void Index_follows_updates_inside_and_after_the_writing_transaction()
    {
        using var store = StoreTestExtensions.InMemory();
        int expert = store.Label("Expert"), key = store.Key("id");
        store.Write(tx => { tx.CreateIndex(new IndexDefinition("expert_id", expert, [key], false)); return 0; });
        var a = store.Write(tx => tx.CreateNode(store, "Expert", ("id", "a")));
        store.Write(tx =>
        {
            tx.SetNodeProperty(a, key, "b");
            Assert.Empty(tx.NodesByProperty(expert, key, "a"));
            Assert.Equal(new[] { a }, tx.NodesByProperty(expert, key, "b"));
            var c = tx.CreateNode(store, "Person", ("id", "c"));
            Assert.Empty(tx.NodesByProperty(expert, key, "c"));
            tx.AddLabel(c, expert);
            Assert.Equal(new[] { c }, tx.NodesByProperty(expert, key, "c"));
            return 0;
        });
        store.Read(tx =>
        {
            Assert.Empty(tx.NodesByProperty(expert, key, "a"));
            Assert.Equal(new[] { a }, tx.NodesByProperty(expert, key, "b"));
            Assert.Single(tx.NodesByProperty(expert, key, "c"));
            return 0;
        });
        store.Write(tx => { tx.RemoveLabel(a, expert); return 0; });
        store.Read(tx => { Assert.Empty(tx.NodesByProperty(expert, key, "b")); return 0; });
        store.Write(tx => { tx.DropIndex("expert_id"); return 0; });
        store.Read(tx => { Assert.False(tx.HasIndex(expert, key)); Assert.Single(tx.NodesByProperty(expert, key, "c")); return 0; });
    }

    [Fact]
    public void Entries_kept_for_an_old_reader_are_removed_once_it_is_gone()
    {
        var store = (GraphStore)StoreTestExtensions.InMemory();
        using var _ = store;
        int label = store.Label("N"), key = store.Key("v");
        store.Write(tx => { tx.CreateIndex(new IndexDefinition("n_v", label, [key], false)); return 0; });
        var a = store.Write(tx => tx.CreateNode(store, "N", ("v", 1L)));
        var reader = store.BeginTransaction(write: false);
        store.Write(tx => tx.SetNodeProperty(a, key, 2L));
        store.Write(tx => tx.RemoveLabel(a, label));
        Assert.Equal(new[] { a }, reader.NodesByProperty(label, key, 1L));
        Assert.Equal(new[] { a }, reader.NodesWithLabel(label));
        Assert.Equal(1, CandidatesFor(1L)); // still needed by the reader
        reader.Dispose();
        store.Write(tx => tx.CreateNode([], [])); // the next commit cleans up
        Assert.Equal(0, CandidatesFor(1L));
        Assert.Equal(0, CandidatesFor(2L));
        var labelled = new List<long>();
        store.Data.LabelCandidates(label, labelled);
        Assert.Empty(labelled);

        int CandidatesFor(object value)
        {
            var found = new List<long>();
            Assert.True(Graph.Storage.Values.ValueKey.TryCreate(value, out var valueKey));
            store.Data.IndexCandidates(store.Data.Schema.Live[0], valueKey, found);
            return found.Count;
        }
    }

    [Fact]
    public void String_keys_follow_changes_and_old_readers_and_never_match_other_types()
    {
        var store = (GraphStore)StoreTestExtensions.InMemory();
        using var _ = store;
        int label = store.Label("N"), key = store.Key("v");
        store.Write(tx => { tx.CreateIndex(new IndexDefinition("n_v", label, [key], false)); return 0; });
        var (a, b, one) = store.Write(tx => (tx.CreateNode(store, "N", ("v", "x")), tx.CreateNode(store, "N", ("v", "x")), tx.CreateNode(store, "N", ("v", 1L))));
        store.Read(tx =>
        {
            Assert.Equal(new[] { a, b }, tx.NodesByProperty(label, key, "x").Order());
            Assert.Equal(new[] { one }, tx.NodesByProperty(label, key, 1L));
            Assert.Empty(tx.NodesByProperty(label, key, "1")); // the text of a number is not the number
            Assert.Empty(tx.NodesByProperty(label, key, 'y'));
            return 0;
        });
        var reader = store.BeginTransaction(write: false);
        store.Write(tx => tx.SetNodeProperty(a, key, "y"));
        store.Write(tx => tx.SetNodeProperty(one, key, "1"));
        Assert.Equal(new[] { a, b }, reader.NodesByProperty(label, key, "x").Order());
        Assert.Equal(new[] { one }, reader.NodesByProperty(label, key, 1L));
        Assert.Empty(reader.NodesByProperty(label, key, "1"));
        store.Read(tx =>
        {
            Assert.Equal(new[] { b }, tx.NodesByProperty(label, key, "x"));
            Assert.Equal(new[] { a }, tx.NodesByProperty(label, key, 'y')); // a char is stored as its one-letter string
            Assert.Equal(new[] { one }, tx.NodesByProperty(label, key, "1"));
            Assert.Empty(tx.NodesByProperty(label, key, 1L));
            return 0;
        });
        Assert.Equal(2, CandidatesFor("x")); // the entry of a is kept for the reader
        reader.Dispose();
        store.Write(tx => tx.CreateNode([], []));
        Assert.Equal(1, CandidatesFor("x"));
        Assert.Equal(1, CandidatesFor("1"));
        Assert.Equal(0, CandidatesFor(1L));

        int CandidatesFor(object value)
        {
            var found = new List<long>();
            Assert.True(Graph.Storage.Values.ValueKey.TryCreate(value, out var valueKey));
            store.Data.IndexCandidates(store.Data.Schema.Live[0], valueKey, found);
            if (value is string text)
            {
                var direct = new List<long>();
                store.Data.IndexCandidates(store.Data.Schema.Live[0], text, direct);
                Assert.Equal(found, direct);
            }
            return found.Count;
        }
    }

    [Fact]
    public void Schema_errors_are_clear()
    {
        using var store = StoreTestExtensions.InMemory();
        int expert = store.Label("Expert"), key = store.Key("id");
        using var tx = store.BeginTransaction(write: true);
        tx.CreateUniqueConstraint(new ConstraintDefinition("expert_id", expert, [key]));
        Assert.Contains("already exists", Assert.Throws<SchemaException>(() => tx.CreateIndex(new IndexDefinition("expert_id", expert, [store.Key("x")], false))).Message);
        Assert.Contains("drop the constraint", Assert.Throws<SchemaException>(() => tx.DropIndex("expert_id")).Message);
        Assert.Contains("no index named", Assert.Throws<SchemaException>(() => tx.DropIndex("nope")).Message);
        Assert.Single(tx.Constraints);
        Assert.True(tx.Indexes.Single().Unique);
    }
}

public class ConstraintTests
{
    [Fact]
    public void Unique_constraint_is_enforced_on_create_set_and_label_add()
    {
        using var store = StoreTestExtensions.InMemory();
        int expert = store.Label("Expert"), key = store.Key("id");
        store.Write(tx => { tx.CreateUniqueConstraint(new ConstraintDefinition("expert_id", expert, [key])); return 0; });
        var ana = store.Write(tx => tx.CreateNode(store, "Expert", ("id", "ana"), ("n", 1L)));
        var one = store.Write(tx => tx.CreateNode(store, "Expert", ("id", 1L)));

        using var tx = store.BeginTransaction(write: true);
        var error = Assert.Throws<ConstraintViolationException>(() => tx.CreateNode(store, "Expert", ("id", "ana")));
        Assert.Contains("Expert", error.Message);
        Assert.Contains("id = 'ana'", error.Message);
        Assert.Throws<ConstraintViolationException>(() => tx.CreateNode(store, "Expert", ("id", 1.0)));

        var bob = tx.CreateNode(store, "Expert", ("id", "bob"));
        Assert.Throws<ConstraintViolationException>(() => tx.SetNodeProperty(bob, key, "ana"));
        Assert.Equal("bob", tx.NodeProperty(bob, key)); // the failed write left no trace

        var loose = tx.CreateNode(store, "Person", ("id", "ana"));
        Assert.Throws<ConstraintViolationException>(() => tx.AddLabel(loose, expert));
        Assert.False(tx.NodeHasLabel(loose, expert));

        // Freeing the value in the same transaction makes it available.
        tx.SetNodeProperty(ana, key, "ana-2");
        tx.AddLabel(loose, expert);
        tx.Commit();

        store.Read(r =>
        {
            Assert.Equal(new[] { loose }, r.NodesByProperty(expert, key, "ana"));
            Assert.Equal(new[] { one }, r.NodesByProperty(expert, key, 1.0));
            return 0;
        });
    }

    [Fact]
    public void Creating_a_constraint_over_duplicates_fails_and_leaves_no_constraint()
    {
        using var store = StoreTestExtensions.InMemory();
        int expert = store.Label("Expert"), key = store.Key("id");
        store.Write(tx =>
        {
            tx.CreateNode(store, "Expert", ("id", 7L));
            tx.CreateNode(store, "Expert", ("id", 7.0));
            return 0;
        });
        using (var tx = store.BeginTransaction(write: true))
        {
            var error = Assert.Throws<ConstraintViolationException>(() => tx.CreateUniqueConstraint(new ConstraintDefinition("expert_id", expert, [key])));
            Assert.Contains("expert_id", error.Message);
            Assert.Contains("Expert", error.Message);
            Assert.Empty(tx.Constraints);
            tx.Commit();
        }
        store.Read(tx => { Assert.Empty(tx.Constraints); Assert.Empty(tx.Indexes); return 0; });
    }

    [Fact]
    public void Composite_constraint_needs_all_values_to_collide()
    {
        using var store = StoreTestExtensions.InMemory();
        int label = store.Label("Stance"), e = store.Key("expert"), c = store.Key("claim");
        store.Write(tx => { tx.CreateUniqueConstraint(new ConstraintDefinition("stance", label, [e, c])); return 0; });
        using var tx = store.BeginTransaction(write: true);
        tx.CreateNode(store, "Stance", ("expert", "a"), ("claim", "x"));
        tx.CreateNode(store, "Stance", ("expert", "a"), ("claim", "y"));
        tx.CreateNode(store, "Stance", ("expert", "a"));
        tx.CreateNode(store, "Stance", ("expert", "a"));
        Assert.Throws<ConstraintViolationException>(() => tx.CreateNode(store, "Stance", ("expert", "a"), ("claim", "x")));
    }
}
