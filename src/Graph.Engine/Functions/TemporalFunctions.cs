using Graph.Client;
using Graph.Engine.Runtime;
using Graph.Engine.Runtime.Temporal;
using Instant = Graph.Engine.Runtime.Temporal.Instant;

namespace Graph.Engine.Functions;

/// <summary>
/// The temporal functions: date(), localtime(), time(), localdatetime(), datetime() with their .statement, .transaction,
/// .realtime and .truncate forms, datetime.fromepoch and .fromepochmillis, duration() and duration.between, .inMonths,
/// .inDays, .inSeconds. Without an argument an instant type reads the statement clock in UTC.
/// </summary>
internal static class TemporalFunctions
{
    public delegate void Definer(string name, int min, int max, ScalarFunction f, bool nonDeterministic);

    public static void Register(Definer def)
    {
        foreach (var type in Enum.GetValues<TemporalType>())
        {
            var name = TemporalBuilder.FunctionName(type);
            def(name, 0, 1, (a, ctx) => a.Length == 0 ? TemporalBuilder.Now(type, TemporalClock.Statement(ctx), ZoneSpec.Utc)
                : a[0] is null ? null : TemporalBuilder.Build(type, a[0]!, TemporalClock.Statement(ctx)), true);
            def(name + ".statement", 0, 1, (a, ctx) => Clock(type, a, TemporalClock.Statement(ctx)), true);
            def(name + ".transaction", 0, 1, (a, ctx) => Clock(type, a, TemporalClock.Transaction(ctx)), true);
            def(name + ".realtime", 0, 1, (a, _) => Clock(type, a, TemporalClock.Realtime()), true);
            def(name + ".truncate", 2, 3, (a, _) => a[1] is null ? null
                : TemporalTruncation.Truncate(type, a[0], a[1]!, a.Length > 2 ? MapOrNull(a[2], name + ".truncate") : null), false);
        }
        def("datetime.fromepoch", 2, 2, (a, _) => a[0] is null || a[1] is null ? null
            : TemporalBuilder.Epoch(Integer(a[0], "datetime.fromepoch", "seconds"), Integer(a[1], "datetime.fromepoch", "nanoseconds"), ZoneSpec.Utc), false);
        def("datetime.fromepochmillis", 1, 1, (a, _) =>
        {
            if (a[0] is null) return null;
            var millis = Integer(a[0], "datetime.fromepochmillis", "milliseconds");
            return TemporalBuilder.Epoch(CalendarMath.FloorDiv(millis, 1000), CalendarMath.FloorMod(millis, 1000) * 1_000_000, ZoneSpec.Utc);
        }, false);

        def("duration", 1, 1, (a, _) => a[0] switch
        {
            null => null,
            string s => TemporalParser.ParseDuration(s),
            IReadOnlyDictionary<string, object?> map => DurationFromMap(map),
            Duration d => d,
            var other => throw CypherErrors.InvalidArgumentType("duration()", other, "a String or a Map"),
        }, false);
        def("duration.between", 2, 2, (a, _) => Between(a, "duration.between", TemporalArithmetic.Between), false);
        def("duration.inMonths", 2, 2, (a, _) => Between(a, "duration.inMonths", TemporalArithmetic.InMonths), false);
        def("duration.inDays", 2, 2, (a, _) => Between(a, "duration.inDays", TemporalArithmetic.InDays), false);
        def("duration.inSeconds", 2, 2, (a, _) => Between(a, "duration.inSeconds", TemporalArithmetic.InSeconds), false);
    }

    /// <summary>x.statement(), x.transaction(), x.realtime(): now in UTC, or in the zone given as a string or {timezone: ...}.</summary>
    private static object? Clock(TemporalType type, object?[] a, Instant now)
    {
        if (a.Length == 0) return TemporalBuilder.Now(type, now, ZoneSpec.Utc);
        return a[0] switch
        {
            null => null,
            string zone => TemporalBuilder.Now(type, now, ZoneSpec.Parse(zone)),
            IReadOnlyDictionary<string, object?> map => TemporalBuilder.FromMap(type, TemporalFieldMap.Read(map, TemporalBuilder.FunctionName(type)), now),
            var other => throw CypherErrors.InvalidArgumentType(TemporalBuilder.FunctionName(type) + "()", other, "a time zone String"),
        };
    }

    private static IReadOnlyDictionary<string, object?>? MapOrNull(object? value, string function) => value switch
    {
        null => null,
        IReadOnlyDictionary<string, object?> map => map,
        _ => throw CypherErrors.InvalidArgumentType(function + "()", value, "a Map of components"),
    };

    private static long Integer(object? value, string function, string what) =>
        value as long? ?? throw CypherErrors.InvalidArgumentType(function + "()", value, $"an Integer number of {what}");

    private static object? Between(object?[] a, string function, Func<object, object, Duration> between)
    {
        if (a[0] is null || a[1] is null) return null;
        foreach (var v in a)
            if (v is not ITemporalValue || v is Duration) throw CypherErrors.InvalidArgumentType(function + "()", v, "a temporal instant (date, time, datetime, ...)");
        return between(a[0]!, a[1]!);
    }

    private static Duration DurationFromMap(IReadOnlyDictionary<string, object?> map)
    {
        // Integer components add up exactly; any Float makes the whole map approximate, as in Neo4j.
        long months = 0, days = 0, seconds = 0, nanos = 0;
        double fMonths = 0, fDays = 0, fSeconds = 0, fNanos = 0;
        var approximate = false;
        foreach (var (key, value) in map)
        {
            if (value is null) continue;
            if (value is not (long or double)) throw CypherErrors.TypeError("InvalidArgumentType", $"duration(): '{key}' must be a number, not {CypherValues.TypeName(value)}.");
            var (unit, factor) = key.ToLowerInvariant() switch
            {
                "years" => (0, 12L),
                "months" => (0, 1L),
                "weeks" => (1, 7L),
                "days" => (1, 1L),
                "hours" => (2, 3600L),
                "minutes" => (2, 60L),
                "seconds" => (2, 1L),
                "milliseconds" => (3, 1_000_000L),
                "microseconds" => (3, 1000L),
                "nanoseconds" => (3, 1L),
                _ => throw CypherErrors.ArgumentError("InvalidArgumentValue", $"duration(): no such component '{key}' (years, months, weeks, days, hours, minutes, seconds, milliseconds, microseconds, nanoseconds)."),
            };
            var d = CypherValues.ToDouble(value) * factor;
            switch (unit)
            {
                case 0: fMonths += d; break;
                case 1: fDays += d; break;
                case 2: fSeconds += d; break;
                default: fNanos += d; break;
            }
            if (value is double) approximate = true;
            else
            {
                try
                {
                    var l = checked((long)value * factor);
                    switch (unit)
                    {
                        case 0: months = checked(months + l); break;
                        case 1: days = checked(days + l); break;
                        case 2: seconds = checked(seconds + l); break;
                        default: nanos = checked(nanos + l); break;
                    }
                }
                catch (OverflowException)
                {
                    throw CypherErrors.Arithmetic("InvalidArgumentValue", $"duration(): '{key}' is too large.");
                }
            }
        }
        return approximate ? DurationMath.Approximate(fMonths, fDays, fSeconds, fNanos) : DurationMath.Create(months, days, seconds, nanos);
    }
}
