using System.Text;

namespace Graph.Client;

/// <summary>
/// A calendar date without a time zone: Cypher's DATE (proleptic Gregorian, years -999,999,999 to 999,999,999 as in Neo4j).
/// Bolt's Date structure is <see cref="EpochDay"/>; the Query API writes <c>{"$type": "Date", "_value": "2015-03-26"}</c>.
/// </summary>
public sealed record LocalDate : ITemporalValue, IComparable<LocalDate>
{
    public const int MinYear = -999_999_999;
    public const int MaxYear = 999_999_999;

    public LocalDate(int year, int month, int day)
    {
        if (year is < MinYear or > MaxYear) throw new ArgumentOutOfRangeException(nameof(year), year, $"The year must be within {MinYear} and {MaxYear}.");
        if (month is < 1 or > 12) throw new ArgumentOutOfRangeException(nameof(month), month, "The month must be within 1 and 12.");
        if (day < 1 || day > DaysInMonth(year, month))
            throw new ArgumentOutOfRangeException(nameof(day), day, $"The day must be within 1 and {DaysInMonth(year, month)} for {year}-{month:D2}.");
        Year = year;
        Month = month;
        Day = day;
    }

    public int Year { get; }
    public int Month { get; }
    public int Day { get; }

    public string CypherTypeName => "Date";

    /// <summary>Days since 1970-01-01 (negative before it): Bolt's Date field.</summary>
    public long EpochDay => DaysFromCivil(Year, Month, Day);

    public static LocalDate FromEpochDay(long epochDay)
    {
        // Hinnant's civil_from_days, in 64-bit arithmetic so that Neo4j's whole year range fits.
        var z = epochDay + 719_468;
        var era = (z >= 0 ? z : z - 146_096) / 146_097;
        var doe = z - era * 146_097;
        var yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        var doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        var mp = (5 * doy + 2) / 153;
        var day = (int)(doy - (153 * mp + 2) / 5 + 1);
        var month = (int)(mp < 10 ? mp + 3 : mp - 9);
        var year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        if (year is < MinYear or > MaxYear) throw new ArgumentOutOfRangeException(nameof(epochDay), epochDay, "The date is outside the supported years.");
        return new LocalDate((int)year, month, day);
    }

    public static long DaysFromCivil(long year, int month, int day)
    {
        var y = year - (month <= 2 ? 1 : 0);
        var era = (y >= 0 ? y : y - 399) / 400;
        var yoe = y - era * 400;
        var doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        var doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    public static bool IsLeapYear(long year) => (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);

    public static int DaysInMonth(long year, int month) => month switch
    {
        2 => IsLeapYear(year) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    public static LocalDate FromDateOnly(DateOnly date) => new(date.Year, date.Month, date.Day);

    /// <summary>The same date as a <see cref="DateOnly"/> (years 1 to 9999 only).</summary>
    public DateOnly ToDateOnly() => new(Year, Month, Day);

    public int CompareTo(LocalDate? other) => other is null ? 1 : EpochDay.CompareTo(other.EpochDay);

    public override string ToString()
    {
        var sb = new StringBuilder(10);
        IsoText.AppendDate(sb, Year, Month, Day);
        return sb.ToString();
    }

    /// <summary>Reads the printed form (<c>2015-03-26</c>, <c>+10000-01-01</c>, <c>-0001-12-31</c>); throws <see cref="FormatException"/> otherwise.</summary>
    public static LocalDate Parse(string text)
    {
        var reader = new IsoText.Reader(text, "Date");
        var date = IsoText.ReadDate(ref reader);
        reader.End();
        return date;
    }
}
