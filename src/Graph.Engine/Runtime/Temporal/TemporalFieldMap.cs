using Graph.Client;

namespace Graph.Engine.Runtime.Temporal;

/// <summary>
/// The map argument of date({...}), time({...}), ..., truncate(unit, value, {...}): named components, the selectors
/// (date, time, datetime, epochSeconds, epochMillis) and the timezone. Components are applied in Neo4j's order
/// (year, quarter, month, week, ordinalDay, dayOfQuarter, dayOfWeek, day, hour, minute, second, sub-seconds) as
/// java.time's with(field, value), so a selected value can be adjusted field by field.
/// </summary>
internal sealed class TemporalFieldMap
{
    public long? Year, Quarter, Month, Week, OrdinalDay, DayOfQuarter, DayOfWeek, Day;
    public long? Hour, Minute, Second, Millisecond, Microsecond, Nanosecond;
    public object? Timezone, Date, Time, DateTime, EpochSeconds, EpochMillis;

    public bool HasTimezone => Timezone is not null;
    public bool HasDateFields => Year is not null || Quarter is not null || Month is not null || Week is not null || OrdinalDay is not null
                                 || DayOfQuarter is not null || DayOfWeek is not null || Day is not null;
    public bool HasTimeFields => Hour is not null || Minute is not null || Second is not null || HasSubSeconds;
    public bool HasSubSeconds => Millisecond is not null || Microsecond is not null || Nanosecond is not null;
    public bool IsEmpty => !HasDateFields && !HasTimeFields && Timezone is null && Date is null && Time is null && DateTime is null && EpochSeconds is null && EpochMillis is null;
    public bool OnlyTimezone => Timezone is not null && !HasDateFields && !HasTimeFields && Date is null && Time is null && DateTime is null && EpochSeconds is null && EpochMillis is null;

    public static TemporalFieldMap Read(IReadOnlyDictionary<string, object?> map, string function)
    {
        var fields = new TemporalFieldMap();
        foreach (var (key, value) in map)
        {
            if (value is null) continue;
            switch (key.ToLowerInvariant())
            {
                case "year": fields.Year = Integral(function, key, value); break;
                case "quarter": fields.Quarter = Integral(function, key, value); break;
                case "month": fields.Month = Integral(function, key, value); break;
                case "week": fields.Week = Integral(function, key, value); break;
                case "ordinalday": fields.OrdinalDay = Integral(function, key, value); break;
                case "dayofquarter" or "quarterday": fields.DayOfQuarter = Integral(function, key, value); break;
                case "dayofweek" or "weekday": fields.DayOfWeek = Integral(function, key, value); break;
                case "day": fields.Day = Integral(function, key, value); break;
                case "hour": fields.Hour = Integral(function, key, value); break;
                case "minute": fields.Minute = Integral(function, key, value); break;
                case "second": fields.Second = Integral(function, key, value); break;
                case "millisecond": fields.Millisecond = Integral(function, key, value); break;
                case "microsecond": fields.Microsecond = Integral(function, key, value); break;
                case "nanosecond": fields.Nanosecond = Integral(function, key, value); break;
                case "timezone": fields.Timezone = value; break;
                case "date": fields.Date = value; break;
                case "time": fields.Time = value; break;
                case "datetime": fields.DateTime = value; break;
                case "epochseconds": fields.EpochSeconds = value; break;
                case "epochmillis": fields.EpochMillis = value; break;
                default:
                    throw CypherErrors.ArgumentError("InvalidArgumentValue", $"{function}(): no such field '{key}'.");
            }
        }
        return fields;
    }

    private static long Integral(string function, string key, object value) => value switch
    {
        long l => l,
        _ => throw CypherErrors.TypeError("InvalidArgumentType", $"{function}(): '{key}' must be an Integer, not {CypherValues.TypeName(value)} ({CypherValues.Describe(value)})."),
    };

    public ZoneSpec? Zone() => Timezone switch
    {
        null => null,
        string s => ZoneSpec.Parse(s),
        _ => throw CypherErrors.TypeError("InvalidArgumentType", $"A timezone must be a String, not {CypherValues.TypeName(Timezone)}."),
    };

