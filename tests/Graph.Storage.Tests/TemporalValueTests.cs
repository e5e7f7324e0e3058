using Graph.Client;

namespace Graph.Storage.Tests;

/// <summary>The contract's temporal values as property values: stored exactly through the log and a snapshot, and indexed by value.</summary>
public class TemporalValueTests
{
    private static readonly (string Key, object Value)[] Values =
    [
        ("date", new LocalDate(-999_999_999, 1, 1)),
        ("localTime", new LocalTime(23, 59, 59, 999_999_999)),
        ("time", new OffsetTime(new LocalTime(0, 0, 0, 1), -18 * 3600)),
        ("localDateTime", new LocalDateTime(999_999_999, 12, 31, 23, 59, 59, 999_999_999)),
        ("offsetDateTime", new ZonedDateTime(new LocalDateTime(1970, 1, 1, 0, 0, 0, 1), -1)),
        ("zonedDateTime", new ZonedDateTime(new LocalDateTime(1818, 7, 21, 21, 40, 32, 142_000_000), 53 * 60 + 28, "Europe/Stockholm")),
        ("duration", new Duration(long.MinValue, long.MaxValue, long.MinValue + 1, 999_999_999)),
        ("dates", new object[] { new LocalDate(2013, 7, 10), new LocalDate(2013, 7, 11) }),
    ];

    [Theory]
    [InlineData(64L * 1024 * 1024)] // replayed from the log
    [InlineData(1L)]                // written into a snapshot at once
    public void Temporal_values_come_back_equal_and_of_the_same_type_after_reopening(long snapshotThreshold)
    {
        using var dir = new TempDirectory();
        static IGraphStore Open(string path, long threshold) =>
            GraphStore.Open(new StoreOptions { Directory = path, SyncOnCommit = false, SnapshotThresholdBytes = threshold, WriteLockTimeout = TimeSpan.FromSeconds(5) });
        long node;
        using (var store = Open(dir.Path, snapshotThreshold))
            node = store.Write(tx => tx.CreateNode(store, "Meeting", Values));
        using (var store = Open(dir.Path, snapshotThreshold))
        {
            store.Read(tx =>
            {
                foreach (var (key, value) in Values)
                {
                    var stored = tx.NodeProperty(node, store.Key(key))!;
                    Assert.Equal(value.GetType(), stored.GetType());
                    if (value is object[] list) Assert.Equal(list, (object[])stored);
                    else Assert.Equal(value, stored);
                }
                return 0;
            });
        }
    }

    [Fact]
    public void An_index_finds_a_temporal_value_by_an_equal_instance_and_a_unique_constraint_refuses_a_duplicate()
    {
        using var store = StoreTestExtensions.InMemory();
        store.Write(tx =>
        {
            tx.CreateUniqueConstraint(new ConstraintDefinition("meeting_on", store.Label("Meeting"), [store.Key("on")]));
            return 0;
        });
        var node = store.Write(tx => tx.CreateNode(store, "Meeting", ("on", new LocalDate(2013, 7, 10))));
        store.Read(tx =>
        {
            Assert.Equal(new[] { node }, tx.NodesByProperty(store.Label("Meeting"), store.Key("on"), new LocalDate(2013, 7, 10)));
            Assert.Empty(tx.NodesByProperty(store.Label("Meeting"), store.Key("on"), "2013-07-10"));
            return 0;
        });
        var error = Assert.Throws<ConstraintViolationException>(() => store.Write(tx => tx.CreateNode(store, "Meeting", ("on", new LocalDate(2013, 7, 10)))));
        Assert.Contains("2013-07-10", error.Message);
    }
}
