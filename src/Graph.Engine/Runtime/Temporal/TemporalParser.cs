using System.Globalization;
using System.Text.RegularExpressions;
using Graph.Client;

namespace Graph.Engine.Runtime.Temporal;

/// <summary>
/// Cypher's string forms of the temporal types (date('2015-W30-2'), time('214032.142Z'), duration('P1Y2M'), ...): the
/// ISO-8601 extended and basic formats Neo4j accepts, week, ordinal and quarter dates, offsets and [Zone/Id] suffixes.
/// </summary>
internal static partial class TemporalParser
{
    private const string DatePattern =
        @"(?:(?<shortYear>[0-9]{4})(?:(?<shortMonth>[0-9]{2})(?<shortDay>[0-9]{2})?|W(?<shortWeek>[0-9]{2})(?<shortDow>[0-9])?|Q(?<shortQuarter>[0-9])(?<shortDoq>[0-9]{2})?|(?<shortDoy>[0-9]{3}))"
        + @"|(?<longYear>(?:[0-9]{4}|[+-][0-9]{1,9}))(?:-(?<longMonth>[0-9]{1,2})(?:-(?<longDay>[0-9]{1,2}))?|-W(?<longWeek>[0-9]{1,2})(?:-(?<longDow>[0-9]))?|-Q(?<longQuarter>[0-9])(?:-(?<longDoq>[0-9]{1,2}))?|-(?<longDoy>[0-9]{3}))?)";

    private const string TimePattern =
        @"(?:(?<longHour>[0-9]{1,2})(?::(?<longMinute>[0-9]{1,2})(?::(?<longSecond>[0-9]{1,2})(?:[.,](?<longFraction>[0-9]{1,9}))?)?)?"
        + @"|(?<shortHour>[0-9]{2})(?:(?<shortMinute>[0-9]{2})(?:(?<shortSecond>[0-9]{2})(?:[.,](?<shortFraction>[0-9]{1,9}))?)?)?)";

    private const string OffsetPattern = @"(?<offset>Z|z|[+-][0-9]{2}(?::?[0-9]{2}(?::?[0-9]{2})?)?)";
    private const string ZonePattern = OffsetPattern + @"?(?:\[(?<zone>[^\]\s]+)\])?";

    [GeneratedRegex("^" + DatePattern + "$", RegexOptions.ExplicitCapture | RegexOptions.CultureInvariant)]
    private static partial Regex DateRegex();

    [GeneratedRegex("^" + TimePattern + "$", RegexOptions.ExplicitCapture | RegexOptions.CultureInvariant)]
    private static partial Regex LocalTimeRegex();

    [GeneratedRegex("^" + TimePattern + OffsetPattern + "?$", RegexOptions.ExplicitCapture | RegexOptions.CultureInvariant)]
    private static partial Regex TimeRegex();

    [GeneratedRegex("^" + DatePattern + "(?:T" + TimePattern + ")?$", RegexOptions.ExplicitCapture | RegexOptions.CultureInvariant)]
    private static partial Regex LocalDateTimeRegex();

    [GeneratedRegex("^" + DatePattern + "(?:T" + TimePattern + ")?" + ZonePattern + "$", RegexOptions.ExplicitCapture | RegexOptions.CultureInvariant)]
    private static partial Regex DateTimeRegex();

    private static Graph.Client.ClientException CannotParse(string type, string text) =>
        CypherErrors.ArgumentError("InvalidArgumentValue", $"Text cannot be parsed to a {type}: '{text}'.");

    public static LocalDate ParseDate(string text)
    {
        var m = DateRegex().Match(text);
        if (!m.Success) throw CannotParse("Date", text);
        return ReadDate(m);
    }

    public static LocalTime ParseLocalTime(string text)
    {
        var m = LocalTimeRegex().Match(text);
        if (!m.Success) throw CannotParse("LocalTime", text);
        return ReadTime(m);
    }

    public static OffsetTime ParseTime(string text, ZoneSpec defaultZone, long nowEpochSecond)
    {
        var m = TimeRegex().Match(text);
        if (!m.Success) throw CannotParse("Time", text);
        var time = ReadTime(m);
        var offset = m.Groups["offset"].Success ? ReadOffset(m.Groups["offset"].Value, text) : defaultZone.OffsetAt(nowEpochSecond);
        return new OffsetTime(time, offset);
    }

    public static LocalDateTime ParseLocalDateTime(string text)
    {
        var m = LocalDateTimeRegex().Match(text);
        if (!m.Success) throw CannotParse("LocalDateTime", text);
        return new LocalDateTime(ReadDate(m), ReadTime(m));
    }

    public static ZonedDateTime ParseDateTime(string text, ZoneSpec defaultZone)
    {
        var m = DateTimeRegex().Match(text);
        if (!m.Success) throw CannotParse("DateTime", text);
        var local = new LocalDateTime(ReadDate(m), ReadTime(m));
        int? offset = m.Groups["offset"].Success ? ReadOffset(m.Groups["offset"].Value, text) : null;
        if (m.Groups["zone"].Success)
        {
            var zone = ZoneSpec.Parse(m.Groups["zone"].Value);
            return zone.AtLocal(local, offset);
        }
        return offset is { } o ? new ZonedDateTime(local, o) : defaultZone.AtLocal(local);
    }

