using System.Text.RegularExpressions;
using Graph.Client;
using Graph.Engine.Runtime.Temporal;

namespace Graph.Engine.Runtime;

/// <summary>Cypher's operators on runtime values: arithmetic (with integer overflow errors), logic (three-valued), strings, lists.</summary>
internal static class Operators
{
    /// <summary>
    /// The longest string an expression may build (64 Mi characters). Repeated doubling (reduce with acc + acc) would
    /// otherwise exhaust memory before the query timeout is next checked.
    /// </summary>
    public const int MaxStringLength = 64 * 1024 * 1024;

    private static string Concat(string a, string b) =>
        (long)a.Length + b.Length <= MaxStringLength
            ? a + b
            : throw new Graph.Client.TransientException(Graph.Client.Neo4jStatus.MemoryPoolOutOfMemory,
                $"A string would grow past {MaxStringLength:N0} characters, the longest the engine builds; the query builds strings too large to hold.") { Phase = Graph.Client.ErrorPhase.Runtime };

    public static object? Add(object? a, object? b)
    {
        if (a is null || b is null) return null;
        switch (a)
        {
            case long la when b is long lb:
                try { return CypherValues.Int(checked(la + lb)); }
                catch (OverflowException) { throw CypherErrors.IntegerOverflow($"{la} + {lb}"); }
            case long or double when b is long or double:
                return CypherValues.ToDouble(a) + CypherValues.ToDouble(b);
            case string sa when b is string sb: return Concat(sa, sb);
            case string sa when b is long or double or bool: return Concat(sa, Functions.ScalarFunctions.ToCypherString(b));
            case long or double or bool when b is string sb: return Concat(Functions.ScalarFunctions.ToCypherString(a), sb);
            case Duration da when b is Duration db: return DurationMath.Add(da, db);
            case ITemporalValue ta when b is Duration db: return TemporalArithmetic.Add(ta, db, 1);
            case Duration da when b is ITemporalValue tb: return TemporalArithmetic.Add(tb, da, 1);
            case IReadOnlyList<object?> xa when b is IReadOnlyList<object?> xb:
                {
                    var r = new List<object?>(xa.Count + xb.Count);
                    r.AddRange(xa);
                    r.AddRange(xb);
                    return r;
                }
            case IReadOnlyList<object?> xa:
                {
                    var r = new List<object?>(xa.Count + 1);
                    r.AddRange(xa);
                    r.Add(b);
                    return r;
                }
        }
        if (b is IReadOnlyList<object?> list)
        {
            var r = new List<object?>(list.Count + 1) { a };
            r.AddRange(list);
            return r;
        }
        throw TypeMismatch("+", a, b);
    }

    public static object? Subtract(object? a, object? b)
    {
        if (a is null || b is null) return null;
        if (a is long la && b is long lb)
        {
            try { return CypherValues.Int(checked(la - lb)); }
            catch (OverflowException) { throw CypherErrors.IntegerOverflow($"{la} - {lb}"); }
        }
        if (CypherValues.IsNumber(a) && CypherValues.IsNumber(b)) return CypherValues.ToDouble(a) - CypherValues.ToDouble(b);
        if (b is Duration db)
        {
            if (a is Duration da) return DurationMath.Subtract(da, db);
            if (a is ITemporalValue ta) return TemporalArithmetic.Add(ta, db, -1);
        }
        throw TypeMismatch("-", a, b);
    }

    public static object? Multiply(object? a, object? b)
    {
        if (a is null || b is null) return null;
        if (a is long la && b is long lb)
        {
            try { return CypherValues.Int(checked(la * lb)); }
            catch (OverflowException) { throw CypherErrors.IntegerOverflow($"{la} * {lb}"); }
        }
        if (CypherValues.IsNumber(a) && CypherValues.IsNumber(b)) return CypherValues.ToDouble(a) * CypherValues.ToDouble(b);
        if (a is Duration da && CypherValues.IsNumber(b)) return DurationMath.Multiply(da, b);
        if (b is Duration db && CypherValues.IsNumber(a)) return DurationMath.Multiply(db, a);
        throw TypeMismatch("*", a, b);
    }

    public static object? Divide(object? a, object? b)
    {
        if (a is null || b is null) return null;
        if (a is long la && b is long lb)
        {
            if (lb == 0) throw CypherErrors.Arithmetic("DivisionByZero", "/ by zero");
            if (la == long.MinValue && lb == -1) throw CypherErrors.IntegerOverflow($"{la} / {lb}");
            return CypherValues.Int(la / lb);
        }
        if (CypherValues.IsNumber(a) && CypherValues.IsNumber(b)) return CypherValues.ToDouble(a) / CypherValues.ToDouble(b);
        if (a is Duration da && CypherValues.IsNumber(b)) return DurationMath.Divide(da, b);
        throw TypeMismatch("/", a, b);
    }

    public static object? Modulo(object? a, object? b)
    {
        if (a is null || b is null) return null;
        if (a is long la && b is long lb)
        {
            if (lb == 0) throw CypherErrors.Arithmetic("DivisionByZero", "% by zero");
            if (lb == -1) return CypherValues.Int(0);
            return CypherValues.Int(la % lb);
        }
        if (CypherValues.IsNumber(a) && CypherValues.IsNumber(b)) return CypherValues.ToDouble(a) % CypherValues.ToDouble(b);
        throw TypeMismatch("%", a, b);
    }

