using System.Globalization;
using System.Text;
using Graph.Bolt.PackStream;

namespace Graph.Bolt.Protocol;

/// <summary>
/// Bolt's temporal and spatial structures as the text Neo4j's Query API uses for them (ISO-8601, WKT), which is
/// how the client contract carries such values today.
/// </summary>
internal static class TemporalText
{
    private const long NanosPerSecond = 1_000_000_000;
    private const long SecondsPerDay = 86_400;

    public static string Read(byte tag, object?[] f)
    {
        switch ((char)tag)
        {
            case 'D':
                Expect(f, "Date", 1);
                return Date(Long(f[0]));
            case 't':
                Expect(f, "LocalTime", 1);
                return TimeOfDay(Long(f[0]));
            case 'T':
                Expect(f, "Time", 2);
                return TimeOfDay(Long(f[0])) + Offset(Long(f[1]));
            case 'd':
                Expect(f, "LocalDateTime", 2);
                return LocalDateTime(Long(f[0]), Long(f[1]));
            case 'I':
                // 5.0+: UTC seconds; the text shows the local time at the offset.
                Expect(f, "DateTime", 3);
                return LocalDateTime(Long(f[0]) + Long(f[2]), Long(f[1])) + Offset(Long(f[2]));
            case 'F':
                // Before 5.0: seconds already shifted by the offset.
                Expect(f, "DateTime", 3);
                return LocalDateTime(Long(f[0]), Long(f[1])) + Offset(Long(f[2]));
            case 'i':
                {
                    Expect(f, "DateTimeZoneId", 3);
                    var zone = Zone((string)f[2]!);
                    var utc = DateTimeOffset.FromUnixTimeSeconds(Long(f[0]));
                    var offset = (long)zone.GetUtcOffset(utc).TotalSeconds;
                    return LocalDateTime(Long(f[0]) + offset, Long(f[1])) + Offset(offset) + "[" + zone.Id + "]";
                }
            case 'f':
                {
                    Expect(f, "DateTimeZoneId", 3);
                    var zone = Zone((string)f[2]!);
                    var local = Long(f[0]);
                    var offset = (long)zone.GetUtcOffset(DateTimeOffset.FromUnixTimeSeconds(local)).TotalSeconds;
                    return LocalDateTime(local, Long(f[1])) + Offset(offset) + "[" + zone.Id + "]";
                }
            case 'E':
                Expect(f, "Duration", 4);
                return Duration(Long(f[0]), Long(f[1]), Long(f[2]), Long(f[3]));
            case 'X':
                Expect(f, "Point2D", 3);
                return $"SRID={Long(f[0])};POINT ({Number(f[1])} {Number(f[2])})";
            case 'Y':
                Expect(f, "Point3D", 4);
                return $"SRID={Long(f[0])};POINT Z ({Number(f[1])} {Number(f[2])} {Number(f[3])})";
            default:
                throw new PackStreamException($"unknown structure 0x{tag:X2} ('{(char)tag}')");
        }
    }

    private static void Expect(object?[] fields, string name, int count)
    {
        if (fields.Length != count) throw new PackStreamException($"a {name} structure has {fields.Length} fields; expected {count}");
    }

    private static long Long(object? value) => value is long l ? l : throw new InvalidCastException();

    private static string Number(object? value) => value is double d
        ? d.ToString("R", CultureInfo.InvariantCulture)
        : throw new InvalidCastException();

    private static TimeZoneInfo Zone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new PackStreamException($"unknown time zone '{id}'");
        }
    }

    public static string Date(long days)
    {
        // DateOnly covers years 1..9999, what the text form can say without a sign.
        const long minDays = -719_162; // 0001-01-01
        const long maxDays = 2_932_896; // 9999-12-31
        if (days is < minDays or > maxDays) throw new PackStreamException($"a Date of {days} days since 1970 is outside years 1-9999");
        return DateOnly.FromDayNumber((int)(days - minDays)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    public static string TimeOfDay(long nanos)
    {
        if (nanos is < 0 or >= SecondsPerDay * NanosPerSecond) throw new PackStreamException($"a time of day of {nanos} ns is outside one day");
        var seconds = nanos / NanosPerSecond;
        var text = $"{seconds / 3600:00}:{seconds / 60 % 60:00}:{seconds % 60:00}";
        return text + Fraction(nanos % NanosPerSecond);
    }

    public static string LocalDateTime(long seconds, long nanos)
    {
        if (nanos is < 0 or >= NanosPerSecond) throw new PackStreamException($"nanoseconds {nanos} are outside 0..999999999");
        var days = Math.DivRem(seconds, SecondsPerDay, out var rest);
        if (rest < 0) { days--; rest += SecondsPerDay; }
        return Date(days) + "T" + TimeOfDay(rest * NanosPerSecond + nanos);
    }

    public static string Offset(long seconds)
    {
        if (seconds == 0) return "Z";
        if (Math.Abs(seconds) > 18 * 3600) throw new PackStreamException($"a time zone offset of {seconds} s is outside ±18:00");
        var sign = seconds < 0 ? '-' : '+';
        var a = Math.Abs(seconds);
        var text = $"{sign}{a / 3600:00}:{a / 60 % 60:00}";
        return a % 60 == 0 ? text : text + $":{a % 60:00}";
    }

    /// <summary>Neo4j's duration text: P[nY][nM][nD]T[nH][nM][n.nS], "PT0S" for zero.</summary>
    public static string Duration(long months, long days, long seconds, long nanos)
    {
        var sb = new StringBuilder("P");
        if (months / 12 != 0) sb.Append(CultureInfo.InvariantCulture, $"{months / 12}Y");
        if (months % 12 != 0) sb.Append(CultureInfo.InvariantCulture, $"{months % 12}M");
        if (days != 0) sb.Append(CultureInfo.InvariantCulture, $"{days}D");
        // Seconds and nanoseconds may have different signs on the wire; normalize to one total.
        var total = (decimal)seconds + nanos / (decimal)NanosPerSecond;
        if (total != 0)
        {
            sb.Append('T');
            var hours = decimal.Truncate(total / 3600);
            total -= hours * 3600;
            var minutes = decimal.Truncate(total / 60);
            total -= minutes * 60;
            if (hours != 0) sb.Append(CultureInfo.InvariantCulture, $"{hours}H");
            if (minutes != 0) sb.Append(CultureInfo.InvariantCulture, $"{minutes}M");
            if (total != 0) sb.Append(total.ToString("0.#########", CultureInfo.InvariantCulture)).Append('S');
        }
        return sb.Length == 1 ? "PT0S" : sb.ToString();
    }

    private static string Fraction(long nanos) =>
        nanos == 0 ? "" : "." + nanos.ToString("000000000", CultureInfo.InvariantCulture).TrimEnd('0');
}
