using System.Globalization;
using Graph.Client;
using Graph.Engine.Runtime.Temporal;

namespace Graph.Engine.Runtime;

/// <summary>Cypher's type names, equality (three-valued), comparability and the global sort order.</summary>
internal static class CypherValues
{
    public static readonly object True = true;
    public static readonly object False = false;
    private static readonly object[] SmallInts = Enumerable.Range(-128, 1152).Select(i => (object)(long)i).ToArray();

    public static object Bool(bool b) => b ? True : False;
    public static object? Bool(bool? b) => b is null ? null : b.Value ? True : False;

    /// <summary>Boxes a long, reusing boxes for small values (counters, indexes, ids in tests).</summary>
    public static object Int(long v) => v is >= -128 and < 1024 ? SmallInts[v + 128] : v;

    public static string TypeName(object? value) => value switch
    {
        null => "Null",
        bool => "Boolean",
        long => "Integer",
        double => "Float",
        string => "String",
        NodeValue or Node => "Node",
        RelValue or Relationship => "Relationship",
        PathValue => "Path",
        ITemporalValue t => t.CypherTypeName,
        IReadOnlyDictionary<string, object?> => "Map",
        IReadOnlyList<object?> => "List",
        byte[] => "ByteArray",
        _ => value.GetType().Name,
    };

    /// <summary>A short rendering of a value for error messages (at most about 80 characters, however large the value).</summary>
    public static string Describe(object? value)
    {
        var sb = new System.Text.StringBuilder();
        Describe(value, sb, MaxDescription + 1);
        return sb.Length > MaxDescription ? sb.ToString(0, MaxDescription - 3) + "..." : sb.ToString();
    }

    private const int MaxDescription = 80;

    /// <summary>Appends until <paramref name="budget"/> characters are written: a list of millions is not rendered whole.</summary>
    private static void Describe(object? value, System.Text.StringBuilder sb, int budget)
    {
        switch (value)
        {
            case null: sb.Append("null"); break;
            case string str: sb.Append('\'').Append(str, 0, Math.Min(str.Length, budget)).Append('\''); break;
            case bool b: sb.Append(b ? "true" : "false"); break;
            case long l: sb.Append(l.ToString(CultureInfo.InvariantCulture)); break;
            case double d: sb.Append(ValueFormatter.FormatFloat(d)); break;
            case NodeValue n: sb.Append("node ").Append(n.Id); break;
            case RelValue r: sb.Append("relationship ").Append(r.Id); break;
            case PathValue p: sb.Append("path of length ").Append(p.Length); break;
            case IReadOnlyDictionary<string, object?> m:
                StackGuard.Ensure();
                sb.Append('{');
                foreach (var (k, v) in m)
                {
                    if (sb.Length >= budget) break;
                    if (sb[^1] != '{') sb.Append(", ");
                    sb.Append(k).Append(": ");
                    Describe(v, sb, budget);
                }
                sb.Append('}');
                break;
            case IReadOnlyList<object?> list:
                StackGuard.Ensure();
                sb.Append('[');
                for (var i = 0; i < list.Count && sb.Length < budget; i++)
                {
                    if (i > 0) sb.Append(", ");
                    Describe(list[i], sb, budget);
                }
                sb.Append(']');
                break;
            default: sb.Append(value.ToString()); break;
        }
    }

    public static bool IsNumber(object? v) => v is long or double;

    public static double ToDouble(object v) => v is long l ? l : (double)v;

    // ------------------------------------------------------------------ equality

