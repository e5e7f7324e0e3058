using Graph.Engine.Execution;
using Graph.Engine.Runtime;

namespace Graph.Engine.Tests.Runtime;

/// <summary>
/// The groups of a counted chain: dense cells while the keys take few values, hashed once they combine sparsely. Either
/// way the groups, their counts and their order of first appearance are those of a plain dictionary.
/// </summary>
public class TupleCountsTests
{
    [Theory]
    [InlineData(1, 50, 5000)] // few values per key: stays dense, radices grown many times
    [InlineData(3, 6, 20000)]
    [InlineData(0, 1, 10)] // no keys: one group
    public void Dense_groups_count_as_a_dictionary_does(int width, int values, int adds)
    {
        var (counts, reference) = Fill(width, adds, random => random.Next(values), seed: width * 100 + values);
        Assert.True(counts.IsDense);
        AssertSame(reference, counts);
    }

    [Fact]
    public void Sparse_keys_move_to_the_hashed_table_and_keep_their_groups_and_order()
    {
        // two keys of up to 100,000 values each, a few thousand groups: the cells would be far more than the groups
        var (counts, reference) = Fill(2, 3000, random => random.Next(100_000), seed: 7);
        Assert.False(counts.IsDense);
        AssertSame(reference, counts);
    }

    [Fact]
    public void A_negative_id_moves_the_groups_to_the_hashed_table()
    {
        using var memory = new Memory();
        var counts = new TupleCounts(2, memory.Account);
        counts.Add([1, 2], 3);
        counts.Add([0, 0], 1);
        Assert.True(counts.IsDense);
        counts.Add([-1, 2], 5);
        counts.Add([1, 2], 1);
        Assert.False(counts.IsDense);
        Assert.Equal(3, counts.Count);
        Assert.Equal([1, 2], counts.TupleAt(0).ToArray());
        Assert.Equal(4, counts.CountAt(0));
        Assert.Equal([-1, 2], counts.TupleAt(2).ToArray());
        Assert.Equal(5, counts.CountAt(2));
    }

    [Fact]
    public void A_path_counted_no_times_makes_no_group()
    {
        using var memory = new Memory();
        var counts = new TupleCounts(1, memory.Account);
        counts.Add([4], 0);
        Assert.Equal(0, counts.Count);
        counts.Add([4], 2);
        counts.Add([4], 0);
        Assert.Equal(1, counts.Count);
        Assert.Equal(2, counts.CountAt(0));
    }

    [Fact]
    public void The_cells_are_counted_against_the_memory_limit()
    {
        using var memory = new Memory(limit: 200_000);
        var counts = new TupleCounts(2, memory.Account);
        // 400 × 400 values, every pair: 160,000 groups, past the limit long before the end
        var error = Assert.ThrowsAny<Exception>(() =>
        {
            for (var a = 0; a < 400; a++)
                for (var b = 0; b < 400; b++) counts.Add([a, b], 1);
        });
        Assert.Contains("QueryMemoryLimit", error.Message);
    }

    [Fact]
    public void Parts_of_tuples_setting_different_keys_add_to_their_merged_group()
    {
        using var memory = new Memory();
        // key 2 least significant, key 0 most (a middle start's order)
        var counts = new TupleCounts(3, memory.Account, [2, 1, 0]);
        counts.Add([1, 2, 3], 5);
        counts.Add([0, 1, 0], 1);
        var left = counts.PackedCellPart([1, -1, 3]);
        var right = counts.PackedCellPart([-1, 2, -1]);
        Assert.True(counts.TryAddToParts(left, right, 4));
        Assert.Equal(2, counts.Count);
        Assert.Equal(9, counts.CountAt(0));
        // the group of [1, 1, 3] does not exist yet: nothing added, the caller adds the tuple
        Assert.False(counts.TryAddToParts(left, counts.PackedCellPart([-1, 1, -1]), 1));
        Assert.Equal(2, counts.Count);
        // parts that leave a key unset make no cell
        Assert.False(counts.TryAddToParts(left, counts.PackedCellPart([-1, -1, -1]), 1));
        Assert.Equal(9, counts.CountAt(0));
    }

