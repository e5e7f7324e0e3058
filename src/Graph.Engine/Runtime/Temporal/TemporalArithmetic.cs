using Graph.Client;

namespace Graph.Engine.Runtime.Temporal;

/// <summary>
/// Instant ± duration (java.time's order: months, then days, then seconds and nanoseconds; dates take whole days of the
/// seconds, times wrap around midnight, zoned values add months and days to the wall clock and seconds to the instant)
/// and the duration between two instants (duration.between, inMonths, inDays, inSeconds).
/// </summary>
internal static class TemporalArithmetic
{
    public static object Add(object temporal, Duration d, int sign)
    {
        try
        {
            return temporal switch
            {
                LocalDate date => CalendarMath.PlusDays(CalendarMath.PlusMonths(date, sign * d.Months), sign * checked(d.Days + d.Seconds / CalendarMath.SecondsPerDay)),
                LocalTime time => CalendarMath.PlusNanos(time, sign * NanosOfDay(d)),
                OffsetTime time => new OffsetTime(CalendarMath.PlusNanos(time.Time, sign * NanosOfDay(d)), time.OffsetSeconds),
                LocalDateTime local => AddLocal(local, d, sign),
                ZonedDateTime zoned => AddZoned(zoned, d, sign),
                _ => throw new InvalidOperationException($"Not a temporal instant: {temporal.GetType().Name}."),
            };
        }
        catch (OverflowException)
        {
            throw CalendarMath.OutOfRange("The result of the temporal arithmetic is outside the supported range.");
        }
    }

    private static long NanosOfDay(Duration d) => d.Seconds % CalendarMath.SecondsPerDay * CalendarMath.NanosPerSecond + d.Nanoseconds;

    private static LocalDateTime AddLocal(LocalDateTime local, Duration d, int sign)
    {
        var date = CalendarMath.PlusDays(CalendarMath.PlusMonths(local.Date, sign * d.Months), sign * d.Days);
        return CalendarMath.PlusSeconds(new LocalDateTime(date, local.Time), sign * d.Seconds, sign * (long)d.Nanoseconds);
    }

    private static ZonedDateTime AddZoned(ZonedDateTime zoned, Duration d, int sign)
    {
        var zone = ZoneSpec.Of(zoned);
        if (d.Months != 0)
            zoned = zone.AtLocal(new LocalDateTime(CalendarMath.PlusMonths(zoned.DateTime.Date, sign * d.Months), zoned.DateTime.Time), zoned.OffsetSeconds);
        if (d.Days != 0)
            zoned = zone.AtLocal(new LocalDateTime(CalendarMath.PlusDays(zoned.DateTime.Date, sign * d.Days), zoned.DateTime.Time), zoned.OffsetSeconds);
        if (d.Seconds == 0 && d.Nanoseconds == 0) return zoned;
        var instant = CalendarMath.PlusSeconds(CalendarMath.LocalFromEpoch(zoned.EpochSecond, zoned.Nanosecond), sign * d.Seconds, sign * (long)d.Nanoseconds);
        return zone.AtInstant(instant.EpochSecond, instant.Time.Nanosecond);
    }

    // ------------------------------------------------------------------ between

    public enum Unit
    {
        Months,
        Days,
        Nanos,
    }

    /// <summary>duration.between: whole months, then whole days, then the rest in seconds (when both have dates).</summary>
    public static Duration Between(object from, object to)
    {
        long months = 0, days = 0;
        if (HasDate(from) && HasDate(to))
        {
            months = (long)Until(from, to, Unit.Months);
            from = Add(from, new Duration(months, 0, 0, 0), 1);
            days = (long)Until(from, to, Unit.Days);
            from = Add(from, new Duration(0, days, 0, 0), 1);
        }
        var nanos = Until(from, to, Unit.Nanos);
        return FromNanos(months, days, nanos);
    }

    public static Duration InMonths(object from, object to) => DurationMath.Create((long)Until(from, to, Unit.Months), 0, 0, 0);

    public static Duration InDays(object from, object to) => DurationMath.Create(0, (long)Until(from, to, Unit.Days), 0, 0);

    public static Duration InSeconds(object from, object to) => FromNanos(0, 0, Until(from, to, Unit.Nanos));

