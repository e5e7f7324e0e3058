using System.Text;

namespace Graph.Client;

/// <summary>
/// A date and time without a time zone: Cypher's LOCAL DATETIME. Bolt's LocalDateTime structure is
/// (<see cref="EpochSecond"/>, <see cref="LocalTime.Nanosecond"/>) counted as if the value were UTC; the Query API writes
/// <c>{"$type": "LocalDateTime", "_value": "2015-07-04T19:32:24"}</c>.
/// </summary>
public sealed record LocalDateTime : ITemporalValue, IComparable<LocalDateTime>
{
    public LocalDateTime(LocalDate date, LocalTime time)
    {
        ArgumentNullException.ThrowIfNull(date);
        ArgumentNullException.ThrowIfNull(time);
        Date = date;
        Time = time;
    }

    public LocalDateTime(int year, int month, int day, int hour, int minute, int second = 0, int nanosecond = 0)
        : this(new LocalDate(year, month, day), new LocalTime(hour, minute, second, nanosecond))
    {
    }

    public LocalDate Date { get; }
    public LocalTime Time { get; }

    public string CypherTypeName => "LocalDateTime";

    /// <summary>Seconds since 1970-01-01T00:00 of the same wall-clock reading (no zone applied).</summary>
    public long EpochSecond => Date.EpochDay * 86_400 + Time.NanosecondOfDay / IsoText.NanosPerSecond;

    /// <summary>The wall-clock reading <paramref name="epochSecond"/> seconds and <paramref name="nanosecond"/> after 1970-01-01T00:00.</summary>
    public static LocalDateTime FromEpochSecond(long epochSecond, int nanosecond)
    {
        if (nanosecond is < 0 or > 999_999_999) throw new ArgumentOutOfRangeException(nameof(nanosecond), nanosecond, "The nanosecond must be within 0 and 999,999,999.");
        var day = Math.DivRem(epochSecond, 86_400, out var secondOfDay);
        if (secondOfDay < 0)
        {
            day--;
            secondOfDay += 86_400;
        }
        return new LocalDateTime(LocalDate.FromEpochDay(day), LocalTime.FromNanosecondOfDay(secondOfDay * IsoText.NanosPerSecond + nanosecond));
    }

    public static LocalDateTime FromDateTime(DateTime value) =>
        new(new LocalDate(value.Year, value.Month, value.Day), LocalTime.FromNanosecondOfDay(value.TimeOfDay.Ticks * 100));

    public int CompareTo(LocalDateTime? other)
    {
        if (other is null) return 1;
        var c = Date.CompareTo(other.Date);
        return c != 0 ? c : Time.CompareTo(other.Time);
    }

    public override string ToString()
    {
        var sb = new StringBuilder(30);
        IsoText.AppendDate(sb, Date.Year, Date.Month, Date.Day);
        sb.Append('T');
        IsoText.AppendTime(sb, Time.NanosecondOfDay);
        return sb.ToString();
    }

    /// <summary>Reads <c>yyyy-MM-ddTHH:mm[:ss[.f]]</c>; throws <see cref="FormatException"/> otherwise.</summary>
    public static LocalDateTime Parse(string text)
    {
        var reader = new IsoText.Reader(text, "LocalDateTime");
        var date = IsoText.ReadDate(ref reader);
        reader.Expect('T');
        var time = IsoText.ReadTime(ref reader);
        reader.End();
        return new LocalDateTime(date, time);
    }
}