    /// <summary>Checks that components come in a usable combination when no value is selected (Neo4j's rules).</summary>
    public void CheckDate(bool selected, string function)
    {
        if (selected || !HasDateFields) return;
        if (Year is null) throw Invalid(function, "year must be specified");
        var calendar = Month is not null || Day is not null;
        var week = Week is not null || DayOfWeek is not null;
        var quarter = Quarter is not null || DayOfQuarter is not null;
        var ordinal = OrdinalDay is not null;
        if ((calendar ? 1 : 0) + (week ? 1 : 0) + (quarter ? 1 : 0) + (ordinal ? 1 : 0) > 1)
            throw Invalid(function, "cannot mix calendar (month, day), week (week, dayOfWeek), quarter (quarter, dayOfQuarter) and ordinal (ordinalDay) components");
        if (Day is not null && Month is null) throw Invalid(function, "day cannot be specified without month");
        if (DayOfWeek is not null && Week is null) throw Invalid(function, "dayOfWeek cannot be specified without week");
        if (DayOfQuarter is not null && Quarter is null) throw Invalid(function, "dayOfQuarter cannot be specified without quarter");
    }

    public void CheckTime(bool selected, string function)
    {
        if (selected || !HasTimeFields) return;
        if (Hour is null) throw Invalid(function, "hour must be specified");
        if (Second is not null && Minute is null) throw Invalid(function, "second cannot be specified without minute");
        if (HasSubSeconds && Second is null) throw Invalid(function, "sub-second components cannot be specified without second");
    }

    private static Graph.Client.ClientException Invalid(string function, string why) =>
        CypherErrors.ArgumentError("InvalidArgumentValue", $"{function}(): {why}.");

    /// <summary>java.time's with(field, value) for each date component given, in Neo4j's order.</summary>
    public LocalDate ApplyDate(LocalDate d)
    {
        if (Year is { } y) d = Week is not null ? CalendarMath.WithWeekBasedYear(d, y) : CalendarMath.WithYear(d, y);
        if (Quarter is { } q) d = CalendarMath.WithQuarter(d, q);
        if (Month is { } m) d = CalendarMath.WithMonth(d, m);
        if (Week is { } w) d = CalendarMath.WithWeek(d, w);
        if (OrdinalDay is { } od) d = CalendarMath.WithDayOfYear(d, od);
        if (DayOfQuarter is { } dq) d = CalendarMath.WithDayOfQuarter(d, dq);
        if (DayOfWeek is { } dw) d = CalendarMath.WithDayOfWeek(d, dw);
        if (Day is { } day) d = CalendarMath.WithDayOfMonth(d, day);
        return d;
    }

    public LocalTime ApplyTime(LocalTime t)
    {
        long hour = Hour ?? t.Hour, minute = Minute ?? t.Minute, second = Second ?? t.Second;
        long nanos = HasSubSeconds ? SubSeconds() : t.Nanosecond;
        return TemporalParser.TimeOf(hour, minute, second, nanos);
    }

    /// <summary>millisecond, microsecond and nanosecond together make the nano-of-second; each must fit below the one above it.</summary>
    private long SubSeconds()
    {
        if (Millisecond is { } ms && ms is < 0 or >= 1000) throw CalendarMath.OutOfRange($"Invalid value for Millisecond: {ms}");
        if (Microsecond is { } us && (us < 0 || us >= (Millisecond is not null ? 1000 : 1_000_000))) throw CalendarMath.OutOfRange($"Invalid value for Microsecond: {us}");
        if (Nanosecond is { } ns && (ns < 0 || ns >= (Microsecond is not null ? 1000 : Millisecond is not null ? 1_000_000 : 1_000_000_000)))
            throw CalendarMath.OutOfRange($"Invalid value for Nanosecond: {ns}");
        return (Millisecond ?? 0) * 1_000_000 + (Microsecond ?? 0) * 1000 + (Nanosecond ?? 0);
    }
}