    /// <summary>Cypher '=': null when either side is null (or a nested comparison is undecided).</summary>
    public static bool? Equal(object? a, object? b)
    {
        if (a is null || b is null) return null;
        switch (a)
        {
            case long la:
                return b switch { long lb => la == lb, double db => NumEqual(la, db), _ => false };
            case double da:
                return b switch { double db => da == db, long lb => NumEqual(lb, da), _ => false };
            case string sa:
                return b is string sb && string.Equals(sa, sb, StringComparison.Ordinal);
            case bool ba:
                return b is bool bb && ba == bb;
            case NodeValue na:
                return b is NodeValue nb && na.Id == nb.Id;
            case RelValue ra:
                return b is RelValue rb && ra.Id == rb.Id;
            case PathValue pa:
                return b is PathValue pb && pa.Equals(pb);
            case ITemporalValue ta:
                return ta.Equals(b); // records: same type and same parts (a datetime's zone included)
            case IReadOnlyList<object?> xa:
                {
                    if (b is not IReadOnlyList<object?> xb) return false;
                    if (xa.Count != xb.Count) return false;
                    if (xa is RangeList rangeA && xb is RangeList rangeB) return RangeList.SameElements(rangeA, rangeB);
                    StackGuard.Ensure();
                    var undecided = false;
                    for (var i = 0; i < xa.Count; i++)
                    {
                        var e = Equal(xa[i], xb[i]);
                        if (e == false) return false;
                        if (e is null) undecided = true;
                    }
                    return undecided ? null : true;
                }
            case IReadOnlyDictionary<string, object?> ma:
                {
                    if (b is not IReadOnlyDictionary<string, object?> mb) return false;
                    if (ma.Count != mb.Count) return false;
                    StackGuard.Ensure();
                    var undecided = false;
                    foreach (var (k, va) in ma)
                    {
                        if (!mb.TryGetValue(k, out var vb)) return false;
                        var e = Equal(va, vb);
                        if (e == false) return false;
                        if (e is null) undecided = true;
                    }
                    return undecided ? null : true;
                }
            default:
                return a.Equals(b);
        }
    }

    private static bool NumEqual(long l, double d) => !double.IsNaN(d) && (double)l == d && (d >= 9.2233720368547758E18 || d < -9.2233720368547758E18 || (long)d == l);

    // ------------------------------------------------------------------ comparability (<, <=, >, >=)

    /// <summary>Compares two values for the inequality operators: null when they are not comparable (or either is null).</summary>
    public static int? Compare(object? a, object? b)
    {
        if (a is null || b is null) return null;
        switch (a)
        {
            case long la when b is long lb: return la.CompareTo(lb);
            case long or double when b is long or double:
                {
                    if (a is double d1 && double.IsNaN(d1) || b is double d2 && double.IsNaN(d2)) return null;
                    return CompareNumbers(a, b);
                }
            case string sa when b is string sb: return Math.Sign(string.CompareOrdinal(sa, sb));
            case bool ba when b is bool bb: return ba.CompareTo(bb);
            case ITemporalValue ta when b is ITemporalValue: return ta is Duration ? null : TemporalOrder.Compare(ta, b); // durations are not ordered by <
            case IReadOnlyList<object?> xa when b is IReadOnlyList<object?> xb:
                {
                    if (xa is RangeList rangeA && xb is RangeList rangeB) return RangeList.Compare(rangeA, rangeB);
                    StackGuard.Ensure();
                    var n = Math.Min(xa.Count, xb.Count);
                    for (var i = 0; i < n; i++)
                    {
                        var c = Compare(xa[i], xb[i]);
                        if (c is null) return null;
                        if (c != 0) return c;
                    }
                    return xa.Count.CompareTo(xb.Count);
                }
            default: return null;
        }
    }

    /// <summary>The result of a comparison operator as a Cypher value (true, false or null). NaN compares false.</summary>
    public static object? CompareOp(object? a, object? b, Func<int, bool> test)
    {
        if (a is null || b is null) return null;
        if ((a is double da && double.IsNaN(da) && IsNumber(b)) || (b is double db && double.IsNaN(db) && IsNumber(a))) return False;
        var c = Compare(a, b);
        return c is null ? null : Bool(test(c.Value));
    }

    private static int CompareNumbers(object a, object b)
    {
        if (a is long la && b is long lb) return la.CompareTo(lb);
        if (a is double da && b is double db) return da.CompareTo(db);
        // mixed: compare exactly (a double can exceed the long range, and large longs lose precision as doubles)
        if (a is long l1) return -CompareDoubleLong((double)b, l1);
        return CompareDoubleLong((double)a, (long)b);
    }

