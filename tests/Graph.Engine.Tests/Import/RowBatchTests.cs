using Graph.Engine.Import;

namespace Graph.Engine.Tests.Import;

/// <summary>The batches the importer's reading thread fills and its writing thread empties.</summary>
public sealed class RowBatchTests
{
    private static RowBatch Filled(int rows)
    {
        var batch = new RowBatch(columns: 2);
        for (var r = 0; r < rows; r++)
        {
            var properties = batch.NextProperties();
            properties[0] = new(1, $"row {r}");
            var count = 1;
            if (r % 2 == 0) properties[count++] = new(2, (long)r);
            batch.Add(line: r + 2, count, id: $"id{r}");
        }
        return batch;
    }

    [Fact]
    public void A_rows_properties_are_copied_into_the_one_list_given_replacing_what_it_held()
    {
        var batch = Filled(3);
        var list = new List<KeyValuePair<int, object>> { new(9, "stale"), new(9, "stale"), new(9, "stale") };
        Assert.Same(list, batch.PropertiesOf(0, list));
        Assert.Equal([new(1, "row 0"), new(2, 0L)], list);
        Assert.Same(list, batch.PropertiesOf(1, list));
        Assert.Equal([new KeyValuePair<int, object>(1, "row 1")], list);
    }

    [Fact]
    public void Truncating_keeps_the_rows_before_and_drops_the_references_of_the_rest()
    {
        var batch = Filled(5);
        batch.Truncate(2);
        Assert.Equal(2, batch.Count);
        Assert.Equal([2, 3], batch.Lines[..2]);
        Assert.Equal(["id0", "id1", null, null, null], batch.Ids[..5]);
        Assert.All(batch.Properties[4..10], p => Assert.Null(p.Value));
        Assert.Equal("row 1", batch.PropertiesOf(1, []).Single().Value);
        batch.Truncate(3); // past the count: nothing changes
        Assert.Equal(2, batch.Count);
    }
}
