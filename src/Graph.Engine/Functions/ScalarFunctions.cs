using System.Globalization;
using Graph.Client;
using Graph.Engine.Runtime;

namespace Graph.Engine.Functions;

/// <summary>Cypher's built-in scalar functions (string, list, math, graph, conversion).</summary>
internal static class ScalarFunctions
{
    private static readonly Dictionary<string, FunctionDefinition> Registry = new(StringComparer.OrdinalIgnoreCase);

    public static bool TryGet(string name, out FunctionDefinition definition) => Registry.TryGetValue(name, out definition!);

    public static IEnumerable<string> Names => Registry.Keys;

    private static void Def(string name, int min, int max, ScalarFunction f, bool nonDeterministic = false) =>
        Registry[name] = new FunctionDefinition(name, min, max, f, nonDeterministic);

    /// <summary>A one-argument function that maps null to null (callable without an argument array, see <see cref="FunctionDefinition.Unary"/>).</summary>
    private static void Def1(string name, Func<object, QueryContext, object?> f, bool returnsHeld = false) =>
        Registry[name] = new FunctionDefinition(name, 1, 1, (a, c) => a[0] is null ? null : f(a[0]!, c), Unary: f, ReturnsHeld: returnsHeld);

    private static void Math1(string name, Func<double, double> f) =>
        Def1(name, (v, _) => v is long or double ? f(CypherValues.ToDouble(v)) : throw Expect(name, v, "a number"));

    private static ClientException Expect(string fn, object? v, string what) => CypherErrors.InvalidArgumentType(fn + "()", v, what);

    static ScalarFunctions()
    {
        // ---------------------------------------------------------------- general
        Def("coalesce", 1, int.MaxValue, (a, _) => a.FirstOrDefault(v => v is not null));
        Def1("size", (v, _) => v switch
        {
            string s => CypherValues.Int(new StringInfo(s).LengthInTextElements),
            IReadOnlyList<object?> l => CypherValues.Int(l.Count),
            _ => throw Expect("size", v, "a String or a List"),
        });
        Def1("length", (v, _) => v switch
        {
            PathValue p => CypherValues.Int(p.Length),
            string s => CypherValues.Int(s.Length),
            _ => throw Expect("length", v, "a Path"),
        });
        Def1("isEmpty", (v, _) => v switch
        {
            string s => CypherValues.Bool(s.Length == 0),
            IReadOnlyList<object?> l => CypherValues.Bool(l.Count == 0),
            IReadOnlyDictionary<string, object?> m => CypherValues.Bool(m.Count == 0),
            _ => throw Expect("isEmpty", v, "a String, List or Map"),
        });
        Def1("head", (v, _) => v is IReadOnlyList<object?> l ? (l.Count > 0 ? l[0] : null) : throw Expect("head", v, "a List"));
        Def1("last", (v, _) => v is IReadOnlyList<object?> l ? (l.Count > 0 ? l[^1] : null) : throw Expect("last", v, "a List"));
        Def1("tail", (v, c) => v is IReadOnlyList<object?> l ? Copied(l, c, "tail()").Skip(1).ToList() : throw Expect("tail", v, "a List"));
        Def1("reverse", (v, c) => v switch
        {
            string s => new string(s.Reverse().ToArray()),
            IReadOnlyList<object?> l => Enumerable.Reverse(Copied(l, c, "reverse()")).ToList(),
            _ => throw Expect("reverse", v, "a String or a List"),
        });
        Def("range", 2, 3, (a, _) => Range(a));
        Def1("keys", (v, c) => v switch
        {
            NodeValue n => c.NodeProperties(n).Keys.Cast<object?>().ToList(),
            RelValue r => c.RelProperties(r).Keys.Cast<object?>().ToList(),
            IReadOnlyDictionary<string, object?> m => m.Keys.Cast<object?>().ToList(),
            Graph.Client.Node virtualNode => virtualNode.Properties.Keys.Cast<object?>().ToList(),
            Graph.Client.Relationship virtualRel => virtualRel.Properties.Keys.Cast<object?>().ToList(),
            _ => throw Expect("keys", v, "a Node, Relationship or Map"),
        });
        Def1("properties", (v, c) => v switch
        {
            NodeValue n => c.NodeProperties(n),
            RelValue r => c.RelProperties(r),
            IReadOnlyDictionary<string, object?> m => m,
            Graph.Client.Node virtualNode => virtualNode.Properties,
            Graph.Client.Relationship virtualRel => virtualRel.Properties,
            _ => throw Expect("properties", v, "a Node, Relationship or Map"),
        });
        // Graph.Client.Node/Relationship are the virtual entities procedures return (db.schema.visualization)
        Def1("labels", (v, c) => v switch
        {
            NodeValue n => c.NodeLabels(n),
            Graph.Client.Node virtualNode => virtualNode.Labels.Cast<object?>().ToList(),
            _ => throw Expect("labels", v, "a Node"),
        });
        Def1("type", (v, c) => v switch
        {
            RelValue r => c.RelTypeName(r),
            Graph.Client.Relationship virtualRel => virtualRel.Type,
            _ => throw Expect("type", v, "a Relationship"),
        }, returnsHeld: true); // the registry's name (or the virtual relationship's): nothing built per row
        Def1("id", (v, _) => v switch
        {
            NodeValue n => CypherValues.Int(n.Id),
            RelValue r => CypherValues.Int(r.Id),
            _ => throw Expect("id", v, "a Node or Relationship"),
        });
        Def1("elementId", (v, _) => v switch
        {
            NodeValue n => ElementIds.Node(n.Id),
            RelValue r => ElementIds.Relationship(r.Id),
            Graph.Client.Node virtualNode => virtualNode.ElementId,
            Graph.Client.Relationship virtualRel => virtualRel.ElementId,
            _ => throw Expect("elementId", v, "a Node or Relationship"),
        });
        Def1("startNode", (v, _) => v is RelValue r ? new NodeValue(r.Start) : throw Expect("startNode", v, "a Relationship"));
        Def1("endNode", (v, _) => v is RelValue r ? new NodeValue(r.End) : throw Expect("endNode", v, "a Relationship"));
        Def1("nodes", (v, _) => v is PathValue p ? p.Nodes.Cast<object?>().ToList() : throw Expect("nodes", v, "a Path"));
        Def1("relationships", (v, _) => v is PathValue p ? p.Rels.Cast<object?>().ToList() : throw Expect("relationships", v, "a Path"));
        Def("timestamp", 0, 0, (_, _) => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), true);
        Def("randomUUID", 0, 0, (_, _) => Guid.NewGuid().ToString(), true);

