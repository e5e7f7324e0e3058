using Graph.Bolt.PackStream;
using Graph.Client;
using Noda = NodaTime;

namespace Graph.Bolt.Protocol;

/// <summary>
/// Bolt's temporal structures as the contract's temporal values (Graph.Client.Temporal), both ways: Date 'D' (days since
/// 1970-01-01), LocalTime 't' (nanoseconds of the day), Time 'T' (+ offset seconds), LocalDateTime 'd' (seconds and
/// nanoseconds of the wall-clock reading since 1970), DateTime 'I' / DateTimeZoneId 'i' (Bolt 5 and 4.4 with the "utc"
/// patch: UTC seconds) or 'F' / 'f' (4.4 legacy: the wall-clock seconds), Duration 'E' (months, days, seconds, nanoseconds).
/// Zone rules come from NodaTime's tzdb, the same data the engine uses, so an instant reads back at the offset the engine gives it.
/// </summary>
internal static class BoltTemporal
{
    public const byte Date = (byte)'D';
    public const byte Time = (byte)'T';
    public const byte LocalTimeTag = (byte)'t';
    public const byte LocalDateTimeTag = (byte)'d';
    public const byte DateTimeUtc = (byte)'I';
    public const byte DateTimeLegacy = (byte)'F';
    public const byte DateTimeZoneIdUtc = (byte)'i';
    public const byte DateTimeZoneIdLegacy = (byte)'f';
    public const byte DurationTag = (byte)'E';

    private static readonly Noda.IDateTimeZoneProvider Zones = Noda.DateTimeZoneProviders.Tzdb;
    private static readonly long MinSecond = Noda.Instant.MinValue.ToUnixTimeSeconds();
    private static readonly long MaxSecond = Noda.Instant.MaxValue.ToUnixTimeSeconds();

    public static bool IsTemporal(byte tag) => tag is Date or Time or LocalTimeTag or LocalDateTimeTag or DateTimeUtc or DateTimeLegacy
        or DateTimeZoneIdUtc or DateTimeZoneIdLegacy or DurationTag;

    /// <summary>Writes <paramref name="value"/> when it is a temporal value; false otherwise.</summary>
    /// <param name="utc">DateTime as UTC seconds ('I', 'i'): Bolt 5, or 4.4 with the "utc" patch agreed.</param>
    public static bool TryWrite(PackStreamWriter writer, object value, bool utc)
    {
        switch (value)
        {
            case LocalDate date:
                writer.WriteStructHeader(Date, 1);
                writer.WriteInteger(date.EpochDay);
                return true;
            case LocalTime time:
                writer.WriteStructHeader(LocalTimeTag, 1);
                writer.WriteInteger(time.NanosecondOfDay);
                return true;
            case OffsetTime time:
                writer.WriteStructHeader(Time, 2);
                writer.WriteInteger(time.Time.NanosecondOfDay);
                writer.WriteInteger(time.OffsetSeconds);
                return true;
            case LocalDateTime local:
                writer.WriteStructHeader(LocalDateTimeTag, 2);
                writer.WriteInteger(local.EpochSecond);
                writer.WriteInteger(local.Time.Nanosecond);
                return true;
            case ZonedDateTime zoned:
                writer.WriteStructHeader(zoned.ZoneId is null ? utc ? DateTimeUtc : DateTimeLegacy : utc ? DateTimeZoneIdUtc : DateTimeZoneIdLegacy, 3);
                writer.WriteInteger(utc ? zoned.EpochSecond : zoned.DateTime.EpochSecond);
                writer.WriteInteger(zoned.Nanosecond);
                if (zoned.ZoneId is { } zone) writer.WriteString(zone);
                else writer.WriteInteger(zoned.OffsetSeconds);
                return true;
            case Duration duration:
                writer.WriteStructHeader(DurationTag, 4);
                writer.WriteInteger(duration.Months);
                writer.WriteInteger(duration.Days);
                writer.WriteInteger(duration.Seconds);
                writer.WriteInteger(duration.Nanoseconds);
                return true;
            default:
                return false;
        }
    }

