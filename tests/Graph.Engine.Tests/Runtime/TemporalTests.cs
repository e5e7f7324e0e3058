using Graph.Client;

namespace Graph.Engine.Tests.Runtime;

/// <summary>Temporal values as typed values: results, parameters, storage (log, snapshot, reopen), indexes, DISTINCT and grouping.</summary>
public class TemporalTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "graph-temporal-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    /// <summary>One value of every temporal type, with nanoseconds, a named zone, a second-precision offset and extreme years.</summary>
    private static readonly Dictionary<string, object?> Samples = new()
    {
        ["date"] = new LocalDate(1984, 10, 11),
        ["farDate"] = new LocalDate(-999_999_999, 1, 1),
        ["localTime"] = new LocalTime(12, 31, 14, 645_876_123),
        ["time"] = new OffsetTime(new LocalTime(23, 59, 59, 999_999_999), -(2 * 3600 + 5 * 60 + 7)),
        ["localDateTime"] = new LocalDateTime(+999_999_999, 12, 31, 23, 59, 59, 1),
        ["offsetDateTime"] = new ZonedDateTime(new LocalDateTime(2015, 7, 21, 21, 40, 32, 142_000_000), 3600),
        ["zonedDateTime"] = new ZonedDateTime(new LocalDateTime(1818, 7, 21, 21, 40, 32, 142_000_000), 53 * 60 + 28, "Europe/Stockholm"),
        ["duration"] = new Duration(-14, 3, -1, 999_999_999),
        ["dates"] = new object?[] { new LocalDate(2013, 1, 1), new LocalDate(2014, 6, 30) },
        ["durations"] = new object?[] { new Duration(1, 2, 3, 4), Duration.Zero },
    };

    [Fact]
    public async Task Every_temporal_type_comes_back_typed_and_prints_as_neo4j_does()
    {
        await using var driver = Engine.New();
        var row = (await driver.Run("""
            RETURN date('2015-W30-2') AS d, localtime('214032.142') AS lt, time('21:40:32+01:00') AS t,
                   localdatetime('2015-202T21:40:32') AS ldt, datetime('2015-07-21T21:40:32.142[Europe/London]') AS dt,
                   duration('P5M1.5D') AS dur
            """)).Single();
        Assert.Equal(new LocalDate(2015, 7, 21), row["d"]);
        Assert.Equal(new LocalTime(21, 40, 32, 142_000_000), row["lt"]);
        Assert.Equal(new OffsetTime(new LocalTime(21, 40, 32), 3600), row["t"]);
        Assert.Equal(new LocalDateTime(2015, 7, 21, 21, 40, 32), row["ldt"]);
        var dt = Assert.IsType<ZonedDateTime>(row["dt"]);
        Assert.Equal(("Europe/London", 3600, "2015-07-21T21:40:32.142+01:00[Europe/London]"), (dt.ZoneId, dt.OffsetSeconds, dt.ToString()));
        Assert.Equal("P5M1DT12H", row["dur"]!.ToString());
    }

    [Fact]
    public async Task Times_with_offsets_order_by_instant()
    {
        await using var driver = Engine.New();
        var result = await driver.Run(
            "UNWIND [time({hour: 10, minute: 35, timezone: '-08:00'}), time({hour: 12, minute: 35, second: 15, timezone: '+05:00'})] AS t RETURN t ORDER BY t");
        Assert.Equal(["12:35:15+05:00", "10:35-08:00"], result.Records.Select(r => r["t"]!.ToString()!).ToArray());
    }

    [Fact]
    public async Task Every_temporal_type_survives_the_log_a_snapshot_and_reopening()
    {
        await using (var driver = EmbeddedDriver.Open(_dir))
            await driver.Run("CREATE (:Logged $props)", new Dictionary<string, object?> { ["props"] = Samples });
        await using (var reopened = EmbeddedDriver.Open(_dir))
        {
            AssertSamples(await reopened.Scalar("MATCH (n:Logged) RETURN properties(n)"));
            await reopened.Run("CREATE (:Snapshotted $props)", new Dictionary<string, object?> { ["props"] = Samples });
            reopened.Checkpoint();
        }
        await using (var again = EmbeddedDriver.Open(_dir))
        {
            AssertSamples(await again.Scalar("MATCH (n:Logged) RETURN properties(n)"));
            AssertSamples(await again.Scalar("MATCH (n:Snapshotted) RETURN properties(n)"));
        }
    }

    private static void AssertSamples(object? properties)
    {
        var map = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(properties);
        foreach (var (key, expected) in Samples)
        {
            if (expected is object?[] list) Assert.Equal(list, Assert.IsAssignableFrom<IReadOnlyList<object?>>(map[key]));
            else Assert.Equal(expected, map[key]);
            Assert.Equal(Values.TypeName(expected), Values.TypeName(map[key]));
        }
    }

    [Fact]
    public async Task Clr_dates_and_times_are_parameters_to_the_tick()
    {
        await using var driver = Engine.New();
        var row = (await driver.Run("RETURN $d AS d, $t AS t, $dto AS dto, $span AS span, $utc AS utc", new Dictionary<string, object?>
        {
            ["d"] = new DateOnly(2013, 11, 6),
            ["t"] = new TimeOnly(9, 30, 15, 250),
            ["dto"] = new DateTimeOffset(2013, 11, 6, 9, 30, 0, TimeSpan.FromHours(-3)),
            ["span"] = TimeSpan.FromMilliseconds(90_061_001),
            ["utc"] = new DateTime(2013, 11, 6, 12, 0, 0, DateTimeKind.Utc),
        })).Single();
        Assert.Equal("2013-11-06", row["d"]!.ToString());
        Assert.Equal("09:30:15.250", row["t"]!.ToString());
        Assert.Equal("2013-11-06T09:30-03:00", row["dto"]!.ToString());
        Assert.Equal("PT25H1M1.001S", row["span"]!.ToString());
        Assert.Equal("2013-11-06T12:00Z", row["utc"]!.ToString());
    }

    [Fact]
    public async Task A_zoned_parameter_takes_its_offset_from_the_zone_and_an_unknown_zone_is_refused()
    {
        await using var driver = Engine.New();
        // A caller (Bolt sends UTC seconds and a zone id) may not know the offset: the instant is kept, the zone's rules give it.
        var summer = ZonedDateTime.FromEpochSecond(new ZonedDateTime(new LocalDateTime(2017, 8, 8, 10, 0), 0).EpochSecond, 0, 0, "Europe/Stockholm");
        Assert.Equal("2017-08-08T12:00+02:00[Europe/Stockholm]", (await driver.Scalar("RETURN $z", new Dictionary<string, object?> { ["z"] = summer }))!.ToString());
        var bad = new ZonedDateTime(new LocalDateTime(2017, 8, 8, 10, 0), 0, "Mars/Olympus_Mons");
        var error = await Assert.ThrowsAsync<ClientException>(() => driver.Scalar("RETURN $z", new Dictionary<string, object?> { ["z"] = bad }));
        Assert.Contains("Mars/Olympus_Mons", error.Message);
    }

    [Fact]
    public async Task Distinct_grouping_and_index_seeks_use_temporal_equality()
    {
        await using var driver = Engine.New();
        Assert.Equal(2L, await driver.Scalar(
            "UNWIND [date('2014-01-01'), date({year: 2014}), date('2014-01-02'), date('20140101')] AS d WITH DISTINCT d RETURN count(*)"));
        var groups = await driver.Run(
            "UNWIND [duration('PT1M'), duration({seconds: 60}), duration('P1D')] AS d RETURN d, count(*) AS n ORDER BY n DESC");
        Assert.Equal([("PT1M", 2L), ("P1D", 1L)], groups.Records.Select(r => (r["d"]!.ToString()!, (long)r["n"]!)).ToArray());

        await driver.Run("CREATE INDEX meeting_on IF NOT EXISTS FOR (m:Meeting) ON (m.on)");
        await driver.Run("UNWIND range(1, 28) AS day CREATE (:Meeting {day: day, on: date({year: 2013, month: 2, day: day})})");
        Assert.Contains("NodeIndexSeek", driver.Explain("MATCH (m:Meeting {on: date('2013-02-14')}) RETURN m.day"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(14L, await driver.Scalar("MATCH (m:Meeting {on: date('2013-02-14')}) RETURN m.day"));
        Assert.Equal(14L, await driver.Scalar("MATCH (m:Meeting) WHERE m.on = $on RETURN m.day", new { on = new LocalDate(2013, 2, 14) }));
        Assert.Equal(3L, await driver.Scalar("MATCH (m:Meeting) WHERE m.on >= date('2013-02-26') RETURN count(m)"));
    }

    [Fact]
    public async Task Different_temporal_types_do_not_compare_and_durations_do_not_order_with_less_than()
    {
        await using var driver = Engine.New();
        var row = (await driver.Run(
            "RETURN date('2014-01-01') < localdatetime('2014-01-02T00:00') AS mixed, duration('P1D') < duration('P2D') AS durations, date('2014-01-01') = '2014-01-01' AS text")).Single();
        Assert.Null(row["mixed"]);
        Assert.Null(row["durations"]);
        Assert.Equal(false, row["text"]);
    }

    [Fact]
    public async Task The_statement_clock_stands_still_and_the_transaction_clock_spans_statements()
    {
        await using var driver = Engine.New();
        Assert.Equal(true, await driver.Scalar("UNWIND range(1, 1000) AS i WITH collect(datetime()) AS times RETURN all(t IN times WHERE t = times[0])"));
        await using var session = driver.AsyncSession();
        await using var tx = await session.BeginTransactionAsync();
        var first = (await tx.RunAsync("RETURN datetime.transaction() AS t")).Single()["t"];
        await Task.Delay(20);
        var second = (await tx.RunAsync("RETURN datetime.transaction() AS t, datetime.realtime() > datetime.transaction() AS later")).Single();
        Assert.Equal(first, second["t"]);
        Assert.Equal(true, second["later"]);
    }

    [Theory]
    [InlineData("RETURN datetime({year: 2014, timezone: 'Mars/Olympus_Mons'})", "Mars/Olympus_Mons")]
    [InlineData("RETURN date('2014-02-30')", "FEBRUARY 30")]
    [InlineData("RETURN date('not a date')", "not a date")]
    [InlineData("RETURN date({year: 2014}).hour", "hour")]
    [InlineData("RETURN duration({fortnights: 2})", "fortnights")]
    [InlineData("RETURN date.truncate('aeon', date())", "aeon")]
    [InlineData("RETURN localtime({minute: 30})", "hour must be specified")]
    [InlineData("RETURN date('+999999999-12-31') + duration('P1D')", "supported years")]
    [InlineData("RETURN datetime({epochSeconds: 31556889832780799, timezone: '+18:00'})", "supported years")]
    [InlineData("RETURN localdatetime('-999999999-01-01T00:00') - duration('PT1S')", "supported years")]
    [InlineData("RETURN duration({seconds: 1e300})", "64-bit")]
    [InlineData("RETURN date({year: 2000000000})", "Year")]
    public async Task Bad_temporal_input_is_an_argument_error_naming_what_is_wrong(string query, string named)
    {
        await using var driver = Engine.New();
        var error = await Assert.ThrowsAsync<ClientException>(() => driver.Scalar(query));
        Assert.Contains(named, error.Message);
        Assert.StartsWith("Neo.ClientError.Statement.", error.Code);
    }
}
