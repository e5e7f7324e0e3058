namespace Graph.Storage.Tests;

/// <summary>
/// <see cref="StorageTransaction.LabelMembers"/>: a bitmap of a label's nodes shared by readers, built only once the
/// lookups reported pay for it, exactly the members a reader's snapshot sees, dropped by a commit that changes the
/// label's membership, never given to a reader older than that change or to a transaction that has written.
/// </summary>
public class LabelBitsTests
{
    /// <summary>Far more lookups than any label of these tests has members: the store builds at once.</summary>
    private const long ManyLookups = 1_000_000;

    private static (IGraphStore Store, List<long> Nodes) Build()
    {
        var store = StoreTestExtensions.InMemory();
        var nodes = store.Write(tx =>
        {
            var ids = new List<long>();
            for (var i = 0; i < 200; i++)
                ids.Add(tx.CreateNode(store.Labels(i % 3 == 0 ? ["P", "Q"] : i % 3 == 1 ? ["P"] : ["Q"]), store.Props(("i", (long)i))));
            return ids;
        });
        return (store, nodes);
    }

    private static void AssertMembers(StorageTransaction tx, LabelBits bits, int label, IEnumerable<long> candidates)
    {
        long count = 0;
        foreach (var id in candidates.Append(-1).Append(1L << 40))
        {
            var has = tx.NodeExists(id) && tx.NodeHasLabel(id, label);
            Assert.Equal(has, bits.Contains(id));
            if (has) count++;
        }
        Assert.Equal(count, bits.Count);
        // counted in one call as Contains counts them one by one, a node each time it comes
        var listed = candidates.Concat(candidates).Append(-1).Append(1L << 40).Append(long.MinValue).ToArray();
        Assert.Equal(listed.LongCount(bits.Contains), bits.CountMembers(listed));
        // the members appended after what the list holds, ids ascending: the nodes the label's scan reads for this reader
        // (which come in the index's order: a node that gained the label after the index was built may come last)
        List<long> appended = [-7], read = [-7];
        bits.AppendMembers(appended);
        tx.ReadNodesWithLabel(label, read);
        Assert.Equal(read.Order(), appended);
    }

    [Fact]
    public void CountMembers_counts_each_listed_node_with_the_label_at_the_words_edges_and_beyond_them()
    {
        // nodes 0, 63, 64 and 127 have the label: the first and last bit of both words
        var bits = new LabelBits([1UL | 1UL << 63, 1UL | 1UL << 63], 4, 0);
        Assert.Equal(0, bits.CountMembers([]));
        Assert.Equal(6, bits.CountMembers([0, 63, 64, 127, 63, 0]));
        Assert.Equal(0, bits.CountMembers([1, 62, 65, 126, 128, 1L << 40, -1, -64, long.MinValue, long.MaxValue]));
        Assert.Equal(2, bits.CountMembers([128, 127, -1, 0, 129]));
    }

    [Fact]
    public void No_bitmap_is_built_before_the_reported_lookups_pay_for_it()
    {
        var (store, nodes) = Build();
        using (store)
        {
            var p = store.Label("P");
            store.Read(tx =>
            {
                Assert.Null(tx.LabelMembers(p, 0));
                // the lookups add up across calls and readers
                Assert.Null(tx.LabelMembers(p, 100));
                return 0;
            });
            store.Read(tx =>
            {
                Assert.Null(tx.LabelMembers(p, 900));
                var bits = tx.LabelMembers(p, 100);
                Assert.NotNull(bits);
                AssertMembers(tx, bits, p, nodes);
                Assert.Same(bits, tx.LabelMembers(p, 0));
                return 0;
            });
            // a later reader of the same membership gets the same bitmap without reporting anything
            var first = store.Read(tx => tx.LabelMembers(p, 0));
            Assert.NotNull(first);
            Assert.Same(first, store.Read(tx => tx.LabelMembers(p, 0)));
        }
    }

    [Fact]
    public void A_commit_that_changes_the_membership_drops_the_bitmap_and_older_readers_get_none()
    {
        var (store, nodes) = Build();
        using (store)
        {
            var p = store.Label("P");
            var q = store.Label("Q");
            var before = store.Read(tx => tx.LabelMembers(p, ManyLookups));
            Assert.NotNull(before);
            using var old = store.BeginTransaction(write: false);
            Assert.Same(before, old.LabelMembers(p, 0));

            // properties and other labels' changes keep it
            store.Write(tx => tx.SetNodeProperty(nodes[1], store.Key("i"), -1L));
            store.Write(tx => tx.RemoveLabel(nodes[0], q));
            Assert.Same(before, store.Read(tx => tx.LabelMembers(p, 0)));

            foreach (var change in new Action<StorageTransaction>[]
                     {
                         tx => tx.AddLabel(nodes[2], p),
                         tx => tx.RemoveLabel(nodes[1], p),
                         tx => tx.DeleteNode(nodes[3]),
                         tx => tx.CreateNode(store.Labels("P"), []),
                     })
            {
                store.Write(tx =>
                {
                    change(tx);
                    return 0;
                });
                store.Read(tx =>
                {
                    Assert.Null(tx.LabelMembers(p, 0));
                    var bits = tx.LabelMembers(p, ManyLookups);
                    Assert.NotNull(bits);
                    AssertMembers(tx, bits, p, nodes.Append(nodes.Max() + 1));
                    return 0;
                });
                // the reader that began before the change sees the old membership: no bitmap of the new one for it
                Assert.Null(old.LabelMembers(p, ManyLookups));
                Assert.True(old.NodeHasLabel(nodes[1], p));
            }
        }
    }