    [Fact]
    public void A_part_is_stale_once_the_cells_are_laid_out_again()
    {
        using var memory = new Memory();
        var counts = new TupleCounts(2, memory.Account);
        counts.Add([1, 1], 1);
        var layout = counts.Layout;
        var part = counts.PackedCellPart([-1, 1]);
        // an id past its radix has no cell yet
        Assert.Equal(-1, counts.PackedCellPart([7, -1]));
        counts.Add([7, 1], 1); // the first key's radix grows: the second key's stride with it
        Assert.NotEqual(layout, counts.Layout);
        Assert.NotEqual(part, counts.PackedCellPart([-1, 1]));
        Assert.True(counts.TryAddToParts(counts.PackedCellPart([1, -1]), counts.PackedCellPart([-1, 1]), 2));
        Assert.Equal(3, counts.CountAt(0));
        Assert.Equal(1, counts.CountAt(1));
        // hashed groups have no cells
        counts.Add([-1, 0], 1);
        Assert.False(counts.IsDense);
        Assert.Equal(-1, counts.PackedCellPart([1, 1]));
    }

    [Theory]
    [InlineData(3, 40, 30000)] // dense, the pooled group arrays longer than asked for and not a multiple of the width
    [InlineData(3, 100_000, 3000)] // hashed
    public void Tables_filled_one_after_the_other_from_the_pool_count_as_a_dictionary_does(int width, int values, int adds)
    {
        for (var round = 0; round < 3; round++)
        {
            var (counts, reference) = Fill(width, adds, random => random.Next(values), seed: round);
            AssertSame(reference, counts);
            counts.Return();
            // given back: empty, and usable again as a new table
            Assert.Equal(0, counts.Count);
            counts.Add([1, 2, 3], 4);
            Assert.Equal(4, counts.CountAt(0));
            counts.Return();
        }
    }

    [Fact]
    public void Cells_come_back_from_the_pool_all_zero()
    {
        // a size no other test asks for, so that the array given back is the one rented next (unless a parallel test takes it)
        const int length = 1 << 19;
        var cells = GroupCellPool.RentCells(length);
        Assert.Equal(length, cells.Length);
        cells[5] = 7;
        cells[length - 1] = 9;
        GroupCellPool.ReturnCells(cells, [5, length - 1]);
        var again = GroupCellPool.RentCells(length);
        Assert.All(again, c => Assert.Equal(0, c));
        GroupCellPool.ReturnCells(again, []);
    }

    [Fact]
    public void A_count_past_the_int_range_widens_the_cells_and_stays_exact()
    {
        using var memory = new Memory();
        var counts = new TupleCounts(2, memory.Account);
        counts.Add([1, 0], int.MaxValue - 1);
        counts.Add([0, 1], 3);
        Assert.False(counts.IsWide);
        var layout = counts.Layout;
        var part = counts.PackedCellPart([1, -1]);
        var other = counts.PackedCellPart([-1, 0]);
        // through the parts: the sum passes int.MaxValue, the cells become longs with the same numbers
        Assert.True(counts.TryAddToParts(part, other, 5));
        Assert.True(counts.IsWide);
        Assert.True(counts.IsDense);
        Assert.Equal(layout, counts.Layout);
        Assert.Equal(int.MaxValue + 4L, counts.CountAt(0));
        Assert.Equal(3, counts.CountAt(1));
        Assert.True(counts.NarrowCells.IsEmpty);
        // a part computed before the widening is still valid
        Assert.True(counts.TryAddToParts(part, other, 1));
        Assert.Equal(int.MaxValue + 5L, counts.CountAt(0));
        // wide cells grow and lay out again like narrow ones, and move to the hashed table like them
        counts.Add([5, 1], 2);
        Assert.True(counts.IsWide);
        Assert.Equal(int.MaxValue + 5L, counts.CountAt(0));
        Assert.Equal(2, counts.CountAt(2));
        counts.Add([-1, 1], 7);
        Assert.False(counts.IsDense);
        Assert.Equal([int.MaxValue + 5L, 3L, 2L, 7L], Enumerable.Range(0, counts.Count).Select(counts.CountAt).ToArray());
        counts.Return();
        // given back: narrow again
        counts.Add([2, 2], 1);
        Assert.True(counts.IsDense);
        Assert.False(counts.IsWide);
        Assert.Equal(1, counts.CountAt(0));
    }