        // ---------------------------------------------------------------- temporal
        TemporalFunctions.Register((name, min, max, f, nonDeterministic) => Def(name, min, max, f, nonDeterministic));

        // ---------------------------------------------------------------- conversion
        Def1("toString", (v, _) => v switch
        {
            string or long or double or bool => ToCypherString(v),
            ITemporalValue t => t.ToString(),
            _ => throw Expect("toString", v, "a String, number, Boolean or temporal value"),
        });
        Def1("toStringOrNull", (v, _) => v is string or long or double or bool ? ToCypherString(v) : v is ITemporalValue t ? t.ToString() : null);
        Def1("toInteger", (v, _) => ToInteger(v, true));
        Def1("toIntegerOrNull", (v, _) => ToInteger(v, false));
        Def1("toFloat", (v, _) => ToFloat(v, true));
        Def1("toFloatOrNull", (v, _) => ToFloat(v, false));
        Def1("toBoolean", (v, _) => ToBoolean(v, true));
        Def1("toBooleanOrNull", (v, _) => ToBoolean(v, false));
        Def1("toIntegerList", (v, c) => v is IReadOnlyList<object?> l ? Copied(l, c, "toIntegerList()", boxed: true).Select(x => x is null ? null : ToInteger(x, false)).ToList() : throw Expect("toIntegerList", v, "a List"));
        Def1("toFloatList", (v, c) => v is IReadOnlyList<object?> l ? Copied(l, c, "toFloatList()", boxed: true).Select(x => x is null ? null : ToFloat(x, false)).ToList() : throw Expect("toFloatList", v, "a List"));
        Def1("toStringList", (v, c) => v is IReadOnlyList<object?> l ? Copied(l, c, "toStringList()", boxed: true).Select(x => x is string or long or double or bool ? ToCypherString(x) : x is ITemporalValue t ? t.ToString() : null).ToList() : throw Expect("toStringList", v, "a List"));
        Def1("toBooleanList", (v, c) => v is IReadOnlyList<object?> l ? Copied(l, c, "toBooleanList()").Select(x => x is null ? null : ToBoolean(x, false)).ToList() : throw Expect("toBooleanList", v, "a List"));

