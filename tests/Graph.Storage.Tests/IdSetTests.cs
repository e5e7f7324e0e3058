using Graph.Storage.Records;

namespace Graph.Storage.Tests;

public class IdSetTests
{
    [Theory]
    [InlineData(3_000, 1)] // dense: becomes a bitmap
    [InlineData(3_000, 1_000)] // sparse: stays a hash set
    public void Random_adds_and_removes_match_a_hash_set(int members, int spacing)
    {
        var random = new Random(members + spacing);
        var set = new IdSet(50_000L * spacing);
        var expected = new HashSet<long> { 50_000L * spacing };
        for (var step = 0; step < 30_000; step++)
        {
            // ids on both sides of the first one, so a bitmap grows toward lower and higher ids
            var id = (long)random.Next(members * 2) * spacing + 48_000L * spacing;
            if (random.Next(4) > 0) Assert.Equal(expected.Add(id), set.Add(id));
            else Assert.Equal(expected.Remove(id), set.Remove(id));
            if (step % 1_001 != 0) continue;
            Assert.Equal(expected.Count, set.Count);
            var listed = new List<long>();
            set.CopyTo(listed);
            Assert.Equal(expected.Order(), listed.Order());
            AssertAbsoluteWords(expected, set.ToAbsoluteWords());
            Assert.True(set.Contains(id) == expected.Contains(id));
            Assert.False(set.Contains(-5));
            Assert.False(set.Contains(long.MaxValue / 2));
        }
        Assert.Equal(spacing == 1, set.IsBitmap);
    }

    /// <summary>Word i holds ids 64i to 64i + 63, and the last word holds one.</summary>
    private static void AssertAbsoluteWords(HashSet<long> expected, ulong[] words)
    {
        var listed = new List<long>();
        for (var w = 0; w < words.Length; w++)
            for (var bit = 0; bit < 64; bit++)
                if ((words[w] & (1UL << bit)) != 0) listed.Add(w * 64L + bit);
        Assert.Equal(expected.Order(), listed);
        Assert.Equal(expected.Count == 0 ? 0 : (expected.Max() >> 6) + 1, words.Length);
    }

    [Fact]
    public void Absolute_words_of_a_small_set_an_emptied_one_and_a_bitmap_grown_downward()
    {
        var small = new IdSet(130);
        small.Add(2);
        AssertAbsoluteWords([2, 130], small.ToAbsoluteWords());
        small.Remove(2);
        small.Remove(130);
        Assert.Empty(small.ToAbsoluteWords());
        var bits = new IdSet(100_000);
        for (long id = 100_001; id < 102_000; id++) bits.Add(id);
        bits.Add(70); // far below: the bitmap grows toward 0
        Assert.True(bits.IsBitmap);
        var expected = new HashSet<long> { 70 };
        for (long id = 100_000; id < 102_000; id++) expected.Add(id);
        AssertAbsoluteWords(expected, bits.ToAbsoluteWords());
        for (long id = 100_000; id < 102_000; id++) bits.Remove(id);
        AssertAbsoluteWords([70], bits.ToAbsoluteWords());
    }

    [Fact]
    public void A_bitmap_lists_ids_in_ascending_order_and_takes_ids_far_outside_its_range()
    {
        var set = new IdSet(10_000);
        for (long id = 10_001; id < 12_000; id++) set.Add(id);
        Assert.True(set.IsBitmap);
        Assert.True(set.Add(3));
        Assert.True(set.Add(5_000_000));
        Assert.False(set.Add(5_000_000));
        var listed = new List<long>();
        set.CopyTo(listed);
        Assert.Equal(2_002, listed.Count);
        Assert.Equal(listed.Order(), listed);
        Assert.Equal(3, listed[0]);
        Assert.Equal(5_000_000, listed[^1]);
        Assert.True(set.Remove(3));
        Assert.False(set.Contains(3));
        Assert.Equal(2_001, set.Count);
    }

    [Fact]
    public void Label_scans_see_their_snapshot_when_a_label_set_is_a_bitmap()
    {
        var store = (GraphStore)StoreTestExtensions.InMemory();
        using var _ = store;
        int label = store.Label("N");
        var ids = store.Write(tx => Enumerable.Range(0, 3_000).Select(_ => tx.CreateNode(store, "N")).ToArray());
        var reader = store.BeginTransaction(write: false);
        store.Write(tx =>
        {
            for (var i = 0; i < ids.Length; i += 3) tx.DeleteNode(ids[i]);
            for (var i = 1; i < ids.Length; i += 3) tx.RemoveLabel(ids[i], label);
            return 0;
        });
        var added = store.Write(tx => tx.CreateNode(store, "N"));
        Assert.Equal(ids, reader.NodesWithLabel(label).Order());
        reader.Dispose();
        var expected = ids.Where((_, i) => i % 3 == 2).Append(added).ToArray();
        store.Read(tx => { Assert.Equal(expected, tx.NodesWithLabel(label).Order()); return 0; });
        store.Write(tx => tx.CreateNode([], [])); // drops the entries no reader needs
        var listed = new List<long>();
        store.Data.LabelCandidates(label, listed);
        Assert.Equal(expected, listed);
        var problems = new List<string>();
        store.Data.Verify(store.Tokens, problems.Add);
        Assert.Empty(problems);
    }
}
