using Noda = NodaTime;

namespace Graph.Engine.Runtime.Temporal;

/// <summary>
/// IANA time-zone rules from NodaTime's embedded tzdb (the same data Java's, and so Neo4j's, zone rules come from), so
/// results do not depend on the machine's tzdata and keep offsets to the second (Stockholm in 1818: +00:53:28), which
/// .NET's TimeZoneInfo rounds to whole minutes. Instants outside NodaTime's years (-9998 to 9999) use the offset at the
/// nearest one it knows.
/// </summary>
internal static class TimeZoneRules
{
    private static readonly Noda.IDateTimeZoneProvider Provider = Noda.DateTimeZoneProviders.Tzdb;
    private static readonly long MinSecond = Noda.Instant.MinValue.ToUnixTimeSeconds();
    private static readonly long MaxSecond = Noda.Instant.MaxValue.ToUnixTimeSeconds();

    /// <summary>The tzdb release, e.g. "TZDB: 2026f".</summary>
    public static string Version => Provider.VersionId;

    public static bool Exists(string id) => Provider.GetZoneOrNull(id) is not null;

    public static int OffsetAt(string id, long epochSecond)
    {
        var zone = Provider[id];
        return zone.GetUtcOffset(Noda.Instant.FromUnixTimeSeconds(Math.Clamp(epochSecond, MinSecond, MaxSecond))).Seconds;
    }

    /// <summary>
    /// The offset of a wall-clock reading in the zone, as java.time resolves it: in an overlap the preferred offset when it
    /// is one of the two, else the earlier; in a gap the reading moves forward by the gap's length.
    /// </summary>
    public static (Graph.Client.LocalDateTime Local, int Offset) Resolve(string id, Graph.Client.LocalDateTime local, int? preferredOffset)
    {
        var zone = Provider[id];
        var year = local.Date.Year;
        if (year is < -9997 or > 9998)
        {
            var offset = OffsetAt(id, local.EpochSecond);
            return (local, offset);
        }
        var t = local.Time;
        var noda = new Noda.LocalDateTime(year, local.Date.Month, local.Date.Day, t.Hour, t.Minute, t.Second).PlusNanoseconds(t.Nanosecond);
        var mapping = zone.MapLocal(noda);
        switch (mapping.Count)
        {
            case 1:
                return (local, mapping.First().Offset.Seconds);
            case 2:
                var early = mapping.EarlyInterval.WallOffset.Seconds;
                var late = mapping.LateInterval.WallOffset.Seconds;
                return (local, preferredOffset == late ? late : early);
            default:
                var before = mapping.EarlyInterval.WallOffset.Seconds;
                var after = mapping.LateInterval.WallOffset.Seconds;
                var shifted = Graph.Client.LocalDateTime.FromEpochSecond(local.EpochSecond + (after - before), t.Nanosecond);
                return (shifted, after);
        }
    }
}