        // ---------------------------------------------------------------- math
        Def1("abs", (v, _) => v switch
        {
            long l when l == long.MinValue => throw CypherErrors.IntegerOverflow("abs"),
            long l => CypherValues.Int(Math.Abs(l)),
            double d => Math.Abs(d),
            _ => throw Expect("abs", v, "a number"),
        });
        Def1("sign", (v, _) => v switch
        {
            long l => CypherValues.Int(Math.Sign(l)),
            double d => double.IsNaN(d) ? CypherValues.Int(0) : CypherValues.Int(Math.Sign(d)),
            _ => throw Expect("sign", v, "a number"),
        });
        Def1("ceil", (v, _) => v is long or double ? Math.Ceiling(CypherValues.ToDouble(v)) : throw Expect("ceil", v, "a number"));
        Def1("floor", (v, _) => v is long or double ? Math.Floor(CypherValues.ToDouble(v)) : throw Expect("floor", v, "a number"));
        Def("round", 1, 3, (a, _) => Round(a));
        Math1("sqrt", Math.Sqrt);
        Math1("exp", Math.Exp);
        Math1("log", Math.Log);
        Math1("log10", Math.Log10);
        Math1("sin", Math.Sin);
        Math1("cos", Math.Cos);
        Math1("tan", Math.Tan);
        Math1("cot", x => 1 / Math.Tan(x));
        Math1("asin", Math.Asin);
        Math1("acos", Math.Acos);
        Math1("atan", Math.Atan);
        Math1("degrees", x => x * 180.0 / Math.PI);
        Math1("radians", x => x * Math.PI / 180.0);
        Math1("haversin", x => (1 - Math.Cos(x)) / 2);
        Def("atan2", 2, 2, (a, _) => a[0] is null || a[1] is null ? null
            : a[0] is long or double && a[1] is long or double ? Math.Atan2(CypherValues.ToDouble(a[0]!), CypherValues.ToDouble(a[1]!))
            : throw Expect("atan2", a[0] is long or double ? a[1] : a[0], "a number"));
        Def("pi", 0, 0, (_, _) => Math.PI);
        Def("e", 0, 0, (_, _) => Math.E);
        Def("rand", 0, 0, (_, _) => Random.Shared.NextDouble(), true);

