using Graph.Client;

namespace Graph.Engine.Runtime.Temporal;

/// <summary>
/// Proleptic Gregorian date arithmetic on the contract's values, with java.time's rules (Neo4j's): ISO weeks start on
/// Monday and week 1 holds the year's first Thursday; adding months clamps the day to the month's length.
/// </summary>
internal static class CalendarMath
{
    public const long NanosPerSecond = 1_000_000_000L;
    public const long SecondsPerDay = 86_400L;
    public const long NanosPerDay = SecondsPerDay * NanosPerSecond;

    public static long FloorDiv(long a, long b) => Math.DivRem(a, b, out var r) - (r != 0 && (r < 0) != (b < 0) ? 1 : 0);
    public static long FloorMod(long a, long b) => a - FloorDiv(a, b) * b;

    /// <summary>ISO day of week, Monday 1 to Sunday 7.</summary>
    public static int DayOfWeek(LocalDate d) => (int)FloorMod(d.EpochDay + 3, 7) + 1;

    public static int DayOfYear(LocalDate d) => (int)(d.EpochDay - LocalDate.DaysFromCivil(d.Year, 1, 1)) + 1;

    public static int Quarter(LocalDate d) => (d.Month - 1) / 3 + 1;

    public static int DayOfQuarter(LocalDate d) => (int)(d.EpochDay - LocalDate.DaysFromCivil(d.Year, (Quarter(d) - 1) * 3 + 1, 1)) + 1;

    public static int DaysInQuarter(long year, int quarter) => quarter switch
    {
        1 => LocalDate.IsLeapYear(year) ? 91 : 90,
        2 => 91,
        _ => 92,
    };

    /// <summary>The ISO week-based year: the year of the Thursday of the date's week.</summary>
    public static int WeekBasedYear(LocalDate d) => Date(d.EpochDay + 4 - DayOfWeek(d)).Year;

    public static int WeekOfWeekBasedYear(LocalDate d)
    {
        var thursday = Date(d.EpochDay + 4 - DayOfWeek(d));
        return (DayOfYear(thursday) - 1) / 7 + 1;
    }

    public static int WeeksInWeekBasedYear(long year)
    {
        var jan1 = Date(LocalDate.DaysFromCivil(year, 1, 1));
        var dow = DayOfWeek(jan1);
        return dow == 4 || (dow == 3 && LocalDate.IsLeapYear(year)) ? 53 : 52;
    }

    public static LocalDate Date(long epochDay)
    {
        try
        {
            return LocalDate.FromEpochDay(epochDay);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw OutOfRange("The date is outside the supported years (-999999999 to 999999999).");
        }
    }

    public static LocalDate Date(long year, long month, long day)
    {
        if (year is < LocalDate.MinYear or > LocalDate.MaxYear) throw OutOfRange($"Invalid value for Year (valid values {LocalDate.MinYear} - {LocalDate.MaxYear}): {year}");
        if (month is < 1 or > 12) throw OutOfRange($"Invalid value for MonthOfYear (valid values 1 - 12): {month}");
        var max = LocalDate.DaysInMonth(year, (int)month);
        if (day < 1 || day > 31) throw OutOfRange($"Invalid value for DayOfMonth (valid values 1 - 28/31): {day}");
        if (day > max) throw OutOfRange($"Invalid date '{MonthName((int)month)} {day}'{(month == 2 && day == 29 ? $" as '{year}' is not a leap year" : "")}");
        return new LocalDate((int)year, (int)month, (int)day);
    }

    private static string MonthName(int month) =>
        new[] { "JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER" }[month - 1];

    public static Graph.Client.ClientException OutOfRange(string message) => CypherErrors.ArgumentError("InvalidArgumentValue", message);

    public static LocalDate PlusDays(LocalDate d, long days) => days == 0 ? d : Date(checked(d.EpochDay + days));

    public static LocalDate PlusMonths(LocalDate d, long months)
    {
        if (months == 0) return d;
        var count = checked(d.Year * 12L + (d.Month - 1) + months);
        var year = FloorDiv(count, 12);
        var month = (int)FloorMod(count, 12) + 1;
        if (year is < LocalDate.MinYear or > LocalDate.MaxYear) throw OutOfRange($"Invalid value for Year (valid values {LocalDate.MinYear} - {LocalDate.MaxYear}): {year}");
        return new LocalDate((int)year, month, Math.Min(d.Day, LocalDate.DaysInMonth(year, month)));
    }