    /// <summary>The value of a temporal structure; malformed fields (wrong count, out of range, unknown zone) are a <see cref="PackStreamException"/>.</summary>
    public static object Read(byte tag, object?[] f)
    {
        try
        {
            switch (tag)
            {
                case Date:
                    Expect(f, "Date", 1);
                    return LocalDate.FromEpochDay(Long(f[0]));
                case LocalTimeTag:
                    Expect(f, "LocalTime", 1);
                    return LocalTime.FromNanosecondOfDay(Long(f[0]));
                case Time:
                    Expect(f, "Time", 2);
                    return new OffsetTime(LocalTime.FromNanosecondOfDay(Long(f[0])), Offset(f[1]));
                case LocalDateTimeTag:
                    Expect(f, "LocalDateTime", 2);
                    return LocalDateTime.FromEpochSecond(Long(f[0]), Nanos(f[1]));
                case DateTimeUtc:
                    Expect(f, "DateTime", 3);
                    return ZonedDateTime.FromEpochSecond(Long(f[0]), Nanos(f[1]), Offset(f[2]));
                case DateTimeLegacy:
                    Expect(f, "DateTime", 3);
                    return new ZonedDateTime(LocalDateTime.FromEpochSecond(Long(f[0]), Nanos(f[1])), Offset(f[2]));
                case DateTimeZoneIdUtc:
                {
                    Expect(f, "DateTimeZoneId", 3);
                    var (id, zone) = Zone(f[2]);
                    var seconds = Long(f[0]);
                    return ZonedDateTime.FromEpochSecond(seconds, Nanos(f[1]), OffsetAt(zone, seconds), id);
                }
                case DateTimeZoneIdLegacy:
                {
                    Expect(f, "DateTimeZoneId", 3);
                    var (id, zone) = Zone(f[2]);
                    var local = Long(f[0]);
                    // The offset in force at the wall-clock reading: the offset at the instant it would be with the offset found first.
                    var offset = OffsetAt(zone, local - OffsetAt(zone, local));
                    return new ZonedDateTime(LocalDateTime.FromEpochSecond(local, Nanos(f[1])), offset, id);
                }
                case DurationTag:
                    Expect(f, "Duration", 4);
                    return new Duration(Long(f[0]), Long(f[1]), Long(f[2]), Long(f[3]));
                default:
                    throw new PackStreamException($"unknown structure 0x{tag:X2} ('{(char)tag}')");
            }
        }
        catch (ArgumentException e)
        {
            throw new PackStreamException($"a temporal structure '{(char)tag}' is out of range: {e.Message}");
        }
    }

    private static void Expect(object?[] fields, string name, int count)
    {
        if (fields.Length != count) throw new PackStreamException($"a {name} structure has {fields.Length} fields; expected {count}");
    }

    private static long Long(object? value) => value is long l ? l : throw new InvalidCastException();

    private static int Nanos(object? value) => Long(value) is var n and >= 0 and <= 999_999_999
        ? (int)n
        : throw new PackStreamException($"nanoseconds {value} are outside 0..999999999");

    private static int Offset(object? value) => Long(value) is var s and >= -OffsetTime.MaxOffsetSeconds and <= OffsetTime.MaxOffsetSeconds
        ? (int)s
        : throw new PackStreamException($"a time zone offset of {value} s is outside ±18:00");

    private static (string Id, Noda.DateTimeZone Zone) Zone(object? value)
    {
        var id = value as string ?? throw new InvalidCastException();
        return (id, Zones.GetZoneOrNull(id) ?? throw new PackStreamException($"unknown time zone '{id}'"));
    }

    /// <summary>Instants outside NodaTime's years (-9998 to 9999) use the offset at the nearest one it knows, as the engine does.</summary>
    private static int OffsetAt(Noda.DateTimeZone zone, long epochSecond) =>
        zone.GetUtcOffset(Noda.Instant.FromUnixTimeSeconds(Math.Clamp(epochSecond, MinSecond, MaxSecond))).Seconds;
}
