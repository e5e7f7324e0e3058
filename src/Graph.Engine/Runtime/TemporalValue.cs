using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Graph.Engine.Runtime;

public enum TemporalKind
{
    DateTime,
    LocalDateTime,
    Date,
    Time,
    LocalTime,
}

/// <summary>
/// A temporal instant (date, time, localtime, localdatetime, datetime). The contract has no temporal types,
/// so results carry their ISO text (as Neo4j prints them); during execution they order and compare correctly
/// (times with an offset by their UTC instant).
/// </summary>
public sealed partial class TemporalValue : IEquatable<TemporalValue>
{
    private TemporalValue(TemporalKind kind, DateOnly date, long nanoOfDay, int offsetSeconds)
    {
        Kind = kind;
        Date = date;
        NanoOfDay = nanoOfDay;
        OffsetSeconds = offsetSeconds;
    }

    public TemporalKind Kind { get; }
    public DateOnly Date { get; }
    public long NanoOfDay { get; }
    public int OffsetSeconds { get; }

    private const long NanosPerSecond = 1_000_000_000L;
    private const long NanosPerDay = 86_400L * NanosPerSecond;

    /// <summary>The value used for ordering and equality within one kind.</summary>
    private decimal SortKey => Kind switch
    {
        TemporalKind.Date => Date.DayNumber,
        TemporalKind.LocalTime => NanoOfDay,
        TemporalKind.Time => NanoOfDay - OffsetSeconds * NanosPerSecond,
        TemporalKind.LocalDateTime => (decimal)Date.DayNumber * NanosPerDay + NanoOfDay,
        _ => (decimal)Date.DayNumber * NanosPerDay + NanoOfDay - OffsetSeconds * NanosPerSecond,
    };

    public int CompareTo(TemporalValue other) => Kind != other.Kind ? Kind.CompareTo(other.Kind) : SortKey.CompareTo(other.SortKey);

    public bool Equals(TemporalValue? other) => other is not null && other.Kind == Kind && other.SortKey == SortKey;
    public override bool Equals(object? obj) => Equals(obj as TemporalValue);
    public override int GetHashCode() => HashCode.Combine(Kind, SortKey);

    public string TypeName => Kind switch
    {
        TemporalKind.Date => "Date",
        TemporalKind.LocalTime => "LocalTime",
        TemporalKind.Time => "Time",
        TemporalKind.LocalDateTime => "LocalDateTime",
        _ => "DateTime",
    };

    public override string ToString()
    {
        var sb = new StringBuilder();
        if (Kind is TemporalKind.Date or TemporalKind.LocalDateTime or TemporalKind.DateTime)
        {
            sb.Append(Date.Year.ToString("D4", CultureInfo.InvariantCulture)).Append('-')
              .Append(Date.Month.ToString("D2", CultureInfo.InvariantCulture)).Append('-')
              .Append(Date.Day.ToString("D2", CultureInfo.InvariantCulture));
            if (Kind == TemporalKind.Date) return sb.ToString();
            sb.Append('T');
        }
        AppendTime(sb, NanoOfDay);
        if (Kind is TemporalKind.Time or TemporalKind.DateTime) AppendOffset(sb, OffsetSeconds);
        return sb.ToString();
    }

    /// <summary>Java's ISO printing: seconds only when non-zero, fractions in groups of three digits.</summary>
    private static void AppendTime(StringBuilder sb, long nanoOfDay)
    {
        var totalSeconds = nanoOfDay / NanosPerSecond;
        var nanos = nanoOfDay % NanosPerSecond;
        var h = totalSeconds / 3600;
        var m = totalSeconds / 60 % 60;
        var s = totalSeconds % 60;
        sb.Append(h.ToString("D2", CultureInfo.InvariantCulture)).Append(':').Append(m.ToString("D2", CultureInfo.InvariantCulture));
        if (s == 0 && nanos == 0) return;
        sb.Append(':').Append(s.ToString("D2", CultureInfo.InvariantCulture));
        if (nanos == 0) return;
        if (nanos % 1_000_000 == 0) sb.Append('.').Append((nanos / 1_000_000).ToString("D3", CultureInfo.InvariantCulture));
        else if (nanos % 1000 == 0) sb.Append('.').Append((nanos / 1000).ToString("D6", CultureInfo.InvariantCulture));
        else sb.Append('.').Append(nanos.ToString("D9", CultureInfo.InvariantCulture));
    }

    private static void AppendOffset(StringBuilder sb, int offsetSeconds)
    {
        if (offsetSeconds == 0)
        {
            sb.Append('Z');
            return;
        }
        sb.Append(offsetSeconds < 0 ? '-' : '+');
        var abs = Math.Abs(offsetSeconds);
        sb.Append((abs / 3600).ToString("D2", CultureInfo.InvariantCulture)).Append(':').Append((abs / 60 % 60).ToString("D2", CultureInfo.InvariantCulture));
        if (abs % 60 != 0) sb.Append(':').Append((abs % 60).ToString("D2", CultureInfo.InvariantCulture));
    }

    // ------------------------------------------------------------------ construction