    private static int CompareDoubleLong(double d, long l)
    {
        if (double.IsNaN(d)) return 1;
        if (d >= 9.2233720368547758E18) return 1;
        if (d < -9.2233720368547758E18) return -1;
        var c = d.CompareTo((double)l);
        if (c != 0) return c;
        var t = Math.Truncate(d);
        var lt = (long)t;
        if (lt != l) return lt.CompareTo(l);
        return (d - t).CompareTo(0.0);
    }

    // ------------------------------------------------------------------ orderability (ORDER BY, min, max)

    private static int OrderClass(object? v) => v switch
    {
        // the commonest first; the classes' numbers give the order
        string => 11,
        long or double => 13,
        null => 15,
        bool => 12,
        NodeValue => 1,
        IReadOnlyDictionary<string, object?> => 0,
        RelValue => 2,
        IReadOnlyList<object?> => 3,
        PathValue => 4,
        ITemporalValue t => 5 + TemporalOrder.Rank(t), // datetime, localdatetime, date, time, localtime, duration: 5 to 10
        _ => 14,
    };

    /// <summary>The total order used by ORDER BY: maps &lt; nodes &lt; relationships &lt; lists &lt; paths &lt; datetimes &lt; local datetimes &lt; dates &lt; times &lt; local times &lt; durations &lt; strings &lt; booleans &lt; numbers (NaN last) &lt; null.</summary>
    public static int Order(object? a, object? b)
    {
        var ca = OrderClass(a);
        var cb = OrderClass(b);
        if (ca != cb) return ca.CompareTo(cb);
        switch (a)
        {
            case null: return 0;
            case long or double:
                {
                    var nanA = a is double x && double.IsNaN(x);
                    var nanB = b is double y && double.IsNaN(y);
                    if (nanA || nanB) return nanA.CompareTo(nanB);
                    return CompareNumbers(a, b!);
                }
            case string sa: return Math.Sign(string.CompareOrdinal(sa, (string)b!));
            case bool ba: return ba.CompareTo((bool)b!);
            case ITemporalValue ta: return TemporalOrder.Compare(ta, b!) ?? 0;
            case NodeValue na: return na.Id.CompareTo(((NodeValue)b!).Id);
            case RelValue ra: return ra.Id.CompareTo(((RelValue)b!).Id);
            case PathValue pa:
                {
                    var pb = (PathValue)b!;
                    var n = Math.Min(pa.Nodes.Length, pb.Nodes.Length);
                    for (var i = 0; i < n; i++)
                    {
                        var c = pa.Nodes[i].Id.CompareTo(pb.Nodes[i].Id);
                        if (c != 0) return c;
                        if (i < pa.Rels.Length && i < pb.Rels.Length)
                        {
                            c = pa.Rels[i].Id.CompareTo(pb.Rels[i].Id);
                            if (c != 0) return c;
                        }
                    }
                    return pa.Nodes.Length.CompareTo(pb.Nodes.Length);
                }
            case IReadOnlyList<object?> xa:
                {
                    var xb = (IReadOnlyList<object?>)b!;
                    if (xa is RangeList rangeA && xb is RangeList rangeB) return RangeList.Compare(rangeA, rangeB);
                    StackGuard.Ensure();
                    var n = Math.Min(xa.Count, xb.Count);
                    for (var i = 0; i < n; i++)
                    {
                        var c = Order(xa[i], xb[i]);
                        if (c != 0) return c;
                    }
                    return xa.Count.CompareTo(xb.Count);
                }
            case IReadOnlyDictionary<string, object?> ma:
                {
                    var mb = (IReadOnlyDictionary<string, object?>)b!;
                    StackGuard.Ensure();
                    var ka = ma.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();
                    var kb = mb.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();
                    var n = Math.Min(ka.Count, kb.Count);
                    for (var i = 0; i < n; i++)
                    {
                        var c = string.CompareOrdinal(ka[i], kb[i]);
                        if (c != 0) return Math.Sign(c);
                        c = Order(ma[ka[i]], mb[kb[i]]);
                        if (c != 0) return c;
                    }
                    return ka.Count.CompareTo(kb.Count);
                }
            default: return 0;
        }
    }

