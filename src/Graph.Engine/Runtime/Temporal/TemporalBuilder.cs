using Graph.Client;

namespace Graph.Engine.Runtime.Temporal;

/// <summary>The five instant types Cypher constructs: the targets of date(), localtime(), time(), localdatetime(), datetime().</summary>
internal enum TemporalType
{
    Date,
    LocalTime,
    Time,
    LocalDateTime,
    DateTime,
}

/// <summary>
/// Builds temporal instants from a string, a map of components (optionally selecting from other temporal values) or
/// another temporal value, as Neo4j does; "now" (the statement, transaction or real-time clock) comes from the caller.
/// The default time zone is UTC.
/// </summary>
internal static class TemporalBuilder
{
    public static string FunctionName(TemporalType type) => type.ToString().ToLowerInvariant();

    public static object Build(TemporalType type, object argument, Instant now) => argument switch
    {
        string text => Parse(type, text, now),
        IReadOnlyDictionary<string, object?> map => FromMap(type, TemporalFieldMap.Read(map, FunctionName(type)), now),
        ITemporalValue and not Duration => Select(type, argument, now),
        _ => throw CypherErrors.InvalidArgumentType(FunctionName(type) + "()", argument, "a String, a Map or a temporal value"),
    };

    public static object Parse(TemporalType type, string text, Instant now) => type switch
    {
        TemporalType.Date => TemporalParser.ParseDate(text),
        TemporalType.LocalTime => TemporalParser.ParseLocalTime(text),
        TemporalType.Time => TemporalParser.ParseTime(text, ZoneSpec.Utc, now.EpochSecond),
        TemporalType.LocalDateTime => TemporalParser.ParseLocalDateTime(text),
        _ => TemporalParser.ParseDateTime(text, ZoneSpec.Utc),
    };

    /// <summary>The current instant in a zone, as the given type.</summary>
    public static object Now(TemporalType type, Instant now, ZoneSpec zone)
    {
        var z = zone.AtInstant(now.EpochSecond, now.Nanosecond);
        return type switch
        {
            TemporalType.Date => z.DateTime.Date,
            TemporalType.LocalTime => z.DateTime.Time,
            TemporalType.Time => new OffsetTime(z.DateTime.Time, z.OffsetSeconds),
            TemporalType.LocalDateTime => z.DateTime,
            _ => z,
        };
    }

    /// <summary>date(x), time(x), ... of another temporal value: the parts the target has (a missing zone is UTC, a missing time midnight).</summary>
    public static object Select(TemporalType type, object value, Instant now) => type switch
    {
        TemporalType.Date => DatePart(value, "date"),
        TemporalType.LocalTime => LocalTimePart(value, "localtime"),
        TemporalType.Time => value switch
        {
            OffsetTime t => t,
            ZonedDateTime z => new OffsetTime(z.DateTime.Time, z.OffsetSeconds),
            _ => new OffsetTime(LocalTimePart(value, "time"), 0),
        },
        TemporalType.LocalDateTime => value switch
        {
            ZonedDateTime z => z.DateTime,
            LocalDateTime l => l,
            _ => new LocalDateTime(DatePart(value, "localdatetime"), LocalTime.Midnight),
        },
        _ => value switch
        {
            ZonedDateTime z => z,
            LocalDateTime l => ZoneSpec.Utc.AtLocal(l),
            _ => ZoneSpec.Utc.AtLocal(new LocalDateTime(DatePart(value, "datetime"), LocalTime.Midnight)),
        },
    };

    public static LocalDate DatePart(object? value, string function) => value switch
    {
        LocalDate d => d,
        LocalDateTime l => l.Date,
        ZonedDateTime z => z.DateTime.Date,
        _ => throw CypherErrors.ArgumentError("InvalidArgumentValue", $"{function}(): cannot take a date from {CypherValues.TypeName(value)} ({CypherValues.Describe(value)})."),
    };