        // ---------------------------------------------------------------- strings
        Def1("toUpper", (v, _) => v is string s ? s.ToUpperInvariant() : throw Expect("toUpper", v, "a String"));
        Def1("toLower", (v, _) => v is string s ? s.ToLowerInvariant() : throw Expect("toLower", v, "a String"));
        Def1("trim", (v, _) => v is string s ? s.Trim() : throw Expect("trim", v, "a String"));
        Def1("ltrim", (v, _) => v is string s ? s.TrimStart() : throw Expect("ltrim", v, "a String"));
        Def1("rtrim", (v, _) => v is string s ? s.TrimEnd() : throw Expect("rtrim", v, "a String"));
        Def("left", 2, 2, (a, _) => Left(a));
        Def("right", 2, 2, (a, _) => Right(a));
        Def("substring", 2, 3, (a, _) => Substring(a));
        Def("replace", 3, 3, (a, c) =>
        {
            if (a[0] is null || a[1] is null || a[2] is null) return null;
            if (a[0] is not string s) throw Expect("replace", a[0], "a String");
            if (a[1] is not string find) throw Expect("replace", a[1], "a String");
            if (a[2] is not string with) throw Expect("replace", a[2], "a String");
            if (find.Length == 0) return s;
            // the result can be far longer than the input (every character replaced by a long string): sized first
            var occurrences = 0L;
            for (var i = s.IndexOf(find, StringComparison.Ordinal); i >= 0; i = s.IndexOf(find, i + find.Length, StringComparison.Ordinal)) occurrences++;
            c.Memory.EnsureAvailable(ValueSize.String(0) + 2 * (s.Length + occurrences * (with.Length - find.Length)), "replace()");
            return s.Replace(find, with, StringComparison.Ordinal);
        });
        Def("split", 2, 2, (a, c) =>
        {
            if (a[0] is null || a[1] is null) return null;
            if (a[0] is not string s) throw Expect("split", a[0], "a String");
            List<object?> parts;
            if (a[1] is string sep)
            {
                // at most one part per character: checked before the parts are made
                c.Memory.EnsureAvailable(ValueSize.List(s.Length + 1L) + ValueSize.String(0) * (s.Length + 1L) + 2L * s.Length, "split()");
                parts = (sep.Length == 0 ? s.Select(ch => (object?)ch.ToString()) : s.Split(sep).Select(x => (object?)x)).ToList();
            }
            else if (a[1] is IReadOnlyList<object?> seps)
            {
                c.Memory.EnsureAvailable(ValueSize.List(s.Length + 1L) + ValueSize.String(0) * (s.Length + 1L) + 2L * s.Length, "split()");
                parts = s.Split(seps.OfType<string>().ToArray(), StringSplitOptions.None).Select(x => (object?)x).ToList();
            }
            else throw Expect("split", a[1], "a String");
            // the list itself is counted by the caller; the parts are new strings
            c.Memory.ReserveValue(ValueSize.String(0) * parts.Count + 2L * (s.Length - (parts.Count - 1)));
            return parts;
        });
    }

    // ------------------------------------------------------------------ helpers

    /// <summary>A list about to be copied, after checking that the copy fits the statement's memory (a range can be huge).</summary>
    private static IReadOnlyList<object?> Copied(IReadOnlyList<object?> list, QueryContext ctx, string function, bool boxed = false)
    {
        ctx.Memory.EnsureAvailable(ValueSize.List(list.Count) + (boxed || list is RangeList ? ValueSize.Boxed * (long)list.Count : 0), function);
        return list;
    }

    public static string ToCypherString(object? v) => v switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => ValueFormatter.FormatFloat(d),
        _ => CypherValues.Describe(v),
    };

    private static object? ToInteger(object v, bool strict)
    {
        switch (v)
        {
            case long: return v;
            case double d:
                if (double.IsNaN(d) || double.IsInfinity(d) || d >= 9.2233720368547758E18 || d < -9.2233720368547758E18)
                    return strict ? throw CypherErrors.Arithmetic("NumberOutOfRange", $"toInteger(): {ValueFormatter.FormatFloat(d)} does not fit in an Integer.") : null;
                return CypherValues.Int((long)Math.Truncate(d));
            case bool b: return CypherValues.Int(b ? 1 : 0);
            case string s:
                {
                    var t = s.Trim();
                    if (long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return CypherValues.Int(l);
                    if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var d2) && !double.IsNaN(d2) && !double.IsInfinity(d2)
                        && d2 < 9.2233720368547758E18 && d2 >= -9.2233720368547758E18)
                        return CypherValues.Int((long)Math.Truncate(d2));
                    return null;
                }
            default:
                return strict ? throw Expect("toInteger", v, "a String, number or Boolean") : null;
        }
    }

    private static object? ToFloat(object v, bool strict)
    {
        switch (v)
        {
            case double: return v;
            case long l: return (double)l;
            case string s:
                return double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
            default:
                return strict ? throw Expect("toFloat", v, "a String or a number") : null;
        }
    }

    private static object? ToBoolean(object v, bool strict)
    {
        switch (v)
        {
            case bool: return v;
            case string s:
                var t = s.Trim();
                if (t.Equals("true", StringComparison.OrdinalIgnoreCase)) return CypherValues.True;
                if (t.Equals("false", StringComparison.OrdinalIgnoreCase)) return CypherValues.False;
                return null;
            case long l: return CypherValues.Bool(l != 0);
            default:
                return strict ? throw Expect("toBoolean", v, "a String, Integer or Boolean") : null;
        }
    }

    private static object? Range(object?[] a)
    {
        for (var i = 0; i < a.Length; i++)
            if (a[i] is not long) throw Expect("range", a[i], "an Integer");
        var start = (long)a[0]!;
        var end = (long)a[1]!;
        var step = a.Length > 2 ? (long)a[2]! : 1L;
        if (step == 0) throw CypherErrors.ArgumentError("InvalidArgumentValue", "range(): the step must not be zero.");
        // in 128 bits: the distance between two longs, and the step's negation, can overflow 64
        var span = step > 0 ? (Int128)end - start : (Int128)start - end;
        var count = span < 0 ? 0 : span / (step > 0 ? step : -(Int128)step) + 1;
        if (count > int.MaxValue)
            throw CypherErrors.ArgumentError("InvalidArgumentValue", $"range(): {count} elements is more than a list can hold ({int.MaxValue:N0}).");
        return new RangeList(start, step, (int)count);
    }

    private static object? Round(object?[] a)
    {
        if (a[0] is null) return null;
        if (a[0] is not (long or double)) throw Expect("round", a[0], "a number");
        var x = CypherValues.ToDouble(a[0]!);
        if (a.Length == 1) return Math.Floor(x + 0.5); // Cypher rounds half up (towards positive infinity)
        if (a[1] is null) return null;
        if (a[1] is not long precision) throw Expect("round", a[1], "an Integer precision");
        var mode = a.Length > 2 ? a[2] as string ?? throw Expect("round", a[2], "a rounding mode String") : "HALF_UP";
        var m = mode.ToUpperInvariant() switch
        {
            "HALF_UP" => MidpointRounding.AwayFromZero,
            "HALF_EVEN" => MidpointRounding.ToEven,
            "HALF_DOWN" => MidpointRounding.ToZero,
            "UP" => MidpointRounding.AwayFromZero,
            "DOWN" => MidpointRounding.ToZero,
            "CEILING" => MidpointRounding.ToPositiveInfinity,
            "FLOOR" => MidpointRounding.ToNegativeInfinity,
            _ => throw CypherErrors.ArgumentError("InvalidArgumentValue", $"round(): unknown rounding mode '{mode}'."),
        };
        if (double.IsNaN(x) || double.IsInfinity(x)) return x;
        var dec = (decimal)x;
        decimal r;
        switch (mode.ToUpperInvariant())
        {
            case "UP": r = RoundDirected(dec, (int)precision, away: true); break;
            case "DOWN": r = RoundDirected(dec, (int)precision, away: false); break;
            case "CEILING": r = RoundDirectedInf(dec, (int)precision, up: true); break;
            case "FLOOR": r = RoundDirectedInf(dec, (int)precision, up: false); break;
            default: r = Math.Round(dec, (int)Math.Clamp(precision, 0, 28), m); break;
        }
        return (double)r;
    }

    private static decimal RoundDirected(decimal d, int precision, bool away)
    {
        var f = (decimal)Math.Pow(10, precision);
        var t = decimal.Truncate(d * f);
        if (away && t != d * f) t += Math.Sign(d);
        return t / f;
    }

    private static decimal RoundDirectedInf(decimal d, int precision, bool up)
    {
        var f = (decimal)Math.Pow(10, precision);
        return (up ? decimal.Ceiling(d * f) : decimal.Floor(d * f)) / f;
    }

    private static object? Left(object?[] a)
    {
        if (a[0] is null) return null;
        if (a[0] is not string s) throw Expect("left", a[0], "a String");
        if (a[1] is not long n) throw Expect("left", a[1], "an Integer length");
        if (n < 0) throw CypherErrors.ArgumentError("NegativeIntegerArgument", $"left(): the length must not be negative (got {n}).");
        return s[..(int)Math.Min(n, s.Length)];
    }

    private static object? Right(object?[] a)
    {
        if (a[0] is null) return null;
        if (a[0] is not string s) throw Expect("right", a[0], "a String");
        if (a[1] is not long n) throw Expect("right", a[1], "an Integer length");
        if (n < 0) throw CypherErrors.ArgumentError("NegativeIntegerArgument", $"right(): the length must not be negative (got {n}).");
        return s[(int)(s.Length - Math.Min(n, s.Length))..];
    }

    private static object? Substring(object?[] a)
    {
        if (a[0] is null) return null;
        if (a[0] is not string s) throw Expect("substring", a[0], "a String");
        if (a[1] is not long start) throw Expect("substring", a[1], "an Integer start");
        if (start < 0) throw CypherErrors.ArgumentError("NegativeIntegerArgument", $"substring(): the start must not be negative (got {start}).");
        var from = (int)Math.Min(start, s.Length);
        if (a.Length < 3) return s[from..];
        if (a[2] is not long len) throw Expect("substring", a[2], "an Integer length");
        if (len < 0) throw CypherErrors.ArgumentError("NegativeIntegerArgument", $"substring(): the length must not be negative (got {len}).");
        return s.Substring(from, (int)Math.Min(len, s.Length - from));
    }
}
