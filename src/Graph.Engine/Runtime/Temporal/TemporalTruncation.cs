using Graph.Client;

namespace Graph.Engine.Runtime.Temporal;

/// <summary>
/// date.truncate(unit, value[, map]) and its siblings: cut a value down to the start of a millennium, century, decade, year,
/// week-based year, quarter, month, week, day, hour, minute, second, millisecond or microsecond, then set the map's
/// components on top (a timezone in the map replaces the zone and keeps the wall clock).
/// </summary>
internal static class TemporalTruncation
{
    private enum Unit
    {
        Millennium, Century, Decade, Year, WeekYear, Quarter, Month, Week, Day, Hour, Minute, Second, Millisecond, Microsecond,
    }

    private static Unit ParseUnit(object? unit, string function) => unit is string s
        ? s.ToLowerInvariant() switch
        {
            "millennium" => Unit.Millennium,
            "century" => Unit.Century,
            "decade" => Unit.Decade,
            "year" => Unit.Year,
            "weekyear" => Unit.WeekYear,
            "quarter" => Unit.Quarter,
            "month" => Unit.Month,
            "week" => Unit.Week,
            "day" => Unit.Day,
            "hour" => Unit.Hour,
            "minute" => Unit.Minute,
            "second" => Unit.Second,
            "millisecond" => Unit.Millisecond,
            "microsecond" => Unit.Microsecond,
            _ => throw CypherErrors.ArgumentError("InvalidArgumentValue",
                $"{function}(): unknown unit '{s}' (millennium, century, decade, year, weekYear, quarter, month, week, day, hour, minute, second, millisecond or microsecond)."),
        }
        : throw CypherErrors.InvalidArgumentType(function + "()", unit, "a unit String");

    public static object Truncate(TemporalType type, object? unitValue, object value, IReadOnlyDictionary<string, object?>? map)
    {
        var function = TemporalBuilder.FunctionName(type) + ".truncate";
        var unit = ParseUnit(unitValue, function);
        if (value is not ITemporalValue || value is Duration)
            throw CypherErrors.InvalidArgumentType(function + "()", value, "a temporal instant");
        var fields = map is null ? new TemporalFieldMap() : TemporalFieldMap.Read(map, function);
        if (fields.Date is not null || fields.Time is not null || fields.DateTime is not null || fields.EpochSeconds is not null || fields.EpochMillis is not null)
            throw CypherErrors.ArgumentError("InvalidArgumentValue", $"{function}(): the map may hold components and a timezone only.");
        var hasDate = type is TemporalType.Date or TemporalType.LocalDateTime or TemporalType.DateTime;
        var hasTime = type is not TemporalType.Date;
        if (!hasTime && unit > Unit.Day) throw CypherErrors.ArgumentError("InvalidArgumentValue", $"{function}(): a date cannot be truncated to a {unit.ToString().ToLowerInvariant()}.");
        if (!hasDate && unit < Unit.Day) throw CypherErrors.ArgumentError("InvalidArgumentValue", $"{function}(): a time cannot be truncated to a {unit.ToString().ToLowerInvariant()}.");
        if (!hasDate && fields.HasDateFields) throw CypherErrors.ArgumentError("InvalidArgumentValue", $"{function}(): a time has no date components.");
        if (!hasTime && fields.HasTimeFields) throw CypherErrors.ArgumentError("InvalidArgumentValue", $"{function}(): a date has no time components.");
        if (type is TemporalType.Date or TemporalType.LocalTime or TemporalType.LocalDateTime && fields.HasTimezone)
            throw CypherErrors.ArgumentError("InvalidArgumentValue", $"{function}(): a {TemporalBuilder.FunctionName(type)} has no time zone.");

        var date = hasDate ? TruncateDate(TemporalBuilder.DatePart(value, function), unit) : null;
        LocalTime? time = null;
        if (hasTime)
        {
            var source = value is LocalDate ? LocalTime.Midnight : TemporalBuilder.LocalTimePart(value, function);
            time = TruncateTime(source, unit);
            // A sub-second component below the unit keeps the truncated digits above it (12:31:14.645 to the millisecond, nanosecond 2: .645000002).
            if (unit == Unit.Millisecond && (fields.Microsecond is not null || fields.Nanosecond is not null)) fields.Millisecond = time.Nanosecond / 1_000_000;
            else if (unit == Unit.Microsecond && fields.Nanosecond is not null) fields.Microsecond = time.Nanosecond / 1000;
            time = fields.ApplyTime(time);
        }
        if (date is not null) date = fields.ApplyDate(date);

        switch (type)
        {
            case TemporalType.Date: return date!;
            case TemporalType.LocalTime: return time!;
            case TemporalType.LocalDateTime: return new LocalDateTime(date!, time!);
            case TemporalType.Time:
                {
                    var offset = fields.Zone() is { } zone ? zone.OffsetAt(TemporalClock.Realtime().EpochSecond)
                        : value switch { OffsetTime t => t.OffsetSeconds, ZonedDateTime z => z.OffsetSeconds, _ => 0 };
                    return new OffsetTime(time!, offset);
                }
            default:
                {
                    var local = new LocalDateTime(date!, time!);
                    if (fields.Zone() is { } zone) return zone.AtLocal(local);
                    return value is ZonedDateTime z ? ZoneSpec.Of(z).AtLocal(local, z.OffsetSeconds) : ZoneSpec.Utc.AtLocal(local);
                }
        }
    }

    private static LocalDate TruncateDate(LocalDate d, Unit unit) => unit switch
    {
        Unit.Millennium => CalendarMath.Date(CalendarMath.FloorDiv(d.Year, 1000) * 1000, 1, 1),
        Unit.Century => CalendarMath.Date(CalendarMath.FloorDiv(d.Year, 100) * 100, 1, 1),
        Unit.Decade => CalendarMath.Date(CalendarMath.FloorDiv(d.Year, 10) * 10, 1, 1),
        Unit.Year => new LocalDate(d.Year, 1, 1),
        Unit.WeekYear => CalendarMath.StartOfWeekBasedYear(CalendarMath.WeekBasedYear(d)),
        Unit.Quarter => new LocalDate(d.Year, (CalendarMath.Quarter(d) - 1) * 3 + 1, 1),
        Unit.Month => new LocalDate(d.Year, d.Month, 1),
        Unit.Week => CalendarMath.PlusDays(d, 1 - CalendarMath.DayOfWeek(d)),
        _ => d,
    };

    private static LocalTime TruncateTime(LocalTime t, Unit unit)
    {
        var step = unit switch
        {
            Unit.Hour => 3600 * CalendarMath.NanosPerSecond,
            Unit.Minute => 60 * CalendarMath.NanosPerSecond,
            Unit.Second => CalendarMath.NanosPerSecond,
            Unit.Millisecond => 1_000_000L,
            Unit.Microsecond => 1000L,
            _ => CalendarMath.NanosPerDay,
        };
        return LocalTime.FromNanosecondOfDay(t.NanosecondOfDay / step * step);
    }
}
