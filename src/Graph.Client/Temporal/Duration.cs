using System.Globalization;
using System.Text;

namespace Graph.Client;

/// <summary>
/// A temporal amount in four independent parts, as Cypher's DURATION and Bolt's Duration structure: months, days,
/// seconds and nanoseconds. Seconds and nanoseconds are normalized (<see cref="Nanoseconds"/> is within 0 and
/// 999,999,999, so -0.5 s is -1 s + 500,000,000 ns); months and days are never folded into each other. The Query API writes
/// <c>{"$type": "Duration", "_value": "P14DT16H12M"}</c>.
/// </summary>
public sealed record Duration : ITemporalValue
{
    public Duration(long months, long days, long seconds, long nanoseconds)
    {
        try
        {
            seconds = checked(seconds + Math.DivRem(nanoseconds, IsoText.NanosPerSecond, out var nanos));
            if (nanos < 0)
            {
                seconds = checked(seconds - 1);
                nanos += IsoText.NanosPerSecond;
            }
            Months = months;
            Days = days;
            Seconds = seconds;
            Nanoseconds = (int)nanos;
        }
        catch (OverflowException)
        {
            throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "The duration's seconds do not fit in 64 bits.");
        }
    }

    public static readonly Duration Zero = new(0, 0, 0, 0);

    public long Months { get; }
    public long Days { get; }
    public long Seconds { get; }

    /// <summary>Within 0 and 999,999,999.</summary>
    public int Nanoseconds { get; }

    public string CypherTypeName => "Duration";

    public static Duration FromTimeSpan(TimeSpan value) => new(0, 0, value.Ticks / TimeSpan.TicksPerSecond, value.Ticks % TimeSpan.TicksPerSecond * 100);

    /// <summary>Neo4j's spelling: years and months from the months, days, then hours, minutes and seconds of the seconds, each signed.</summary>
    public override string ToString()
    {
        if (Months == 0 && Days == 0 && Seconds == 0 && Nanoseconds == 0) return "PT0S";
        var sb = new StringBuilder("P");
        Append(sb, Months / 12, 'Y');
        Append(sb, Months % 12, 'M');
        Append(sb, Days, 'D');
        if (Seconds != 0 || Nanoseconds != 0)
        {
            var negative = Seconds < 0;
            var s = Seconds;
            long n = Nanoseconds;
            if (negative && n != 0)
            {
                s++;
                n -= IsoText.NanosPerSecond;
            }
            sb.Append('T');
            Append(sb, s / 3600, 'H');
            s %= 3600;
            Append(sb, s / 60, 'M');
            s %= 60;
            if (s != 0 || n != 0)
            {
                if (s == 0 && negative) sb.Append('-');
                sb.Append(s.ToString(CultureInfo.InvariantCulture));
                if (n != 0)
                {
                    sb.Append('.');
                    var digits = Math.Abs(n).ToString("D9", CultureInfo.InvariantCulture).TrimEnd('0');
                    sb.Append(digits);
                }
                sb.Append('S');
            }
        }
        if (sb.Length == 1) sb.Append("T0S");
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, long quantity, char unit)
    {
        if (quantity != 0) sb.Append(quantity.ToString(CultureInfo.InvariantCulture)).Append(unit);
    }

    /// <summary>
    /// Reads the printed form: <c>P[nY][nM][nD][T[nH][nM][n[.f]S]]</c> with optionally signed integer parts and a fraction
    /// of seconds only (<c>PT0S</c>, <c>P14DT16H12M</c>, <c>PT-1M-0.001S</c>); throws <see cref="FormatException"/> otherwise.
    /// </summary>
    public static Duration Parse(string text)
    {
        FormatException Bad(string why) => new($"'{text}' is not a Duration in ISO-8601 form: {why}.");
        if (text.Length < 3 || text[0] != 'P') throw Bad("it starts with P");
        long months = 0, days = 0, seconds = 0, nanos = 0;
        var inTime = false;
        var i = 1;
        var order = 0; // each unit at most once, in order
        var any = false;
        try
        {
            while (i < text.Length)
            {
                if (text[i] == 'T')
                {
                    if (inTime) throw Bad("T appears twice");
                    inTime = true;
                    i++;
                    continue;
                }
                var start = i;
                if (text[i] is '-' or '+') i++;
                while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
                if (i == start || !char.IsAsciiDigit(text[i - 1])) throw Bad($"a number at position {start + 1}");
                var number = long.Parse(text.AsSpan(start, i - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                long fraction = 0;
                if (i < text.Length && text[i] is '.' or ',')
                {
                    var fractionStart = ++i;
                    while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
                    var digits = i - fractionStart;
                    if (digits is 0 or > 9) throw Bad("one to nine digits of a fraction of a second");
                    fraction = long.Parse(text.AsSpan(fractionStart, digits), CultureInfo.InvariantCulture);
                    for (var d = digits; d < 9; d++) fraction *= 10;
                    if (text[start] == '-') fraction = -fraction;
                }
                if (i >= text.Length) throw Bad("a unit after the number");
                var unit = (inTime ? "T" : "") + text[i++];
                var rank = unit switch { "Y" => 1, "M" => 2, "W" => 3, "D" => 4, "TH" => 5, "TM" => 6, "TS" => 7, _ => throw Bad($"a unit Y, M, W, D, H, M or S, not '{unit[^1]}'") };
                if (rank <= order) throw Bad("the units in the order Y, M, W, D, H, M, S");
                if (fraction != 0 && rank != 7) throw Bad("a fraction on the seconds only");
                order = rank;
                any = true;
                switch (rank)
                {
                    case 1: months = checked(months + number * 12); break;
                    case 2: months = checked(months + number); break;
                    case 3: days = checked(days + number * 7); break;
                    case 4: days = checked(days + number); break;
                    case 5: seconds = checked(seconds + number * 3600); break;
                    case 6: seconds = checked(seconds + number * 60); break;
                    default: seconds = checked(seconds + number); nanos = fraction; break;
                }
            }
        }
        catch (OverflowException)
        {
            throw Bad("a value that fits in 64 bits");
        }
        if (!any) throw Bad("at least one part");
        return new Duration(months, days, seconds, nanos);
    }
}
