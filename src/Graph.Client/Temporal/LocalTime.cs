using System.Text;

namespace Graph.Client;

/// <summary>
/// A time of day without a time zone, to the nanosecond: Cypher's LOCAL TIME. Bolt's LocalTime structure is
/// <see cref="NanosecondOfDay"/>; the Query API writes <c>{"$type": "LocalTime", "_value": "12:50:35.556"}</c>.
/// </summary>
public sealed record LocalTime : ITemporalValue, IComparable<LocalTime>
{
    public LocalTime(int hour, int minute, int second = 0, int nanosecond = 0)
    {
        if (hour is < 0 or > 23) throw new ArgumentOutOfRangeException(nameof(hour), hour, "The hour must be within 0 and 23.");
        if (minute is < 0 or > 59) throw new ArgumentOutOfRangeException(nameof(minute), minute, "The minute must be within 0 and 59.");
        if (second is < 0 or > 59) throw new ArgumentOutOfRangeException(nameof(second), second, "The second must be within 0 and 59.");
        if (nanosecond is < 0 or > 999_999_999) throw new ArgumentOutOfRangeException(nameof(nanosecond), nanosecond, "The nanosecond must be within 0 and 999,999,999.");
        NanosecondOfDay = ((hour * 60L + minute) * 60 + second) * IsoText.NanosPerSecond + nanosecond;
    }

    private LocalTime(long nanosecondOfDay) => NanosecondOfDay = nanosecondOfDay;

    public static readonly LocalTime Midnight = new(0L);

    /// <summary>Nanoseconds since midnight: Bolt's LocalTime field.</summary>
    public long NanosecondOfDay { get; }

    public int Hour => (int)(NanosecondOfDay / (3600 * IsoText.NanosPerSecond));
    public int Minute => (int)(NanosecondOfDay / (60 * IsoText.NanosPerSecond) % 60);
    public int Second => (int)(NanosecondOfDay / IsoText.NanosPerSecond % 60);
    public int Nanosecond => (int)(NanosecondOfDay % IsoText.NanosPerSecond);

    public string CypherTypeName => "LocalTime";

    public static LocalTime FromNanosecondOfDay(long nanosecondOfDay) =>
        nanosecondOfDay is >= 0 and < IsoText.NanosPerDay
            ? new LocalTime(nanosecondOfDay)
            : throw new ArgumentOutOfRangeException(nameof(nanosecondOfDay), nanosecondOfDay, "A time of day is within 0 and 86,399,999,999,999 nanoseconds.");

    public static LocalTime FromTimeOnly(TimeOnly time) => new(time.Ticks * 100);

    /// <summary>The same time as a <see cref="TimeOnly"/> (to 100 ns: the last two digits of the nanoseconds are dropped).</summary>
    public TimeOnly ToTimeOnly() => new(NanosecondOfDay / 100);

    public int CompareTo(LocalTime? other) => other is null ? 1 : NanosecondOfDay.CompareTo(other.NanosecondOfDay);

    public override string ToString()
    {
        var sb = new StringBuilder(18);
        IsoText.AppendTime(sb, NanosecondOfDay);
        return sb.ToString();
    }

    /// <summary>Reads <c>HH:mm[:ss[.fffffffff]]</c>; throws <see cref="FormatException"/> otherwise.</summary>
    public static LocalTime Parse(string text)
    {
        var reader = new IsoText.Reader(text, "LocalTime");
        var time = IsoText.ReadTime(ref reader);
        reader.End();
        return time;
    }
}