    public static object? Power(object? a, object? b)
    {
        if (a is null || b is null) return null;
        if (CypherValues.IsNumber(a) && CypherValues.IsNumber(b)) return Math.Pow(CypherValues.ToDouble(a), CypherValues.ToDouble(b));
        throw TypeMismatch("^", a, b);
    }

    public static object? Negate(object? a) => a switch
    {
        null => null,
        long l when l == long.MinValue => throw CypherErrors.IntegerOverflow($"-({l})"),
        long l => CypherValues.Int(-l),
        double d => -d,
        Duration d => DurationMath.Negate(d),
        _ => throw CypherErrors.TypeError("InvalidArgumentType", $"Cannot negate a {CypherValues.TypeName(a)} ({CypherValues.Describe(a)})."),
    };

    public static object? UnaryPlus(object? a) => a switch
    {
        null or long or double => a,
        _ => throw CypherErrors.TypeError("InvalidArgumentType", $"Unary + needs a number, not a {CypherValues.TypeName(a)}."),
    };

    private static ClientException TypeMismatch(string op, object a, object b) =>
        CypherErrors.TypeError("InvalidArgumentType",
            $"Cannot apply '{op}' to {CypherValues.TypeName(a)} ({CypherValues.Describe(a)}) and {CypherValues.TypeName(b)} ({CypherValues.Describe(b)}).");

    // ------------------------------------------------------------------ logic

    /// <summary>Interprets a value as a three-valued boolean; anything else is a type error.</summary>
    public static bool? AsBool(object? v, string context) => v switch
    {
        null => null,
        bool b => b,
        _ => throw CypherErrors.TypeError("InvalidArgumentType", $"{context} expects a Boolean but got {CypherValues.TypeName(v)} ({CypherValues.Describe(v)})."),
    };

    public static object? Not(object? a) => AsBool(a, "NOT") is { } b ? CypherValues.Bool(!b) : null;

    public static object? And(bool? a, bool? b) =>
        a == false || b == false ? CypherValues.False : a is null || b is null ? null : CypherValues.True;

    public static object? Or(bool? a, bool? b) =>
        a == true || b == true ? CypherValues.True : a is null || b is null ? null : CypherValues.False;

    public static object? Xor(bool? a, bool? b) =>
        a is null || b is null ? null : CypherValues.Bool(a.Value != b.Value);

    public static object? Equal(object? a, object? b) => CypherValues.Bool(CypherValues.Equal(a, b));

    public static object? NotEqual(object? a, object? b) => CypherValues.Equal(a, b) is { } e ? CypherValues.Bool(!e) : null;

    public static object? LessThan(object? a, object? b) => CypherValues.CompareOp(a, b, c => c < 0);
    public static object? LessThanOrEqual(object? a, object? b) => CypherValues.CompareOp(a, b, c => c <= 0);
    public static object? GreaterThan(object? a, object? b) => CypherValues.CompareOp(a, b, c => c > 0);
    public static object? GreaterThanOrEqual(object? a, object? b) => CypherValues.CompareOp(a, b, c => c >= 0);

    /// <summary>x IN list: true when some element equals x, null when undecided because of nulls, false otherwise.</summary>
    public static object? In(object? x, object? list)
    {
        if (list is null) return null;
        if (list is not IReadOnlyList<object?> items)
            throw CypherErrors.TypeError("InvalidArgumentType", $"IN expects a List on its right side but got {CypherValues.TypeName(list)}.");
        if (items is RangeList range)
        {
            // only integers (and floats equal to one) are in a range; null is undecided in a non-empty one
            return x switch
            {
                null => range.Count == 0 ? CypherValues.False : null,
                long l => CypherValues.Bool(range.Contains(l)),
                double d when d == Math.Floor(d) && d >= -9.2233720368547758E18 && d < 9.2233720368547758E18 => CypherValues.Bool(range.Contains((long)d)),
                _ => CypherValues.False,
            };
        }
        var undecided = false;
        foreach (var item in items)
        {
            var e = CypherValues.Equal(x, item);
            if (e == true) return CypherValues.True;
            if (e is null) undecided = true;
        }
        return undecided ? null : CypherValues.False;
    }

    // ------------------------------------------------------------------ strings

    public static object? StartsWith(object? a, object? b) =>
        a is string s && b is string p ? CypherValues.Bool(s.StartsWith(p, StringComparison.Ordinal)) : null;

    public static object? EndsWith(object? a, object? b) =>
        a is string s && b is string p ? CypherValues.Bool(s.EndsWith(p, StringComparison.Ordinal)) : null;

    public static object? Contains(object? a, object? b) =>
        a is string s && b is string p ? CypherValues.Bool(s.Contains(p, StringComparison.Ordinal)) : null;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Regex> RegexCache = new();

    public static object? RegexMatch(object? a, object? b)
    {
        if (a is not string s || b is not string pattern) return null;
        Regex regex;
        try
        {
            regex = RegexCache.GetOrAdd(pattern, p => new Regex("^(?:" + p + ")$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(5)));
        }
        catch (ArgumentException e)
        {
            throw CypherErrors.ArgumentError("InvalidArgumentValue", $"Invalid regular expression '{pattern}': {e.Message}");
        }
        return CypherValues.Bool(regex.IsMatch(s));
    }
}
