using Graph.Client;

namespace Graph.Engine.Runtime.Temporal;

/// <summary>
/// Ordering within one temporal type: instants with a zone by the instant they stand for, then by offset, then by zone
/// (offsets before named zones); local values by their reading; durations by average length.
/// </summary>
internal static class TemporalOrder
{
    /// <summary>The comparison of two values of the same temporal type; null when the types differ.</summary>
    public static int? Compare(ITemporalValue a, object b) => (a, b) switch
    {
        (LocalDate x, LocalDate y) => x.EpochDay.CompareTo(y.EpochDay),
        (LocalTime x, LocalTime y) => x.NanosecondOfDay.CompareTo(y.NanosecondOfDay),
        (LocalDateTime x, LocalDateTime y) => x.CompareTo(y),
        (OffsetTime x, OffsetTime y) => CompareTimes(x, y),
        (ZonedDateTime x, ZonedDateTime y) => CompareZoned(x, y),
        (Duration x, Duration y) => DurationMath.Compare(x, y),
        _ => null,
    };

    private static int CompareTimes(OffsetTime x, OffsetTime y)
    {
        var c = x.UtcNanosecondOfDay.CompareTo(y.UtcNanosecondOfDay);
        return c != 0 ? c : x.OffsetSeconds.CompareTo(y.OffsetSeconds);
    }

    private static int CompareZoned(ZonedDateTime x, ZonedDateTime y)
    {
        var c = x.EpochSecond.CompareTo(y.EpochSecond);
        if (c != 0) return c;
        c = x.Nanosecond.CompareTo(y.Nanosecond);
        if (c != 0) return c;
        c = x.OffsetSeconds.CompareTo(y.OffsetSeconds);
        if (c != 0) return c;
        if (x.ZoneId is null || y.ZoneId is null) return (x.ZoneId is null ? 0 : 1) - (y.ZoneId is null ? 0 : 1);
        return Math.Sign(string.CompareOrdinal(x.ZoneId, y.ZoneId));
    }

    /// <summary>The rank of a temporal type in ORDER BY: datetime, localdatetime, date, time, localtime, duration.</summary>
    public static int Rank(ITemporalValue value) => value switch
    {
        ZonedDateTime => 0,
        LocalDateTime => 1,
        LocalDate => 2,
        OffsetTime => 3,
        LocalTime => 4,
        _ => 5,
    };
}
