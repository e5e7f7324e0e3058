using System.Text;

namespace Graph.Client;

/// <summary>
/// A date and time with a UTC offset and, optionally, a named IANA time zone: Cypher's ZONED DATETIME. The wall-clock
/// reading, the offset in force there and the zone id are all kept, so nothing is lost on the way out and back.
/// Bolt maps directly: DateTime is (<see cref="EpochSecond"/>, <see cref="Nanosecond"/>, <see cref="OffsetSeconds"/>),
/// DateTimeZoneId is (<see cref="EpochSecond"/>, <see cref="Nanosecond"/>, <see cref="ZoneId"/>) with UTC seconds.
/// The Query API writes <c>OffsetDateTime</c> (<c>2015-11-21T21:40:32.142Z</c>) without a zone id and
/// <c>ZonedDateTime</c> (<c>2015-11-21T21:40:32.142Z[Antarctica/Troll]</c>) with one.
/// </summary>
public sealed record ZonedDateTime : ITemporalValue
{
    /// <param name="dateTime">The wall-clock reading.</param>
    /// <param name="offsetSeconds">The offset from UTC in force at that reading (for a named zone: the one its rules give).</param>
    /// <param name="zoneId">An IANA zone id such as "Europe/Berlin", or null for a plain offset.</param>
    public ZonedDateTime(LocalDateTime dateTime, int offsetSeconds, string? zoneId = null)
    {
        ArgumentNullException.ThrowIfNull(dateTime);
        if (offsetSeconds is < -OffsetTime.MaxOffsetSeconds or > OffsetTime.MaxOffsetSeconds)
            throw new ArgumentOutOfRangeException(nameof(offsetSeconds), offsetSeconds, "An offset is within -18:00 and +18:00.");
        if (zoneId is not null && (zoneId.Length == 0 || zoneId.AsSpan().IndexOfAny("[] ") >= 0))
            throw new ArgumentException($"'{zoneId}' is not a time-zone id.", nameof(zoneId));
        DateTime = dateTime;
        OffsetSeconds = offsetSeconds;
        ZoneId = zoneId;
    }

    public LocalDateTime DateTime { get; }
    public int OffsetSeconds { get; }
    public string? ZoneId { get; }

    public string CypherTypeName => "DateTime";

    /// <summary>Seconds since 1970-01-01T00:00Z of the instant (Bolt 5's UTC seconds).</summary>
    public long EpochSecond => DateTime.EpochSecond - OffsetSeconds;

    public int Nanosecond => DateTime.Time.Nanosecond;

    /// <summary>The instant <paramref name="epochSecond"/> (UTC) shown at <paramref name="offsetSeconds"/>, in <paramref name="zoneId"/> when given.</summary>
    public static ZonedDateTime FromEpochSecond(long epochSecond, int nanosecond, int offsetSeconds, string? zoneId = null) =>
        new(LocalDateTime.FromEpochSecond(epochSecond + offsetSeconds, nanosecond), offsetSeconds, zoneId);

    public static ZonedDateTime FromDateTimeOffset(DateTimeOffset value) =>
        new(LocalDateTime.FromDateTime(value.DateTime), (int)(value.Offset.Ticks / TimeSpan.TicksPerSecond));

    public override string ToString()
    {
        var sb = new StringBuilder(48);
        sb.Append(DateTime.ToString());
        IsoText.AppendOffset(sb, OffsetSeconds);
        if (ZoneId is not null) sb.Append('[').Append(ZoneId).Append(']');
        return sb.ToString();
    }

    /// <summary>
    /// Reads <c>yyyy-MM-ddTHH:mm[:ss[.f]](Z|±hh:mm)[[Zone/Id]]</c>; throws <see cref="FormatException"/> otherwise.
    /// The offset is taken as written: checking it against the zone's rules is the engine's business.
    /// </summary>
    public static ZonedDateTime Parse(string text)
    {
        var reader = new IsoText.Reader(text, "DateTime");
        var date = IsoText.ReadDate(ref reader);
        reader.Expect('T');
        var time = IsoText.ReadTime(ref reader);
        var offset = IsoText.ReadOffset(ref reader);
        string? zone = null;
        if (reader.TryTake('['))
        {
            zone = reader.Rest(']');
            if (zone.Length == 0) throw reader.Fail("a zone id inside [ ]");
        }
        reader.End();
        return new ZonedDateTime(new LocalDateTime(date, time), offset, zone);
    }
}
