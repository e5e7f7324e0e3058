using Graph.Client;

namespace Graph.Engine.Runtime.Temporal;

/// <summary>Component access on temporal values (d.year, t.offsetMinutes, dt.epochMillis, dur.minutesOfHour, ...); names are case-insensitive.</summary>
internal static class TemporalAccessors
{
    public static object Get(ITemporalValue value, string name)
    {
        if (value is Duration duration)
            return DurationMath.Field(duration, name) is { } part ? CypherValues.Int(part) : throw NoSuchField(value, name);
        var key = name.ToLowerInvariant();
        var date = value switch
        {
            LocalDate d => d,
            LocalDateTime l => l.Date,
            ZonedDateTime z => z.DateTime.Date,
            _ => null,
        };
        var time = value switch
        {
            LocalTime t => t,
            OffsetTime t => t.Time,
            LocalDateTime l => l.Time,
            ZonedDateTime z => z.DateTime.Time,
            _ => null,
        };
        int? offset = value switch
        {
            OffsetTime t => t.OffsetSeconds,
            ZonedDateTime z => z.OffsetSeconds,
            _ => null,
        };
        if (date is not null)
        {
            switch (key)
            {
                case "year": return CypherValues.Int(date.Year);
                case "quarter": return CypherValues.Int(CalendarMath.Quarter(date));
                case "month": return CypherValues.Int(date.Month);
                case "week": return CypherValues.Int(CalendarMath.WeekOfWeekBasedYear(date));
                case "weekyear": return CypherValues.Int(CalendarMath.WeekBasedYear(date));
                case "day": return CypherValues.Int(date.Day);
                case "ordinalday": return CypherValues.Int(CalendarMath.DayOfYear(date));
                case "dayofweek" or "weekday": return CypherValues.Int(CalendarMath.DayOfWeek(date));
                case "dayofquarter" or "quarterday": return CypherValues.Int(CalendarMath.DayOfQuarter(date));
            }
        }
        if (time is not null)
        {
            switch (key)
            {
                case "hour": return CypherValues.Int(time.Hour);
                case "minute": return CypherValues.Int(time.Minute);
                case "second": return CypherValues.Int(time.Second);
                case "millisecond": return CypherValues.Int(time.Nanosecond / 1_000_000);
                case "microsecond": return CypherValues.Int(time.Nanosecond / 1000);
                case "nanosecond": return CypherValues.Int(time.Nanosecond);
            }
        }
        if (offset is { } seconds)
        {
            switch (key)
            {
                case "timezone": return value is ZonedDateTime { ZoneId: { } zone } ? zone : ZoneSpec.OffsetText(seconds);
                case "offset": return ZoneSpec.OffsetText(seconds);
                case "offsetminutes": return CypherValues.Int(seconds / 60);
                case "offsetseconds": return CypherValues.Int(seconds);
            }
        }
        if (value is ZonedDateTime instant)
        {
            // Neo4j goes through epoch milliseconds, so epochSeconds truncates towards zero.
            var millis = checked(instant.EpochSecond * 1000 + instant.Nanosecond / 1_000_000);
            switch (key)
            {
                case "epochseconds": return CypherValues.Int(millis / 1000);
                case "epochmillis": return CypherValues.Int(millis);
            }
        }
        throw NoSuchField(value, name);
    }

    private static Graph.Client.ClientException NoSuchField(ITemporalValue value, string name) =>
        CypherErrors.ArgumentError("InvalidArgumentValue", $"A {value.CypherTypeName} has no component '{name}'.");
}