    public static TemporalValue Create(TemporalKind kind, object? argument, string function)
    {
        switch (argument)
        {
            case null:
                var now = DateTimeOffset.UtcNow;
                return new TemporalValue(kind, DateOnly.FromDateTime(now.UtcDateTime), now.TimeOfDay.Ticks * 100, 0);
            case IReadOnlyDictionary<string, object?> map:
                return FromMap(kind, map, function);
            case string text:
                return Parse(kind, text, function);
            case TemporalValue t:
                return new TemporalValue(kind, t.Date, t.NanoOfDay, t.OffsetSeconds);
            default:
                throw CypherErrors.InvalidArgumentType(function + "()", argument, "a map or a string");
        }
    }

    private static long Get(IReadOnlyDictionary<string, object?> map, string key, long fallback)
    {
        foreach (var (k, v) in map)
            if (string.Equals(k, key, StringComparison.OrdinalIgnoreCase))
                return v switch
                {
                    long l => l,
                    double d => (long)d,
                    null => fallback,
                    _ => throw CypherErrors.TypeError("InvalidArgumentType", $"Temporal component '{key}' must be an Integer, got {CypherValues.TypeName(v)}."),
                };
        return fallback;
    }

    private static TemporalValue FromMap(TemporalKind kind, IReadOnlyDictionary<string, object?> map, string function)
    {
        try
        {
            var date = DateOnly.MinValue;
            if (kind is not (TemporalKind.Time or TemporalKind.LocalTime))
                date = new DateOnly((int)Get(map, "year", 1), (int)Get(map, "month", 1), (int)Get(map, "day", 1));
            long nano = 0;
            if (kind != TemporalKind.Date)
            {
                nano = Get(map, "hour", 0) * 3600 * NanosPerSecond + Get(map, "minute", 0) * 60 * NanosPerSecond + Get(map, "second", 0) * NanosPerSecond
                    + Get(map, "millisecond", 0) * 1_000_000 + Get(map, "microsecond", 0) * 1000 + Get(map, "nanosecond", 0);
            }
            var offset = 0;
            if (kind is TemporalKind.Time or TemporalKind.DateTime)
            {
                var tz = map.FirstOrDefault(kv => string.Equals(kv.Key, "timezone", StringComparison.OrdinalIgnoreCase)).Value as string;
                if (tz is not null) offset = ParseOffset(tz, function);
            }
            return new TemporalValue(kind, date, nano, offset);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw CypherErrors.ArgumentError("InvalidArgumentValue", $"{function}(): {e.Message}");
        }
    }

    private static int ParseOffset(string tz, string function)
    {
        if (tz is "Z" or "z" or "UTC") return 0;
        var m = OffsetPattern().Match(tz);
        if (!m.Success) throw CypherErrors.ArgumentError("InvalidArgumentValue", $"{function}(): unsupported time zone '{tz}' (use an offset like '+01:00').");
        var sign = m.Groups[1].Value == "-" ? -1 : 1;
        var h = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        var min = m.Groups[3].Success ? int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) : 0;
        var s = m.Groups[4].Success ? int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture) : 0;
        return sign * (h * 3600 + min * 60 + s);
    }

    private static TemporalValue Parse(TemporalKind kind, string text, string function)
    {
        var m = IsoPattern().Match(text.Trim());
        if (!m.Success) throw CypherErrors.ArgumentError("InvalidArgumentValue", $"{function}(): cannot parse '{text}' as an ISO 8601 value.");
        var date = DateOnly.MinValue;
        if (m.Groups["year"].Success)
            date = new DateOnly(int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture),
                m.Groups["month"].Success ? int.Parse(m.Groups["month"].Value, CultureInfo.InvariantCulture) : 1,
                m.Groups["day"].Success ? int.Parse(m.Groups["day"].Value, CultureInfo.InvariantCulture) : 1);
        long nano = 0;
        if (m.Groups["hour"].Success)
        {
            nano = long.Parse(m.Groups["hour"].Value, CultureInfo.InvariantCulture) * 3600 * NanosPerSecond
                + (m.Groups["minute"].Success ? long.Parse(m.Groups["minute"].Value, CultureInfo.InvariantCulture) * 60 * NanosPerSecond : 0)
                + (m.Groups["second"].Success ? long.Parse(m.Groups["second"].Value, CultureInfo.InvariantCulture) * NanosPerSecond : 0);
            if (m.Groups["fraction"].Success)
                nano += long.Parse(m.Groups["fraction"].Value.PadRight(9, '0')[..9], CultureInfo.InvariantCulture);
        }
        var offset = m.Groups["offset"].Success ? ParseOffset(m.Groups["offset"].Value, function) : 0;
        return new TemporalValue(kind, date, nano, offset);
    }

    [GeneratedRegex(@"^([+-])(\d{2}):?(\d{2})?(?::?(\d{2}))?$")]
    private static partial Regex OffsetPattern();

    [GeneratedRegex(@"^(?:(?<year>[+-]?\d{4})(?:-(?<month>\d{2})(?:-(?<day>\d{2}))?)?)?T?(?:(?<hour>\d{2})(?::?(?<minute>\d{2})(?::?(?<second>\d{2})(?:[.,](?<fraction>\d{1,9}))?)?)?)?(?<offset>Z|[+-]\d{2}(?::?\d{2})?)?$")]
    private static partial Regex IsoPattern();
}
