using System.Globalization;
using System.Text;

namespace Graph.Client;

/// <summary>The ISO-8601 spelling of temporal values as Neo4j (java.time) prints them, and its strict reader.</summary>
internal static class IsoText
{
    public const long NanosPerSecond = 1_000_000_000L;
    public const long NanosPerDay = 86_400L * NanosPerSecond;

    /// <summary>java.time's year spelling: four digits at least, '+' above 9999, '-' below zero.</summary>
    public static void AppendDate(StringBuilder sb, int year, int month, int day)
    {
        var abs = Math.Abs((long)year);
        if (abs < 1000)
        {
            if (year < 0) sb.Append('-');
            sb.Append(abs.ToString("D4", CultureInfo.InvariantCulture));
        }
        else
        {
            if (year > 9999) sb.Append('+');
            sb.Append(year.ToString(CultureInfo.InvariantCulture));
        }
        sb.Append('-').Append(month.ToString("D2", CultureInfo.InvariantCulture))
          .Append('-').Append(day.ToString("D2", CultureInfo.InvariantCulture));
    }

    /// <summary>HH:mm, then :ss when seconds or fractions are non-zero, fractions in groups of three digits.</summary>
    public static void AppendTime(StringBuilder sb, long nanoOfDay)
    {
        var totalSeconds = nanoOfDay / NanosPerSecond;
        var nanos = nanoOfDay % NanosPerSecond;
        sb.Append((totalSeconds / 3600).ToString("D2", CultureInfo.InvariantCulture)).Append(':')
          .Append((totalSeconds / 60 % 60).ToString("D2", CultureInfo.InvariantCulture));
        var seconds = totalSeconds % 60;
        if (seconds == 0 && nanos == 0) return;
        sb.Append(':').Append(seconds.ToString("D2", CultureInfo.InvariantCulture));
        if (nanos == 0) return;
        if (nanos % 1_000_000 == 0) sb.Append('.').Append((nanos / 1_000_000).ToString("D3", CultureInfo.InvariantCulture));
        else if (nanos % 1000 == 0) sb.Append('.').Append((nanos / 1000).ToString("D6", CultureInfo.InvariantCulture));
        else sb.Append('.').Append(nanos.ToString("D9", CultureInfo.InvariantCulture));
    }

    /// <summary>Z for UTC, otherwise ±hh:mm with :ss when the offset has seconds.</summary>
    public static void AppendOffset(StringBuilder sb, int offsetSeconds)
    {
        if (offsetSeconds == 0)
        {
            sb.Append('Z');
            return;
        }
        sb.Append(offsetSeconds < 0 ? '-' : '+');
        var abs = Math.Abs(offsetSeconds);
        sb.Append((abs / 3600).ToString("D2", CultureInfo.InvariantCulture)).Append(':')
          .Append((abs / 60 % 60).ToString("D2", CultureInfo.InvariantCulture));
        if (abs % 60 != 0) sb.Append(':').Append((abs % 60).ToString("D2", CultureInfo.InvariantCulture));
    }

    public static string OffsetText(int offsetSeconds)
    {
        var sb = new StringBuilder(9);
        AppendOffset(sb, offsetSeconds);
        return sb.ToString();
    }

    // ------------------------------------------------------------------ strict reading (the printed form only)

    /// <summary>A cursor over the text being read; every failure names the text and what was expected.</summary>
    public ref struct Reader(string text, string type)
    {
        private readonly string _text = text;
        private int _at;

        public readonly bool AtEnd => _at >= _text.Length;
        public readonly char Peek => _at < _text.Length ? _text[_at] : '\0';

        public FormatException Fail(string expected) =>
            new($"'{_text}' is not a {type} in ISO-8601 form: expected {expected} at position {_at + 1}.");

        public void Expect(char c)
        {
            if (Peek != c) throw Fail($"'{c}'");
            _at++;
        }

        public bool TryTake(char c)
        {
            if (Peek != c) return false;
            _at++;
            return true;
        }

        public long Digits(int min, int max, string what)
        {
            var start = _at;
            long value = 0;
            while (_at < _text.Length && _at - start < max && char.IsAsciiDigit(_text[_at])) value = value * 10 + (_text[_at++] - '0');
            if (_at - start < min) throw Fail(what);
            return value;
        }

        /// <summary>A fraction of a second after '.' or ',': one to nine digits, as nanoseconds.</summary>
        public long Fraction()
        {
            var start = _at;
            var value = Digits(1, 9, "one to nine digits of a fraction of a second");
            for (var i = _at - start; i < 9; i++) value *= 10;
            return value;
        }

        public string Rest(char terminator)
        {
            var end = _text.IndexOf(terminator, _at);
            if (end < 0) throw Fail($"'{terminator}'");
            var rest = _text[_at..end];
            _at = end + 1;
            return rest;
        }

        public readonly void End()
        {
            if (!AtEnd) throw new FormatException($"'{_text}' is not a {type} in ISO-8601 form: unexpected '{_text[_at..]}' at position {_at + 1}.");
        }
    }

    public static LocalDate ReadDate(ref Reader r)
    {
        var sign = r.TryTake('-') ? -1 : r.TryTake('+') ? 1 : 1;
        var year = r.Digits(4, 10, "a year of four digits or more");
        r.Expect('-');
        var month = r.Digits(2, 2, "a two-digit month");
        r.Expect('-');
        var day = r.Digits(2, 2, "a two-digit day");
        try
        {
            return new LocalDate(checked((int)(sign * year)), (int)month, (int)day);
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or OverflowException)
        {
            throw r.Fail($"a valid date ({e.Message})");
        }
    }

    public static LocalTime ReadTime(ref Reader r)
    {
        var hour = r.Digits(2, 2, "a two-digit hour");
        r.Expect(':');
        var minute = r.Digits(2, 2, "two-digit minutes");
        long second = 0, nanos = 0;
        if (r.TryTake(':'))
        {
            second = r.Digits(2, 2, "two-digit seconds");
            if (r.TryTake('.') || r.TryTake(',')) nanos = r.Fraction();
        }
        if (hour > 23 || minute > 59 || second > 59) throw r.Fail("a time of day within 00:00 and 23:59:59.999999999");
        return LocalTime.FromNanosecondOfDay(((hour * 60 + minute) * 60 + second) * NanosPerSecond + nanos);
    }

    public static int ReadOffset(ref Reader r)
    {
        if (r.TryTake('Z')) return 0;
        var sign = r.TryTake('+') ? 1 : r.TryTake('-') ? -1 : throw r.Fail("an offset (Z or ±hh:mm)");
        var hours = r.Digits(2, 2, "two-digit offset hours");
        r.Expect(':');
        var minutes = r.Digits(2, 2, "two-digit offset minutes");
        long seconds = r.TryTake(':') ? r.Digits(2, 2, "two-digit offset seconds") : 0;
        var total = hours * 3600 + minutes * 60 + seconds;
        if (total > 18 * 3600 || minutes > 59 || seconds > 59) throw r.Fail("an offset within ±18:00");
        return (int)(sign * total);
    }
}
