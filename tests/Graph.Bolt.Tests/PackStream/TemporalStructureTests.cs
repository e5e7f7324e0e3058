using Graph.Bolt.PackStream;
using Graph.Bolt.Protocol;
using Graph.Client;

namespace Graph.Bolt.Tests.PackStream;

/// <summary>
/// Bolt's temporal structures: the fields Neo4j's Bolt documentation gives (days, nanoseconds of the day, UTC seconds
/// in Bolt 5 and wall-clock seconds in 4.4's legacy DateTime), both ways, and malformed ones refused.
/// </summary>
public class TemporalStructureTests
{
    public static TheoryData<object> Values => new()
    {
        new LocalDate(2024, 2, 29),
        new LocalDate(-999_999_999, 1, 1),
        new LocalDate(999_999_999, 12, 31),
        new LocalTime(12, 31, 14, 645_876_123),
        LocalTime.Midnight,
        new OffsetTime(new LocalTime(23, 59, 59, 1), -(2 * 3600 + 5 * 60 + 7)),
        new LocalDateTime(1969, 12, 31, 23, 59, 59, 999_999_999),
        new LocalDateTime(999_999_999, 12, 31, 23, 59, 59, 999_999_999),
        new ZonedDateTime(new LocalDateTime(2015, 7, 21, 21, 40, 32, 142_000_000), 3600),
        new ZonedDateTime(new LocalDateTime(1818, 7, 21, 21, 40, 32, 142_000_000), 53 * 60 + 28, "Europe/Stockholm"),
        new ZonedDateTime(new LocalDateTime(2015, 11, 21, 21, 40, 32, 142_000_000), 0, "Antarctica/Troll"),
        new ZonedDateTime(new LocalDateTime(2024, 7, 1, 14, 0), 7200, "Europe/Paris"),
        new Duration(-14, 3, -1, 999_999_999),
        new Duration(14, 3, 14706, 500_000_000),
        Duration.Zero,
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Temporal_values_round_trip_in_the_utc_and_the_legacy_form(object value)
    {
        foreach (var utc in new[] { true, false })
        {
            var back = RoundTrip(value, utc);
            Assert.Equal(value, back);
            Assert.Equal(value.GetType(), back!.GetType());
        }
    }

    [Fact]
    public void Structures_carry_the_documented_fields()
    {
        AssertWritten('D', [19782L], new LocalDate(2024, 2, 29), utc: true);
        AssertWritten('D', [-1L], new LocalDate(1969, 12, 31), utc: true);
        AssertWritten('t', [45_005_500_000_000L], new LocalTime(12, 30, 5, 500_000_000), utc: true);
        AssertWritten('T', [45_005_000_000_000L, 3600L], new OffsetTime(new LocalTime(12, 30, 5), 3600), utc: true);
        AssertWritten('d', [1709209805L, 42L], new LocalDateTime(2024, 2, 29, 12, 30, 5, 42), utc: true);
        var dt = new ZonedDateTime(new LocalDateTime(1970, 1, 1, 2, 15, 0, 42), 3600);
        AssertWritten('I', [4500L, 42L, 3600L], dt, utc: true);   // Bolt 5: UTC seconds
        AssertWritten('F', [8100L, 42L, 3600L], dt, utc: false);  // 4.4 legacy: wall-clock seconds
        var zoned = new ZonedDateTime(new LocalDateTime(2024, 7, 1, 14, 0), 7200, "Europe/Paris");
        AssertWritten('i', [1719835200L, 0L, "Europe/Paris"], zoned, utc: true);
        AssertWritten('f', [1719842400L, 0L, "Europe/Paris"], zoned, utc: false);
        AssertWritten('E', [14L, 3L, 14706L, 500_000_000L], new Duration(14, 3, 14706, 500_000_000), utc: true);
    }

    [Fact]
    public void A_zone_id_structure_takes_the_offset_of_the_zone_rules()
    {
        // 1818 Stockholm: local mean time, +00:53:28 to the second.
        var local = new LocalDateTime(1818, 7, 21, 21, 40, 32);
        var stockholm = Assert.IsType<ZonedDateTime>(PackStreamTests.Read((byte)'i', local.EpochSecond - (53 * 60 + 28), 0L, "Europe/Stockholm"));
        Assert.Equal(53 * 60 + 28, stockholm.OffsetSeconds);
        Assert.Equal(local, stockholm.DateTime);
        // Winter and summer in Paris, from the wall-clock (legacy) form.
        Assert.Equal(3600, Assert.IsType<ZonedDateTime>(PackStreamTests.Read((byte)'f', 1704110400L, 0L, "Europe/Paris")).OffsetSeconds);
        Assert.Equal(7200, Assert.IsType<ZonedDateTime>(PackStreamTests.Read((byte)'f', 1719842400L, 0L, "Europe/Paris")).OffsetSeconds);
    }

    [Theory]
    [InlineData('D', new object[] { 0L, 1L }, "fields")]
    [InlineData('t', new object[] { 86_400_000_000_000L }, "out of range")]
    [InlineData('T', new object[] { 0L, 18 * 3600L + 1 }, "±18:00")]
    [InlineData('d', new object[] { 0L, 1_000_000_000L }, "nanoseconds")]
    [InlineData('I', new object[] { 0L, -1L, 0L }, "nanoseconds")]
    [InlineData('i', new object[] { 0L, 0L, "Mars/Olympus_Mons" }, "unknown time zone 'Mars/Olympus_Mons'")]
    [InlineData('D', new object[] { long.MaxValue }, "out of range")]
    [InlineData('E', new object[] { 0L, 0L, "1", 0L }, "wrong types")]
    public void Malformed_temporal_structures_are_refused_with_the_reason(char tag, object[] fields, string reason)
    {
        var e = Assert.Throws<PackStreamException>(() => PackStreamTests.Read((byte)tag, fields));
        Assert.Contains(reason, e.Message);
    }

    private static object? RoundTrip(object value, bool utc)
    {
        var packer = new PackStreamWriter();
        new BoltValueWriter(packer, utc ? BoltVersion.V5_0 : BoltVersion.V4_4).Write(value);
        return new PackStreamReader(packer.Written.ToArray(), structures: BoltStructureReader.Instance).ReadValue();
    }

    private static void AssertWritten(char tag, object?[] fields, object value, bool utc)
    {
        var (writtenTag, writtenFields) = Written(value, utc);
        Assert.Equal(tag, writtenTag);
        Assert.Equal(fields, writtenFields);
    }

    /// <summary>The structure's tag and raw fields, read without interpreting them.</summary>
    private static (char Tag, object?[] Fields) Written(object value, bool utc)
    {
        var packer = new PackStreamWriter();
        var writer = new BoltValueWriter(packer, BoltVersion.V5_0) { UtcDateTime = utc };
        writer.Write(value);
        var reader = new PackStreamReader(packer.Written.ToArray());
        var (tag, count) = reader.ReadStructHeader();
        var fields = new object?[count];
        for (var i = 0; i < count; i++) fields[i] = reader.ReadValue();
        return ((char)tag, fields);
    }
}
