namespace Graph.Storage.Tests;

/// <summary>
/// <see cref="SeenNodes"/> marks as a set would, and <see cref="StorageTransaction.MarkNeighbourNodes"/> marks the far
/// ends of what <see cref="StorageTransaction.Relationships"/> enumerates, in its order: the new ones found once, in the
/// order first met, the relationships read and the counted node met as often as the enumeration has them. Packed and
/// appended groups, parallel relationships, self-loops, an older reader's version, a writer's own uncommitted creates and
/// deletes (a deleted node has none); ids beyond the bitmap's first size and beyond its bound.
/// </summary>
public class SeenNodesTests
{
    [Fact]
    public void Marking_finds_what_a_set_finds_in_the_order_first_met()
    {
        var random = new Random(5);
        var seen = new SeenNodes();
        var frontier = new long[16];
        for (var search = 0; search < 6; search++)
        {
            seen.Clear();
            var model = new HashSet<long>();
            // the start: marked, not found
            long start = random.Next(100);
            Assert.True(seen.Mark(start));
            model.Add(start);
            Assert.False(seen.Mark(start));
            for (var level = 0; level < 4; level++)
            {
                var ids = Enumerable.Range(0, random.Next(1, 3000)).Select(_ => Id(random, start)).ToArray();
                var expected = ids.Where(model.Add).ToList();
                var met = seen.MarkAll(ids, start);
                Assert.Equal(ids.Count(i => i == start), met);
                Assert.Equal(expected, seen.Found.ToList());
                Assert.Equal(expected.Count, seen.FoundCount);
                frontier = seen.TakeFound(frontier, out var count);
                Assert.Equal(expected, frontier.Take(count).ToList());
                Assert.Equal(0, seen.FoundCount);
            }
        }
    }

    /// <summary>Small ids most of the time (many met twice), now and then one far beyond the bitmap or its bound.</summary>
    private static long Id(Random random, long start) => random.Next(20) switch
    {
        0 => start,
        1 => random.Next(1_000_000),
        2 => SeenNodes.DenseNodes + random.Next(100),
        3 => SeenNodes.DenseNodes - 1 - random.Next(100),
        _ => random.Next(5000),
    };

    [Fact]
    public void The_stores_marks_are_those_of_the_enumeration_in_every_version()
    {
        var random = new Random(13);
        AdjacencyViews.CheckEvery(random, (tx, types) => AssertSame(tx, types, random), writer =>
        {
            var seen = new SeenNodes();
            Assert.Equal(0, writer.MarkNeighbourNodes(9, Direction.Both, null, seen, 9, out var met));
            Assert.Equal(0, met);
            Assert.Equal(0, seen.FoundCount);
        });
    }

    private static void AssertSame(StorageTransaction tx, int[] types, Random random)
    {
        IReadOnlyList<int>?[] filters = [null, [types[0]], new[] { types[1], types[2] }, [], [12345]];
        var seen = new SeenNodes();
        for (long node = 0; node < AdjacencyViews.Nodes + 2; node++)
            foreach (var direction in new[] { Direction.Outgoing, Direction.Incoming, Direction.Both })
                foreach (var filter in filters)
                {
                    // some nodes marked before (or none: the store's marks then dirty the words first), as a search's
                    // earlier levels would have; the node itself counted
                    seen.Clear();
                    var model = new HashSet<long>();
                    var before = random.Next(3) == 0 ? 0 : 10;
                    for (var i = 0; i < before; i++)
                    {
                        long marked = random.Next(AdjacencyViews.Nodes);
                        seen.Mark(marked);
                        model.Add(marked);
                    }
                    var others = tx.Relationships(node, direction, filter is int[] array ? array.ToList() : filter).Select(r => r.OtherEnd(node)).ToList();
                    var read = tx.MarkNeighbourNodes(node, direction, filter, seen, node, out var met);
                    Assert.Equal(others.Count, read);
                    Assert.Equal(others.Count(o => o == node), met);
                    Assert.Equal(others.Where(model.Add).ToList(), seen.Found.ToList());
                }
    }
}
