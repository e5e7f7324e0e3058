using System.Text;

namespace Graph.Client;

/// <summary>
/// A time of day with a UTC offset: Cypher's ZONED TIME (<c>time()</c>). Bolt's Time structure is
/// (<see cref="LocalTime.NanosecondOfDay"/> of <see cref="Time"/>, <see cref="OffsetSeconds"/>); the Query API writes
/// <c>{"$type": "Time", "_value": "12:50:35.556+01:00"}</c>.
/// </summary>
public sealed record OffsetTime : ITemporalValue
{
    public const int MaxOffsetSeconds = 18 * 3600;

    public OffsetTime(LocalTime time, int offsetSeconds)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (offsetSeconds is < -MaxOffsetSeconds or > MaxOffsetSeconds)
            throw new ArgumentOutOfRangeException(nameof(offsetSeconds), offsetSeconds, "An offset is within -18:00 and +18:00.");
        Time = time;
        OffsetSeconds = offsetSeconds;
    }

    public LocalTime Time { get; }

    /// <summary>Seconds east of UTC (+01:00 is 3600).</summary>
    public int OffsetSeconds { get; }

    public string CypherTypeName => "Time";

    /// <summary>Nanoseconds since midnight UTC, possibly outside one day: the instant the time stands for, for ordering.</summary>
    public long UtcNanosecondOfDay => Time.NanosecondOfDay - OffsetSeconds * IsoText.NanosPerSecond;

    public override string ToString()
    {
        var sb = new StringBuilder(24);
        IsoText.AppendTime(sb, Time.NanosecondOfDay);
        IsoText.AppendOffset(sb, OffsetSeconds);
        return sb.ToString();
    }

    /// <summary>Reads <c>HH:mm[:ss[.f]](Z|±hh:mm[:ss])</c>; throws <see cref="FormatException"/> otherwise.</summary>
    public static OffsetTime Parse(string text)
    {
        var reader = new IsoText.Reader(text, "Time");
        var time = IsoText.ReadTime(ref reader);
        var offset = IsoText.ReadOffset(ref reader);
        reader.End();
        return new OffsetTime(time, offset);
    }
}