    public static LocalTime LocalTimePart(object? value, string function) => value switch
    {
        LocalTime t => t,
        OffsetTime t => t.Time,
        LocalDateTime l => l.Time,
        ZonedDateTime z => z.DateTime.Time,
        _ => throw CypherErrors.ArgumentError("InvalidArgumentValue", $"{function}(): cannot take a time from {CypherValues.TypeName(value)} ({CypherValues.Describe(value)})."),
    };

    private static Graph.Client.ClientException NotSupported(string function, string what) =>
        CypherErrors.ArgumentError("InvalidArgumentValue", $"{function}(): {what} cannot be used here.");

    public static object FromMap(TemporalType type, TemporalFieldMap f, Instant now)
    {
        var function = FunctionName(type);
        if (f.IsEmpty) throw CypherErrors.ArgumentError("InvalidArgumentValue", $"{function}(): the map names no component.");
        if (f.OnlyTimezone) return Now(type, now, f.Zone()!.Value);
        var hasDate = type is TemporalType.Date or TemporalType.LocalDateTime or TemporalType.DateTime;
        var hasTime = type is not TemporalType.Date;
        var hasZone = type is TemporalType.Time or TemporalType.DateTime;
        if (!hasDate && (f.HasDateFields || f.Date is not null || f.DateTime is not null)) throw NotSupported(function, "date components");
        if (!hasTime && (f.HasTimeFields || f.Time is not null || f.DateTime is not null)) throw NotSupported(function, "time components");
        if (!hasZone && f.HasTimezone) throw NotSupported(function, "a timezone together with other components");
        if (type != TemporalType.DateTime && (f.EpochSeconds is not null || f.EpochMillis is not null)) throw NotSupported(function, "epochSeconds and epochMillis");
        var zone = f.Zone();

        switch (type)
        {
            case TemporalType.Date:
                {
                    f.CheckDate(f.Date is not null, function);
                    return f.ApplyDate(DateBase(f, function));
                }
            case TemporalType.LocalTime:
                {
                    f.CheckTime(f.Time is not null, function);
                    return f.ApplyTime(f.Time is null ? LocalTime.Midnight : LocalTimePart(f.Time, function));
                }
            case TemporalType.Time:
                {
                    f.CheckTime(f.Time is not null, function);
                    var (local, source) = f.Time switch
                    {
                        null => (LocalTime.Midnight, (int?)null),
                        OffsetTime t => (t.Time, t.OffsetSeconds),
                        ZonedDateTime z => (z.DateTime.Time, z.OffsetSeconds),
                        var other => (LocalTimePart(other, function), (int?)null),
                    };
                    local = f.ApplyTime(local);
                    if (source is not { } from) return new OffsetTime(local, (zone ?? ZoneSpec.Utc).OffsetAt(now.EpochSecond));
                    if (zone is not { } to) return new OffsetTime(local, from);
                    var offset = to.OffsetAt(f.Time is ZonedDateTime zoned ? zoned.EpochSecond : now.EpochSecond);
                    return new OffsetTime(CalendarMath.PlusNanos(local, (offset - from) * CalendarMath.NanosPerSecond), offset);
                }
            default:
                {
                    if (f.EpochSeconds is not null || f.EpochMillis is not null) return FromEpoch(f, zone, function);
                    LocalDateTime local;
                    ZoneSpec? source = null;
                    int? preferred = null;
                    if (f.DateTime is not null)
                    {
                        if (f.Date is not null || f.Time is not null) throw NotSupported(function, "date or time together with datetime");
                        switch (f.DateTime)
                        {
                            case ZonedDateTime z: local = z.DateTime; source = ZoneSpec.Of(z); preferred = z.OffsetSeconds; break;
                            case LocalDateTime l: local = l; break;
                            default: local = new LocalDateTime(DatePart(f.DateTime, function), LocalTime.Midnight); break;
                        }
                    }
                    else
                    {
                        f.CheckDate(f.Date is not null, function);
                        f.CheckTime(f.Time is not null, function);
                        if (f.Date is null && f.Year is null) throw CypherErrors.ArgumentError("InvalidArgumentValue", $"{function}(): year must be specified.");
                        LocalTime time;
                        switch (f.Time)
                        {
                            case null: time = LocalTime.Midnight; break;
                            case OffsetTime t: time = t.Time; source = ZoneSpec.Offset(t.OffsetSeconds); break;
                            case ZonedDateTime z: time = z.DateTime.Time; source = ZoneSpec.Of(z); break;
                            default: time = LocalTimePart(f.Time, function); break;
                        }
                        local = new LocalDateTime(DateBase(f, function), time);
                    }
                    local = new LocalDateTime(f.ApplyDate(local.Date), f.ApplyTime(local.Time));
                    if (type == TemporalType.LocalDateTime) return local;
                    if (source is not { } src) return (zone ?? ZoneSpec.Utc).AtLocal(local);
                    var result = src.AtLocal(local, preferred);
                    return zone is { } target ? target.AtInstant(result.EpochSecond, result.Nanosecond) : result;
                }
        }
    }

