using Graph.Storage.Records;

namespace Graph.Storage.Tests;

/// <summary>Deletion versions by relationship id: nothing allocated until a deletion, chunks shared across growth.</summary>
public class DeletionColumnTests
{
    [Fact]
    public void Relationships_exist_until_deleted_and_a_grown_column_keeps_the_deletions()
    {
        var column = new DeletionColumn(100_000);
        Assert.Equal(long.MaxValue, column[0]);
        Assert.Equal(long.MaxValue, column[99_999]);
        column.Delete(70_000, 5);
        column.Delete(70_001, 6);
        Assert.Equal(5, column[70_000]);
        Assert.Equal(6, column[70_001]);
        Assert.Equal(long.MaxValue, column[69_999]);

        var grown = column.Grow(300_000);
        Assert.True(grown.Capacity >= 300_000);
        Assert.Equal(5, grown[70_000]);
        grown.Delete(250_000, 7);
        Assert.Equal(7, grown[250_000]);
        Assert.Equal(long.MaxValue, grown[250_001]);
        Assert.Same(grown, grown.Grow(10));
        Assert.Throws<ArgumentOutOfRangeException>(() => grown.Delete(1, 0));
    }
}
