using System.Globalization;
using System.Text.RegularExpressions;
using Graph.Client;

namespace Graph.Engine.Runtime.Temporal;

/// <summary>A time zone as Cypher knows it: a fixed offset (<see cref="Id"/> null) or a named IANA zone.</summary>
internal readonly partial record struct ZoneSpec(string? Id, int FixedOffset)
{
    public static readonly ZoneSpec Utc = new(null, 0);

    public static ZoneSpec Offset(int seconds) => new(null, seconds);

    public bool IsNamed => Id is not null;

    public static ZoneSpec Of(ZonedDateTime value) => value.ZoneId is { } id ? new ZoneSpec(id, 0) : Offset(value.OffsetSeconds);

    /// <summary>Reads 'Z', '+01', '+0100', '+01:00', '-02:05:07' or an IANA id ('Europe/Stockholm'); anything else is InvalidArgumentValue.</summary>
    public static ZoneSpec Parse(string text)
    {
        if (TryParseOffset(text, out var seconds)) return Offset(seconds);
        if (TimeZoneRules.Exists(text)) return new ZoneSpec(text, 0);
        throw CypherErrors.ArgumentError("InvalidArgumentValue",
            $"'{text}' is not a time zone: use an offset such as '+01:00' or 'Z', or an IANA zone id such as 'Europe/Stockholm' (tzdb {TimeZoneRules.Version}).");
    }

    public static bool TryParseOffset(string text, out int seconds)
    {
        seconds = 0;
        if (text is "Z" or "z") return true;
        var m = OffsetPattern().Match(text);
        if (!m.Success) return false;
        var h = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
        var min = m.Groups["m"].Success ? int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        var s = m.Groups["s"].Success ? int.Parse(m.Groups["s"].Value, CultureInfo.InvariantCulture) : 0;
        if (min > 59 || s > 59) return false;
        var total = h * 3600 + min * 60 + s;
        if (total > OffsetTime.MaxOffsetSeconds) return false;
        seconds = m.Groups["sign"].Value == "-" ? -total : total;
        return true;
    }

    [GeneratedRegex(@"^(?<sign>[+-])(?<h>\d{2})(?::?(?<m>\d{2})(?::?(?<s>\d{2}))?)?$")]
    private static partial Regex OffsetPattern();

    public int OffsetAt(long epochSecond) => Id is null ? FixedOffset : TimeZoneRules.OffsetAt(Id, epochSecond);

    /// <summary>The wall-clock reading placed in this zone (java.time's ZonedDateTime.ofLocal).</summary>
    public ZonedDateTime AtLocal(LocalDateTime local, int? preferredOffset = null)
    {
        if (Id is null) return new ZonedDateTime(local, FixedOffset);
        var (resolved, offset) = TimeZoneRules.Resolve(Id, local, preferredOffset);
        return new ZonedDateTime(resolved, offset, Id);
    }

    /// <summary>The instant shown in this zone.</summary>
    public ZonedDateTime AtInstant(long epochSecond, int nanosecond)
    {
        try
        {
            return ZonedDateTime.FromEpochSecond(epochSecond, nanosecond, OffsetAt(epochSecond), Id);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw CalendarMath.OutOfRange($"The instant {epochSecond} s after 1970-01-01T00:00Z shown at {this} is outside the supported years (-999999999 to 999999999).");
        }
    }

    public override string ToString() => Id ?? OffsetText(FixedOffset);

    public static string OffsetText(int seconds) => new OffsetTime(LocalTime.Midnight, seconds).ToString()[5..];
}
