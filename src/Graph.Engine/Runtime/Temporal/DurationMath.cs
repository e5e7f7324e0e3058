using Graph.Client;

namespace Graph.Engine.Runtime.Temporal;

/// <summary>
/// Durations as Cypher computes them: fractional amounts cascade down through an average month (365.2425 / 12 days) and
/// 86,400-second days; sums and differences are per part; multiplying by an integer is exact, by a float approximate.
/// </summary>
internal static class DurationMath
{
    public const double AverageDaysPerMonth = 365.2425 / 12;
    public const long AverageSecondsPerMonth = 2_629_746;

    private static Graph.Client.ClientException Overflow(string what) =>
        CypherErrors.Arithmetic("InvalidArgumentValue", $"The duration {what} does not fit in 64-bit integers.");

    public static Duration Create(long months, long days, long seconds, long nanos)
    {
        try
        {
            return new Duration(months, days, seconds, nanos);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw Overflow("");
        }
    }

    /// <summary>Each part's fraction flows into the next smaller one (months into days, days into seconds, seconds into nanoseconds).</summary>
    public static Duration Approximate(double months, double days, double seconds, double nanos)
    {
        var m = ToLong(months);
        days += AverageDaysPerMonth * (months - m);
        var d = ToLong(days);
        seconds += CalendarMath.SecondsPerDay * (days - d);
        var s = ToLong(seconds);
        nanos += CalendarMath.NanosPerSecond * (seconds - s);
        var n = ToLong(nanos);
        return Create(m, d, s, n);
    }

    private static long ToLong(double value)
    {
        if (double.IsNaN(value) || value >= 9.2233720368547758E18 || value < -9.2233720368547758E18)
            throw Overflow($"part {Graph.Client.ValueFormatter.FormatFloat(value)}");
        return (long)value;
    }

    public static Duration Add(Duration a, Duration b)
    {
        try
        {
            return Create(checked(a.Months + b.Months), checked(a.Days + b.Days), checked(a.Seconds + b.Seconds), (long)a.Nanoseconds + b.Nanoseconds);
        }
        catch (OverflowException)
        {
            throw Overflow("sum");
        }
    }

    public static Duration Subtract(Duration a, Duration b)
    {
        try
        {
            return Create(checked(a.Months - b.Months), checked(a.Days - b.Days), checked(a.Seconds - b.Seconds), (long)a.Nanoseconds - b.Nanoseconds);
        }
        catch (OverflowException)
        {
            throw Overflow("difference");
        }
    }

    public static Duration Negate(Duration a) => Subtract(Duration.Zero, a);

    public static Duration Multiply(Duration d, object factor)
    {
        switch (factor)
        {
            case long l:
                try
                {
                    return Create(checked(d.Months * l), checked(d.Days * l), checked(d.Seconds * l), checked(d.Nanoseconds * l));
                }
                catch (OverflowException)
                {
                    throw Overflow("product");
                }
            case double f:
                return Approximate(d.Months * f, d.Days * f, d.Seconds * f, d.Nanoseconds * f);
            default:
                throw CypherErrors.TypeError("InvalidArgumentType", $"A duration can be multiplied by a number only, not a {CypherValues.TypeName(factor)}.");
        }
    }

    public static Duration Divide(Duration d, object divisor)
    {
        var x = divisor switch
        {
            long l => (double)l,
            double f => f,
            _ => throw CypherErrors.TypeError("InvalidArgumentType", $"A duration can be divided by a number only, not a {CypherValues.TypeName(divisor)}."),
        };
        if (x == 0) throw CypherErrors.Arithmetic("DivisionByZero", "A duration cannot be divided by zero.");
        return Approximate(d.Months / x, d.Days / x, d.Seconds / x, d.Nanoseconds / x);
    }

    /// <summary>Cypher's duration components (d.years, d.minutesOfHour, ...); null for an unknown name is a caller's error.</summary>
    public static long? Field(Duration d, string name) => name.ToLowerInvariant() switch
    {
        "years" => d.Months / 12,
        "months" => d.Months,
        "monthsofyear" => d.Months % 12,
        "monthsofquarter" => d.Months % 3,
        "quarters" => d.Months / 3,
        "quartersofyear" => d.Months / 3 % 4,
        "weeks" => d.Days / 7,
        "daysofweek" => d.Days % 7,
        "days" => d.Days,
        "hours" => d.Seconds / 3600,
        "minutesofhour" => d.Seconds / 60 % 60,
        "minutes" => d.Seconds / 60,
        "secondsofminute" => d.Seconds % 60,
        "seconds" => d.Seconds,
        "millisecondsofsecond" => d.Nanoseconds / 1_000_000,
        "milliseconds" => checked(d.Seconds * 1000 + d.Nanoseconds / 1_000_000),
        "microsecondsofsecond" => d.Nanoseconds / 1000,
        "microseconds" => checked(d.Seconds * 1_000_000 + d.Nanoseconds / 1000),
        "nanosecondsofsecond" => d.Nanoseconds,
        "nanoseconds" => checked(d.Seconds * CalendarMath.NanosPerSecond + d.Nanoseconds),
        _ => null,
    };

    /// <summary>ORDER BY between durations: by average length (a month is 2,629,746 s), then nanoseconds, then the parts.</summary>
    public static int Compare(Duration a, Duration b)
    {
        var c = AverageLength(a).CompareTo(AverageLength(b));
        if (c != 0) return c;
        c = a.Nanoseconds.CompareTo(b.Nanoseconds);
        if (c != 0) return c;
        c = a.Months.CompareTo(b.Months);
        if (c != 0) return c;
        c = a.Days.CompareTo(b.Days);
        return c != 0 ? c : a.Seconds.CompareTo(b.Seconds);
    }

    private static Int128 AverageLength(Duration d) => (Int128)d.Seconds + (Int128)d.Days * CalendarMath.SecondsPerDay + (Int128)d.Months * AverageSecondsPerMonth;
}