    private static int ReadOffset(string text, string whole) =>
        ZoneSpec.TryParseOffset(text, out var seconds) ? seconds : throw CannotParse("time zone offset", whole);

    private static int Int(Group g, int fallback) => g.Success ? int.Parse(g.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : fallback;

    private static LocalDate ReadDate(Match m)
    {
        var isLong = m.Groups["longYear"].Success;
        var prefix = isLong ? "long" : "short";
        var year = (long)Int(m.Groups[prefix + "Year"], 0);
        if (m.Groups[prefix + "Month"].Success) return CalendarMath.Date(year, Int(m.Groups[prefix + "Month"], 1), Int(m.Groups[prefix + "Day"], 1));
        if (m.Groups[prefix + "Week"].Success) return WeekDate(year, Int(m.Groups[prefix + "Week"], 1), Int(m.Groups[prefix + "Dow"], 1));
        if (m.Groups[prefix + "Quarter"].Success) return QuarterDate(year, Int(m.Groups[prefix + "Quarter"], 1), Int(m.Groups[prefix + "Doq"], 1));
        if (m.Groups[prefix + "Doy"].Success) return CalendarMath.OfYearDay(year, Int(m.Groups[prefix + "Doy"], 1));
        return CalendarMath.Date(year, 1, 1);
    }

    public static LocalDate WeekDate(long year, long week, long dayOfWeek)
    {
        var weekOne = CalendarMath.Date(year, 1, 4);
        var withWeek = CalendarMath.WithWeek(weekOne, week);
        if (week == 53 && CalendarMath.WeekBasedYear(withWeek) != year)
            throw CalendarMath.OutOfRange($"Year {year} does not contain {week} weeks.");
        return CalendarMath.WithDayOfWeek(withWeek, dayOfWeek);
    }

    public static LocalDate QuarterDate(long year, long quarter, long dayOfQuarter)
    {
        if (quarter is < 1 or > 4) throw CalendarMath.OutOfRange($"Invalid value for QuarterOfYear (valid values 1 - 4): {quarter}");
        var days = CalendarMath.DaysInQuarter(year, (int)quarter);
        if (dayOfQuarter < 1 || dayOfQuarter > days) throw CalendarMath.OutOfRange($"Quarter {quarter} of {year} only has {days} days.");
        return CalendarMath.PlusDays(CalendarMath.Date(year, (quarter - 1) * 3 + 1, 1), dayOfQuarter - 1);
    }

    private static LocalTime ReadTime(Match m)
    {
        var prefix = m.Groups["longHour"].Success ? "long" : m.Groups["shortHour"].Success ? "short" : null;
        if (prefix is null) return LocalTime.Midnight;
        long hour = Int(m.Groups[prefix + "Hour"], 0), minute = Int(m.Groups[prefix + "Minute"], 0), second = Int(m.Groups[prefix + "Second"], 0);
        long nanos = 0;
        var fraction = m.Groups[prefix + "Fraction"];
        if (fraction.Success) nanos = long.Parse(fraction.Value.PadRight(9, '0'), CultureInfo.InvariantCulture);
        return TimeOf(hour, minute, second, nanos);
    }

    public static LocalTime TimeOf(long hour, long minute, long second, long nanos)
    {
        if (hour is < 0 or > 23) throw CalendarMath.OutOfRange($"Invalid value for HourOfDay (valid values 0 - 23): {hour}");
        if (minute is < 0 or > 59) throw CalendarMath.OutOfRange($"Invalid value for MinuteOfHour (valid values 0 - 59): {minute}");
        if (second is < 0 or > 59) throw CalendarMath.OutOfRange($"Invalid value for SecondOfMinute (valid values 0 - 59): {second}");
        if (nanos is < 0 or > 999_999_999) throw CalendarMath.OutOfRange($"Invalid value for NanoOfSecond (valid values 0 - 999999999): {nanos}");
        return new LocalTime((int)hour, (int)minute, (int)second, (int)nanos);
    }

    // ------------------------------------------------------------------ durations

    private const string UnitBased =
        @"(?:(?<years>[-+]?[0-9]+(?:[.,][0-9]+)?)Y)?(?:(?<months>[-+]?[0-9]+(?:[.,][0-9]+)?)M)?(?:(?<weeks>[-+]?[0-9]+(?:[.,][0-9]+)?)W)?(?:(?<days>[-+]?[0-9]+(?:[.,][0-9]+)?)D)?"
        + @"(?<T>T(?:(?<hours>[-+]?[0-9]+(?:[.,][0-9]+)?)H)?(?:(?<minutes>[-+]?[0-9]+(?:[.,][0-9]+)?)M)?(?:(?<seconds>[-+]?[0-9]+)(?:[.,](?<subseconds>[0-9]{1,9}))?S)?)?";

    private const string DateBased =
        @"(?:(?<year>[0-9]{4})(?:-(?<longMonth>[0-9]{2})-(?<longDay>[0-9]{2})|(?<shortMonth>[0-9]{2})(?<shortDay>[0-9]{2})))?(?<time>T(?:(?<shortHour>[0-9]{2})(?:(?<shortMinute>[0-9]{2})(?:(?<shortSecond>[0-9]{2})(?:[.,](?<shortSub>[0-9]{1,9}))?)?)?|(?<longHour>[0-9]{2}):(?<longMinute>[0-9]{2})(?::(?<longSecond>[0-9]{2})(?:[.,](?<longSub>[0-9]{1,9}))?)?))?";

    [GeneratedRegex("^(?<sign>[-+]?)P(?:" + UnitBased + "|" + DateBased + ")$", RegexOptions.ExplicitCapture | RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DurationRegex();

    public static Duration ParseDuration(string text)
    {
        var m = DurationRegex().Match(text);
        var result = m.Success ? ReadDuration(m) : null;
        return result ?? throw CannotParse("Duration", text);
    }

    private static string? G(Match m, string name) => m.Groups[name].Success ? m.Groups[name].Value : null;

    private static Duration? ReadDuration(Match m)
    {
        var sign = G(m, "sign") == "-" ? -1 : 1;
        if (G(m, "year") is not null || G(m, "time") is not null) return DateBasedDuration(m, sign);
        string? y = G(m, "years"), mo = G(m, "months"), w = G(m, "weeks"), d = G(m, "days"), t = G(m, "T");
        if ((y is null && mo is null && w is null && d is null && t is null) || string.Equals(t, "T", StringComparison.OrdinalIgnoreCase)) return null;
        // A fraction is allowed on the last (smallest) unit given only.
        if (Fraction(y) is { } fy) return mo is null && w is null && d is null && t is null ? DurationMath.Approximate(sign * fy * 12, 0, 0, 0) : null;
        var months = Long(y) * 12;
        if (Fraction(mo) is { } fm) return w is null && d is null && t is null ? DurationMath.Approximate(sign * (months + fm), 0, 0, 0) : null;
        months += Long(mo);
        if (Fraction(w) is { } fw) return d is null && t is null ? DurationMath.Approximate(sign * months, sign * fw * 7, 0, 0) : null;
        var days = Long(w) * 7;
        if (Fraction(d) is { } fd) return t is null ? DurationMath.Approximate(sign * months, sign * (days + fd), 0, 0) : null;
        days += Long(d);
        string? h = G(m, "hours"), mi = G(m, "minutes"), s = G(m, "seconds"), sub = G(m, "subseconds");
        if (Fraction(h) is { } fh) return mi is null && s is null ? DurationMath.Approximate(sign * months, sign * days, sign * fh * 3600, 0) : null;
        if (Fraction(mi) is { } fmi) return s is null ? DurationMath.Approximate(sign * months, sign * days, sign * (Long(h) * 3600 + fmi * 60), 0) : null;
        return TimeParts(sign, months, days, Long(h), Long(mi), s, sub, strict: false);
    }

    private static Duration DateBasedDuration(Match m, int sign)
    {
        long months = 0, days = 0;
        if (G(m, "year") is { } year)
        {
            var month = G(m, "longMonth") ?? G(m, "shortMonth")!;
            var day = G(m, "longDay") ?? G(m, "shortDay")!;
            months = Long(month);
            if (months > 12) throw CalendarMath.OutOfRange($"months is out of range: {month}");
            months += Long(year) * 12;
            days = Long(day);
            if (days > 31) throw CalendarMath.OutOfRange($"days is out of range: {day}");
        }
        if (G(m, "time") is null) return new Duration(sign * months, sign * days, 0, 0);
        var prefix = G(m, "longHour") is not null ? "long" : "short";
        return TimeParts(sign, months, days, Long(G(m, prefix + "Hour")), Long(G(m, prefix + "Minute")), G(m, prefix + "Second"), G(m, prefix + "Sub"), strict: true);
    }

    private static Duration TimeParts(int sign, long months, long days, long hours, long minutes, string? secondsText, string? sub, bool strict)
    {
        var seconds = Long(secondsText);
        if (strict && (hours > 24 || minutes > 60 || seconds > 60))
            throw CalendarMath.OutOfRange($"The time part of a date-based duration is out of range: {hours}:{minutes}:{seconds}.");
        seconds = checked(seconds + hours * 3600 + minutes * 60);
        long nanos = 0;
        if (sub is not null)
        {
            nanos = long.Parse(sub.PadRight(9, '0'), CultureInfo.InvariantCulture);
            if (secondsText!.StartsWith('-')) nanos = -nanos;
        }
        return new Duration(sign * months, sign * days, sign * seconds, sign * nanos);
    }

    private static long Long(string? text) => text is null ? 0 : long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    private static double? Fraction(string? text)
    {
        if (text is null || text.AsSpan().IndexOfAny('.', ',') < 0) return null;
        return double.Parse(text.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