    public static LocalDate OfYearDay(long year, long dayOfYear)
    {
        var length = LocalDate.IsLeapYear(year) ? 366 : 365;
        if (dayOfYear < 1 || dayOfYear > length) throw OutOfRange($"Invalid value for DayOfYear (valid values 1 - {length}): {dayOfYear}");
        Date(year, 1, 1);
        return Date(LocalDate.DaysFromCivil(year, 1, 1) + dayOfYear - 1);
    }

    // ------------------------------------------------------------------ java.time's with(field, value) on dates

    public static LocalDate WithYear(LocalDate d, long year)
    {
        Date(year, 1, 1);
        return new LocalDate((int)year, d.Month, Math.Min(d.Day, LocalDate.DaysInMonth(year, d.Month)));
    }

    public static LocalDate WithMonth(LocalDate d, long month)
    {
        if (month is < 1 or > 12) throw OutOfRange($"Invalid value for MonthOfYear (valid values 1 - 12): {month}");
        return new LocalDate(d.Year, (int)month, Math.Min(d.Day, LocalDate.DaysInMonth(d.Year, (int)month)));
    }

    public static LocalDate WithDayOfMonth(LocalDate d, long day) => Date(d.Year, d.Month, day);

    public static LocalDate WithDayOfYear(LocalDate d, long day) => OfYearDay(d.Year, day);

    public static LocalDate WithQuarter(LocalDate d, long quarter)
    {
        if (quarter is < 1 or > 4) throw OutOfRange($"Invalid value for QuarterOfYear (valid values 1 - 4): {quarter}");
        return WithMonth(d, d.Month + (quarter - Quarter(d)) * 3);
    }

    public static LocalDate WithDayOfQuarter(LocalDate d, long day)
    {
        if (day < 1 || day > 92) throw OutOfRange($"Invalid value for DayOfQuarter (valid values 1 - 90/91/92): {day}");
        return WithDayOfYear(d, DayOfYear(d) + (day - DayOfQuarter(d)));
    }

    public static LocalDate WithDayOfWeek(LocalDate d, long dayOfWeek)
    {
        if (dayOfWeek is < 1 or > 7) throw OutOfRange($"Invalid value for DayOfWeek (valid values 1 - 7): {dayOfWeek}");
        return PlusDays(d, dayOfWeek - DayOfWeek(d));
    }

    public static LocalDate WithWeek(LocalDate d, long week)
    {
        if (week is < 1 or > 53) throw OutOfRange($"Invalid value for WeekOfWeekBasedYear (valid values 1 - 52/53): {week}");
        return PlusDays(d, (week - WeekOfWeekBasedYear(d)) * 7);
    }

    /// <summary>Same week number and weekday in another week-based year (week 53 becomes 52 where there is none).</summary>
    public static LocalDate WithWeekBasedYear(LocalDate d, long weekYear)
    {
        Date(weekYear, 1, 1);
        var dow = DayOfWeek(d);
        var week = WeekOfWeekBasedYear(d);
        if (week == 53 && WeeksInWeekBasedYear(weekYear) == 52) week = 52;
        var jan4 = Date(LocalDate.DaysFromCivil(weekYear, 1, 4));
        return PlusDays(jan4, dow - DayOfWeek(jan4) + (week - 1) * 7L);
    }

    /// <summary>The Monday of week 1 of a week-based year.</summary>
    public static LocalDate StartOfWeekBasedYear(long weekYear)
    {
        var jan4 = Date(weekYear, 1, 4);
        return PlusDays(jan4, 1 - DayOfWeek(jan4));
    }

    // ------------------------------------------------------------------ times and instants

    public static LocalTime TimeOfDay(long nanos) => LocalTime.FromNanosecondOfDay(FloorMod(nanos, NanosPerDay));

    public static LocalTime PlusNanos(LocalTime t, long nanos) =>
        nanos == 0 ? t : LocalTime.FromNanosecondOfDay(FloorMod(t.NanosecondOfDay + FloorMod(nanos, NanosPerDay), NanosPerDay));

    public static LocalDateTime PlusSeconds(LocalDateTime dt, long seconds, long nanos)
    {
        if (seconds == 0 && nanos == 0) return dt;
        var total = checked(dt.Time.Nanosecond + nanos);
        var carry = FloorDiv(total, NanosPerSecond);
        try
        {
            return LocalDateTime.FromEpochSecond(checked(dt.EpochSecond + seconds + carry), (int)FloorMod(total, NanosPerSecond));
        }
        catch (ArgumentOutOfRangeException)
        {
            throw OutOfRange("The date is outside the supported years (-999999999 to 999999999).");
        }
    }

    public static LocalDateTime LocalFromEpoch(long epochSecond, long nanos) => PlusSeconds(new LocalDateTime(new LocalDate(1970, 1, 1), LocalTime.Midnight), epochSecond, nanos);
}
