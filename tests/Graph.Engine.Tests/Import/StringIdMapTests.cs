using Graph.Engine.Import;

namespace Graph.Engine.Tests.Import;

/// <summary>The import's id map: open addressing with the hash codes inline; colliding ids must still be told apart.</summary>
public sealed class StringIdMapTests
{
    [Fact]
    public void Ids_whose_hash_codes_collide_are_told_apart_by_their_characters()
    {
        var map = new StringIdMap(static _ => 42); // every id in one probe chain
        for (var i = 0; i < 300; i++) Assert.True(map.TryAdd($"e{i:D7}", i * 2));
        Assert.Equal(300, map.Count);
        for (var i = 0; i < 300; i++) Assert.Equal(i * 2, map.Find($"e{i:D7}"));
        Assert.Equal(-1, map.Find("e0000300"));
        Assert.Equal(-1, map.Find("e000000")); // a prefix of a stored id
        Assert.False(map.TryAdd("e0000007", 99)); // a duplicate changes nothing
        Assert.Equal(14, map.Find("e0000007"));
        map.Set("e0000007", LabelKeys.Ambiguous);
        Assert.Equal(LabelKeys.Ambiguous, map.Find("e0000007"));
        Assert.Equal(300, map.Count);
    }

    [Fact]
    public void A_map_grown_to_a_hundred_thousand_ids_finds_each_and_no_other()
    {
        var map = new StringIdMap();
        for (var i = 0; i < 100_000; i++) Assert.True(map.TryAdd(i.ToString("x"), i));
        for (var i = 0; i < 100_000; i++) Assert.Equal(i, map.Find(i.ToString("x")));
        Assert.Equal(-1, map.Find(""));
        Assert.Equal(-1, map.Find("not-an-id"));
        Assert.True(map.TryAdd("", 7)); // the empty id is an id like any other here (the importer refuses it earlier)
        Assert.Equal(7, map.Find(""));
    }

    [Fact]
    public void Ids_held_in_the_entry_and_ids_kept_apart_are_never_confused()
    {
        string[] ids =
        [
            "a", "a\0", "\0", "\0a", "abcdefghijklmnop", "abcdefghijklmnopq", "abcdefghijklmno", "é", "e", "éabcdefghijklmnop",
            "abcdefghijklmnop\u00ff", "abcdefgh", "abcdefgh\0", "ABCDEFGHIJKLMNOP", new string('x', 300),
        ];
        foreach (var hash in new Func<ReadOnlySpan<char>, int>?[] { null, static _ => 7 }) // the real hash, and all ids in one chain
        {
            var map = hash is null ? new StringIdMap() : new StringIdMap(hash);
            for (var i = 0; i < ids.Length; i++) Assert.True(map.TryAdd(ids[i], i), ids[i]);
            for (var i = 0; i < ids.Length; i++) Assert.Equal(i, map.Find(ids[i]));
            foreach (var absent in new[] { "", "b", "abcdefghijklmnoq", "abcdefghijklmnopr", "\0\0", "ê", new string('x', 299), new string('x', 301) })
                Assert.Equal(-1, map.Find(absent));
            for (var i = 0; i < ids.Length; i++) Assert.False(map.TryAdd(ids[i], 99));
            map.Prefetch("not stored"); // a hint only: it changes nothing
            Assert.Equal(ids.Length, map.Count);
        }
    }

    [Fact]
    public void Ids_that_differ_in_a_few_digits_spread_over_the_table()
    {
        // "e0001234"-like ids fill the entry's first word only; hashing that word folded to 32 bits gave chains of thousands.
        var map = new StringIdMap();
        for (var i = 0; i < 200_000; i++) map.TryAdd($"e{i:D7}", i);
        Assert.InRange(map.LongestChain(), 0, 100);
        for (var i = 0; i < 200_000; i += 997) Assert.Equal(i, map.Find($"e{i:D7}"));
    }
}