    /// <summary>The date components start from: the selected date, the first Monday of the week-based year, or 0000-01-01.</summary>
    private static LocalDate DateBase(TemporalFieldMap f, string function)
    {
        if (f.Date is not null) return DatePart(f.Date, function);
        if (f.Week is not null) return CalendarMath.StartOfWeekBasedYear(f.Year ?? 0);
        return new LocalDate(0, 1, 1);
    }

    private static ZonedDateTime FromEpoch(TemporalFieldMap f, ZoneSpec? zone, string function)
    {
        if (f.HasDateFields || f.Hour is not null || f.Minute is not null || f.Second is not null || f.Date is not null || f.Time is not null || f.DateTime is not null)
            throw NotSupported(function, "other components together with epochSeconds or epochMillis");
        if (f.EpochSeconds is not null && f.EpochMillis is not null) throw NotSupported(function, "epochSeconds together with epochMillis");
        long seconds, nanos;
        if (f.EpochMillis is { } millisValue)
        {
            var millis = millisValue as long? ?? throw CypherErrors.TypeError("InvalidArgumentType", $"{function}(): epochMillis must be an Integer.");
            seconds = CalendarMath.FloorDiv(millis, 1000);
            nanos = CalendarMath.FloorMod(millis, 1000) * 1_000_000;
        }
        else
        {
            switch (f.EpochSeconds)
            {
                case long l: seconds = l; nanos = 0; break;
                case double d:
                    seconds = (long)Math.Floor(d);
                    nanos = (long)Math.Round((d - Math.Floor(d)) * CalendarMath.NanosPerSecond);
                    break;
                default: throw CypherErrors.TypeError("InvalidArgumentType", $"{function}(): epochSeconds must be a number.");
            }
        }
        nanos += (f.Millisecond ?? 0) * 1_000_000 + (f.Microsecond ?? 0) * 1000 + (f.Nanosecond ?? 0);
        return Epoch(seconds, nanos, zone ?? ZoneSpec.Utc);
    }

    public static ZonedDateTime Epoch(long seconds, long nanos, ZoneSpec zone)
    {
        seconds = checked(seconds + CalendarMath.FloorDiv(nanos, CalendarMath.NanosPerSecond));
        var local = CalendarMath.LocalFromEpoch(seconds, 0); // validates the range
        _ = local;
        return zone.AtInstant(seconds, (int)CalendarMath.FloorMod(nanos, CalendarMath.NanosPerSecond));
    }
}

/// <summary>An instant as seconds and nanoseconds since 1970-01-01T00:00Z.</summary>
internal readonly record struct Instant(long EpochSecond, int Nanosecond)
{
    public static Instant FromDateTimeOffset(DateTimeOffset value)
    {
        var ticks = value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return new Instant(CalendarMath.FloorDiv(ticks, TimeSpan.TicksPerSecond), (int)(CalendarMath.FloorMod(ticks, TimeSpan.TicksPerSecond) * 100));
    }
}