    public static readonly IComparer<object?> OrderComparer = Comparer<object?>.Create(Order);

    // ------------------------------------------------------------------ equivalence (DISTINCT, grouping, IN for null handling)

    /// <summary>Equivalence: like equality, but null ~ null and NaN ~ NaN; used for DISTINCT and grouping keys.</summary>
    public static bool Equivalent(object? a, object? b)
    {
        if (a is null || b is null) return a is null && b is null;
        if (a is double da && double.IsNaN(da)) return b is double db && double.IsNaN(db);
        switch (a)
        {
            case IReadOnlyList<object?> xa:
                {
                    if (b is not IReadOnlyList<object?> xb || xa.Count != xb.Count) return false;
                    if (xa is RangeList rangeA && xb is RangeList rangeB) return RangeList.SameElements(rangeA, rangeB);
                    StackGuard.Ensure();
                    for (var i = 0; i < xa.Count; i++) if (!Equivalent(xa[i], xb[i])) return false;
                    return true;
                }
            case IReadOnlyDictionary<string, object?> ma:
                {
                    if (b is not IReadOnlyDictionary<string, object?> mb || ma.Count != mb.Count) return false;
                    StackGuard.Ensure();
                    foreach (var (k, v) in ma)
                        if (!mb.TryGetValue(k, out var vb) || !Equivalent(v, vb)) return false;
                    return true;
                }
            default:
                return Equal(a, b) == true;
        }
    }

    public static int EquivalenceHash(object? v)
    {
        switch (v)
        {
            case null: return 0;
            case long l: return l.GetHashCode();
            case double d:
                if (double.IsNaN(d)) return 17;
                if (d >= long.MinValue && d < 9.2233720368547758E18 && Math.Truncate(d) == d) return ((long)d).GetHashCode();
                return d.GetHashCode();
            case string s: return s.GetHashCode();
            case IReadOnlyList<object?> list:
                {
                    StackGuard.Ensure();
                    var h = new HashCode();
                    var n = list.Count;
                    h.Add(n);
                    // a long list hashes by its length and its ends: equivalent lists agree there too, and hashing stays
                    // cheap for lists of millions (or a range of billions)
                    var head = n <= 2 * HashedEnds ? n : HashedEnds;
                    for (var i = 0; i < head; i++) h.Add(EquivalenceHash(list[i]));
                    for (var i = Math.Max(head, n - HashedEnds); i < n; i++) h.Add(EquivalenceHash(list[i]));
                    return h.ToHashCode();
                }
            case IReadOnlyDictionary<string, object?> map:
                {
                    StackGuard.Ensure();
                    var h = map.Count;
                    foreach (var (k, e) in map) h ^= HashCode.Combine(k, EquivalenceHash(e));
                    return h;
                }
            default: return v.GetHashCode();
        }
    }

    private const int HashedEnds = 16;

    public static readonly IEqualityComparer<object?> EquivalenceComparer = new EquivalenceEqualityComparer();

    private sealed class EquivalenceEqualityComparer : IEqualityComparer<object?>
    {
        public new bool Equals(object? x, object? y) => Equivalent(x, y);
        public int GetHashCode(object? obj) => EquivalenceHash(obj);
    }

    /// <summary>Compares rows of grouping keys (arrays) by equivalence.</summary>
    public sealed class KeyArrayComparer : IEqualityComparer<object?[]>
    {
        public static readonly KeyArrayComparer Instance = new();
        public bool Equals(object?[]? x, object?[]? y)
        {
            if (x is null || y is null) return x == y;
            for (var i = 0; i < x.Length; i++) if (!Equivalent(x[i], y[i])) return false;
            return true;
        }

        public int GetHashCode(object?[] obj)
        {
            var h = 0;
            foreach (var v in obj) h = h * 31 + EquivalenceHash(v);
            return h;
        }
    }
}