    [Fact]
    public void An_add_past_the_int_range_widens_the_cells()
    {
        using var memory = new Memory();
        var counts = new TupleCounts(1, memory.Account);
        counts.Add([3], int.MaxValue);
        Assert.False(counts.IsWide);
        counts.Add([1], 1);
        counts.Add([3], 1);
        Assert.True(counts.IsWide);
        Assert.Equal(int.MaxValue + 1L, counts.CountAt(0));
        // a new group's first count past the int range too, and a count of several int ranges at once
        counts.Add([2], 5L * int.MaxValue);
        Assert.Equal(5L * int.MaxValue, counts.CountAt(2));
        Assert.Equal(1, counts.CountAt(1));
        var fresh = new TupleCounts(0, memory.Account);
        fresh.Add([], 3L * int.MaxValue);
        fresh.Add([], 2);
        Assert.True(fresh.IsWide);
        Assert.Equal(3L * int.MaxValue + 2, fresh.CountAt(0));
    }

    [Fact]
    public void Narrow_cells_come_back_from_the_pool_all_zero()
    {
        const int length = 1 << 18;
        var cells = GroupCellPool.RentNarrowCells(length);
        Assert.Equal(length, cells.Length);
        cells[3] = 7;
        cells[length - 1] = 9;
        GroupCellPool.ReturnNarrowCells(cells, [3, length - 1]);
        var again = GroupCellPool.RentNarrowCells(length);
        Assert.All(again, c => Assert.Equal(0, c));
        GroupCellPool.ReturnNarrowCells(again, []);
    }

    private static (TupleCounts Counts, List<(int[] Tuple, long Count)> Reference) Fill(int width, int adds, Func<Random, int> id, int seed)
    {
        var memory = new Memory();
        var counts = new TupleCounts(width, memory.Account);
        var random = new Random(seed);
        var reference = new List<(int[] Tuple, long Count)>();
        var index = new Dictionary<string, int>();
        for (var i = 0; i < adds; i++)
        {
            var tuple = Enumerable.Range(0, width).Select(_ => id(random)).ToArray();
            var count = random.Next(1, 4);
            counts.Add(tuple, count);
            var key = string.Join(",", tuple);
            if (index.TryGetValue(key, out var at)) reference[at] = (reference[at].Tuple, reference[at].Count + count);
            else
            {
                index[key] = reference.Count;
                reference.Add((tuple, count));
            }
        }
        return (counts, reference);
    }

    private static void AssertSame(List<(int[] Tuple, long Count)> reference, TupleCounts counts)
    {
        Assert.Equal(reference.Count, counts.Count);
        for (var g = 0; g < reference.Count; g++)
        {
            Assert.Equal(reference[g].Tuple, counts.TupleAt(g).ToArray());
            Assert.Equal(reference[g].Count, counts.CountAt(g));
        }
    }

    /// <summary>A statement's memory tracker with one account, as a ChainCount run opens.</summary>
    private sealed class Memory(long? limit = null) : IDisposable
    {
        private readonly MemoryTracker _tracker = new(limit);

        public MemoryAccount Account => field ??= _tracker.Open("test groups");

        public void Dispose() => Account.Dispose();
    }
}