    [Fact]
    public void A_transaction_that_has_written_gets_no_bitmap()
    {
        var (store, nodes) = Build();
        using (store)
        {
            var p = store.Label("P");
            using var tx = store.BeginTransaction(write: true);
            Assert.NotNull(tx.LabelMembers(p, ManyLookups));
            tx.RemoveLabel(nodes[0], p);
            Assert.Null(tx.LabelMembers(p, ManyLookups));
            Assert.False(tx.NodeHasLabel(nodes[0], p));
        }
    }

    [Fact]
    public void A_label_no_node_has_gets_an_empty_bitmap()
    {
        var (store, nodes) = Build();
        using (store)
        {
            var none = store.Label("None");
            var bits = store.Read(tx => tx.LabelMembers(none, ManyLookups));
            Assert.NotNull(bits);
            Assert.Equal(0, bits.Count);
            Assert.All(nodes, id => Assert.False(bits.Contains(id)));
        }
    }

    [Fact]
    public void Prefetching_nodes_changes_no_read()
    {
        var (store, nodes) = Build();
        using (store)
        {
            var key = store.Key("i");
            using var tx = store.BeginTransaction(write: true);
            tx.DeleteNode(nodes[5]);
            foreach (var tr in new[] { store.BeginTransaction(write: false), tx })
            {
                foreach (var id in nodes.Append(-1).Append(nodes.Max() + 1).Append(1L << 40))
                    for (var step = 0; step < StorageTransaction.NodePrefetchSteps + 1; step++)
                        tr.PrefetchNode(id, step);
                Assert.Equal(200, nodes.Count(id => tr.NodeExists(id)) + (tr == tx ? 1 : 0));
                Assert.Equal(7L, tr.NodeProperty(nodes[7], key));
            }
        }
    }

    [Fact]
    public void Known_members_come_without_a_lock_once_lookups_counted_across_readers_paid_for_them()
    {
        var (store, nodes) = Build();
        using (store)
        {
            var p = store.Label("P");
            // the first report of a label takes the locked path, later ones are counted lock-free: 1,024 in all build
            for (var i = 0; i < 10; i++)
                Assert.Null(store.Read(tx => tx.KnownLabelMembers(p, 100)));
            Assert.Null(store.Read(tx => tx.KnownLabelMembers(p, 0))); // asking without lookups counts nothing
            var built = store.Read(tx => tx.KnownLabelMembers(p, 24));
            Assert.NotNull(built);
            store.Read(tx =>
            {
                Assert.Same(built, tx.KnownLabelMembers(p, 0));
                Assert.Same(built, tx.LabelMembers(p, 0));
                AssertMembers(tx, built, p, nodes);
                return 0;
            });
            // a label no bitmap was ever asked for, and one never created
            Assert.Null(store.Read(tx => tx.KnownLabelMembers(store.Label("Q"), 0)));
            Assert.Null(store.Read(tx => tx.KnownLabelMembers(1000, 5)));
        }
    }

    [Fact]
    public void Known_members_are_never_a_bitmap_of_another_membership_than_the_readers()
    {
        var (store, nodes) = Build();
        using (store)
        {
            var p = store.Label("P");
            var before = store.Read(tx => tx.LabelMembers(p, ManyLookups));
            Assert.NotNull(before);
            using var old = store.BeginTransaction(write: false);
            Assert.Same(before, old.KnownLabelMembers(p, 0));

            store.Write(tx => tx.RemoveLabel(nodes[1], p));
            // dropped by the commit: neither the new readers nor the old one get it
            Assert.Null(store.Read(tx => tx.KnownLabelMembers(p, 0)));
            Assert.Null(old.KnownLabelMembers(p, 0));
            // rebuilt for the new membership, which the old reader must not get either
            var after = store.Read(tx => tx.LabelMembers(p, ManyLookups));
            Assert.NotNull(after);
            Assert.False(after.Contains(nodes[1]));
            Assert.Same(after, store.Read(tx => tx.KnownLabelMembers(p, 0)));
            Assert.Null(old.KnownLabelMembers(p, ManyLookups > int.MaxValue ? int.MaxValue : (int)ManyLookups));
            Assert.True(old.NodeHasLabel(nodes[1], p));

            // a transaction that has written reads its own changes: no bitmap
            using var writer = store.BeginTransaction(write: true);
            Assert.Same(after, writer.KnownLabelMembers(p, 0));
            writer.AddLabel(nodes[1], p);
            Assert.Null(writer.KnownLabelMembers(p, 0));
            Assert.Null(writer.KnownLabelMembers(p, 5000));
            Assert.True(writer.NodeHasLabel(nodes[1], p));
        }
    }

