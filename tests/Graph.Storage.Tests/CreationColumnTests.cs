using Graph.Storage.Records;

namespace Graph.Storage.Tests;

/// <summary>Creation versions by relationship id: ints relative to a chunk's first version, widened to longs when they do not fit.</summary>
public class CreationColumnTests
{
    [Fact]
    public void Versions_read_back_exactly_and_unwritten_ids_read_zero_across_growth()
    {
        var column = new CreationColumn(100_000);
        Assert.Equal(0, column[0]);
        column.Set(70_000, 5_000_000_000L); // above int range: kept exactly (relative to the chunk's base)
        column.Set(70_002, 5_000_000_007L);
        Assert.Equal(5_000_000_000L, column[70_000]);
        Assert.Equal(0, column[70_001]);
        Assert.Equal(5_000_000_007L, column[70_002]);

        var grown = column.Grow(300_000);
        Assert.True(grown.Capacity >= 300_000);
        Assert.Equal(5_000_000_007L, grown[70_002]);
        grown.Set(250_000, 1);
        Assert.Equal(1, grown[250_000]);
        Assert.Equal(0, grown[250_001]);
        Assert.Same(grown, grown.Grow(10));
        Assert.Throws<ArgumentOutOfRangeException>(() => grown.Set(1, 0));
    }

    [Fact]
    public void A_chunk_whose_versions_do_not_fit_in_ints_is_widened_with_every_entry_kept()
    {
        var column = new CreationColumn(65_536);
        column.Set(10, 100);
        column.Set(11, 100L + int.MaxValue - 1); // the largest that fits
        column.Set(12, 100 + (long)int.MaxValue); // does not fit: widened
        column.Set(13, 7);                        // below the base
        column.Set(14, 101);                      // written to the wide entries from now on
        Assert.Equal(100, column[10]);
        Assert.Equal(100L + int.MaxValue - 1, column[11]);
        Assert.Equal(100 + (long)int.MaxValue, column[12]);
        Assert.Equal(7, column[13]);
        Assert.Equal(101, column[14]);
        Assert.Equal(0, column[15]);

        var below = new CreationColumn(10);
        below.Set(3, 50);
        below.Set(2, 40);
        Assert.Equal(50, below[3]);
        Assert.Equal(40, below[2]);
    }
}