    private static Duration FromNanos(long months, long days, Int128 nanos)
    {
        var seconds = nanos / CalendarMath.NanosPerSecond;
        if (seconds > long.MaxValue || seconds < long.MinValue) throw CalendarMath.OutOfRange("The duration's seconds do not fit in 64 bits.");
        return DurationMath.Create(months, days, (long)seconds, (long)(nanos % CalendarMath.NanosPerSecond));
    }

    private static bool HasDate(object v) => v is LocalDate or LocalDateTime or ZonedDateTime;
    private static bool HasZone(object v) => v is OffsetTime or ZonedDateTime;

    /// <summary>
    /// Neo4j's until: a date without a time gets midnight, a time without a date gets the other's date, a value without a
    /// zone gets the other's zone; then java.time's until on the two values, now of one shape.
    /// </summary>
    private static Int128 Until(object from, object to, Unit unit)
    {
        from = AttachTime(from);
        to = AttachTime(to);
        if (HasDate(from) && !HasDate(to)) to = AttachDate(to, TemporalBuilder.DatePart(from, "duration.between"));
        else if (HasDate(to) && !HasDate(from)) from = AttachDate(from, TemporalBuilder.DatePart(to, "duration.between"));
        if (HasZone(from) && !HasZone(to)) to = AttachZone(to, ZoneOf(from));
        else if (HasZone(to) && !HasZone(from)) from = AttachZone(from, ZoneOf(to));

        switch (from)
        {
            case LocalTime a:
                return unit == Unit.Nanos ? (Int128)((LocalTime)to).NanosecondOfDay - a.NanosecondOfDay : 0;
            case OffsetTime a:
                return unit == Unit.Nanos ? (Int128)((OffsetTime)to).UtcNanosecondOfDay - a.UtcNanosecondOfDay : 0;
            case LocalDateTime a:
                return LocalUntil(a, (LocalDateTime)to, unit);
            case ZonedDateTime a:
                {
                    var b = (ZonedDateTime)to;
                    if (unit == Unit.Nanos) return ((Int128)b.EpochSecond - a.EpochSecond) * CalendarMath.NanosPerSecond + (b.Nanosecond - a.Nanosecond);
                    var sameZone = ZoneSpec.Of(a).AtInstant(b.EpochSecond, b.Nanosecond);
                    return LocalUntil(a.DateTime, sameZone.DateTime, unit);
                }
            default:
                throw new InvalidOperationException("Unexpected temporal shape.");
        }
    }

    private static object AttachTime(object v) => v is LocalDate d ? new LocalDateTime(d, LocalTime.Midnight) : v;

    private static object AttachDate(object v, LocalDate date) => v switch
    {
        OffsetTime t => new ZoneSpec(null, t.OffsetSeconds).AtLocal(new LocalDateTime(date, t.Time)),
        LocalTime t => new LocalDateTime(date, t),
        _ => v,
    };

    private static ZoneSpec ZoneOf(object v) => v is ZonedDateTime z ? ZoneSpec.Of(z) : ZoneSpec.Offset(((OffsetTime)v).OffsetSeconds);

    private static object AttachZone(object v, ZoneSpec zone) => v switch
    {
        LocalDateTime l => zone.AtLocal(l),
        LocalTime t => new OffsetTime(t, zone.IsNamed ? zone.OffsetAt(0) : zone.FixedOffset),
        _ => v,
    };

    /// <summary>java.time's LocalDateTime.until: a date unit counts only complete units of the wall clock.</summary>
    private static Int128 LocalUntil(LocalDateTime a, LocalDateTime b, Unit unit)
    {
        if (unit == Unit.Nanos)
            return ((Int128)b.Date.EpochDay - a.Date.EpochDay) * CalendarMath.NanosPerDay + (b.Time.NanosecondOfDay - a.Time.NanosecondOfDay);
        var endDate = b.Date;
        if (endDate.EpochDay > a.Date.EpochDay && b.Time.NanosecondOfDay < a.Time.NanosecondOfDay) endDate = CalendarMath.PlusDays(endDate, -1);
        else if (endDate.EpochDay < a.Date.EpochDay && b.Time.NanosecondOfDay > a.Time.NanosecondOfDay) endDate = CalendarMath.PlusDays(endDate, 1);
        if (unit == Unit.Days) return endDate.EpochDay - a.Date.EpochDay;
        var packed1 = ((long)a.Date.Year * 12 + a.Date.Month - 1) * 32 + a.Date.Day;
        var packed2 = ((long)endDate.Year * 12 + endDate.Month - 1) * 32 + endDate.Day;
        return (packed2 - packed1) / 32;
    }
}