    /// <summary>5,000 nodes with "E" (every fifth node has "F" instead): E's index is a bitmap.</summary>
    private static (IGraphStore Store, List<long> Nodes) BuildDense()
    {
        var store = StoreTestExtensions.InMemory();
        var nodes = store.Write(tx =>
        {
            var ids = new List<long>();
            for (var i = 0; i < 6_250; i++)
                ids.Add(tx.CreateNode(store.Labels(i % 5 == 4 ? "F" : "E"), store.Props(("i", (long)i))));
            return ids;
        });
        return (store, nodes);
    }

    /// <summary>Above MinLookupsBeforeBuild, far below one lookup per member of E.</summary>
    private const long FewLookups = 1_100;

    [Fact]
    public void A_label_whose_index_is_exact_gets_its_bitmap_copied_after_far_fewer_lookups_than_members()
    {
        var (store, nodes) = BuildDense();
        using (store)
        {
            var e = store.Label("E");
            store.Read(tx =>
            {
                var bits = tx.LabelMembers(e, FewLookups);
                Assert.NotNull(bits);
                Assert.Equal(5_000, bits.Count);
                AssertMembers(tx, bits, e, nodes);
                return 0;
            });
        }
    }

    [Fact]
    public void A_copied_bitmap_is_exact_after_each_kind_of_membership_change()
    {
        var (store, nodes) = BuildDense();
        using (store)
        {
            var e = store.Label("E");
            var f = store.Label("F");
            foreach (var change in new Action<StorageTransaction>[]
                     {
                         tx => tx.RemoveLabel(nodes[0], e), // a member loses the label
                         tx => tx.DeleteNode(nodes[1]), // a member is deleted
                         tx => tx.AddLabel(nodes[4], e), // a node gains it
                         tx => tx.CreateNode(store.Labels("E"), []), // a new node has it
                         tx => tx.DeleteNode(tx.CreateNode(store.Labels("E"), [])), // created and deleted in one commit
                         tx => { tx.RemoveLabel(nodes[2], e); tx.AddLabel(nodes[2], e); }, // lost and regained
                         tx => tx.RemoveLabel(nodes[9], f), // another label only: E's bitmap stays
                     })
            {
                store.Write(tx =>
                {
                    change(tx);
                    return 0;
                });
                store.Read(tx =>
                {
                    var bits = tx.LabelMembers(e, FewLookups);
                    Assert.NotNull(bits);
                    AssertMembers(tx, bits, e, nodes.Concat(Enumerable.Range(1, 4).Select(k => nodes.Max() + k)));
                    return 0;
                });
            }

            // a writer's own change is never in a bitmap: it gets none once it has written
            using var writer = store.BeginTransaction(write: true);
            writer.RemoveLabel(nodes[3], e);
            Assert.Null(writer.LabelMembers(e, FewLookups));
            Assert.False(writer.NodeHasLabel(nodes[3], e));
            Assert.True(store.Read(tx => tx.LabelMembers(e, FewLookups)!.Contains(nodes[3])));
        }
    }

    [Fact]
    public void While_a_removal_waits_for_an_older_reader_members_are_checked_one_by_one()
    {
        var (store, nodes) = BuildDense();
        using (store)
        {
            var e = store.Label("E");
            var old = store.BeginTransaction(write: false);
            store.Write(tx => tx.RemoveLabel(nodes[0], e));
            store.Write(tx =>
            {
                tx.DeleteNode(nodes[1]);
                return 0;
            });
            store.Read(tx =>
            {
                // the index still holds nodes[0] and nodes[1] for the old reader: not a copy for a few lookups
                Assert.Null(tx.LabelMembers(e, FewLookups));
                var bits = tx.LabelMembers(e, ManyLookups);
                Assert.NotNull(bits);
                Assert.False(bits.Contains(nodes[0]));
                Assert.False(bits.Contains(nodes[1]));
                AssertMembers(tx, bits, e, nodes);
                return 0;
            });
            Assert.Null(old.LabelMembers(e, ManyLookups));
            Assert.True(old.NodeHasLabel(nodes[0], e));
            old.Dispose();

            // the removals are applied by the next commit once no reader needs them; then copies are exact again
            store.Write(tx => tx.AddLabel(nodes[4], e));
            store.Read(tx =>
            {
                var bits = tx.LabelMembers(e, FewLookups);
                Assert.NotNull(bits);
                AssertMembers(tx, bits, e, nodes);
                return 0;
            });
        }
    }
}
