using System.Globalization;

namespace Graph.Bench;

/// <summary>
/// A digest of one statement's rows, their values and not only their count, so that the sides (ours, the arrays, Kùzu's
/// script, which computes the same in kuzu/bench.mjs) can be compared after their timed runs. Each cell is written in a
/// canonical text (a type tag and the value: a string as itself, an integral number as its decimal digits whether it
/// came as a long or as a JavaScript number, a fraction in its shortest round-trip form, null as "n"), cells end with
/// U+001F, and the row's text is hashed into two 32-bit lanes (FNV-1a and a Murmur-style multiply-shift, each finished
/// with Murmur3's mixer). Rows combine by adding their hashes (order-insensitive: a multiset, for statements without
/// ORDER BY) or by multiply-adding them in order (for statements with ORDER BY). 64 bits catch a differing value; they
/// are no defence against a side built to collide.
/// </summary>
public sealed class RowDigest
{
    private readonly bool _ordered;
    private uint _rowFnv, _rowMix, _sumFnv, _sumMix;
    private long _rows;

    public RowDigest(bool ordered)
    {
        _ordered = ordered;
        StartRow();
    }

    /// <summary>Rows added so far.</summary>
    public long Rows => _rows;

    /// <summary>A string cell.</summary>
    public void Add(string? value)
    {
        if (value is null)
        {
            AddNull();
            return;
        }
        Char('s');
        foreach (var c in value) Char(c);
        Char('\u001f');
    }

    /// <summary>An integral number cell (a count, a sign, a hop count).</summary>
    public void Add(long value)
    {
        Char('i');
        Span<char> digits = stackalloc char[24];
        value.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
        foreach (var c in digits[..written]) Char(c);
        Char('\u001f');
    }

    public void AddNull()
    {
        Char('n');
        Char('\u001f');
    }

    /// <summary>Any value as our engine returns it: strings, integers, floating point numbers, booleans, null.</summary>
    public void AddValue(object? value)
    {
        switch (value)
        {
            case null: AddNull(); break;
            case string s: Add(s); break;
            case long l: Add(l); break;
            case int i: Add(i); break;
            case double d when IsExactInteger(d): Add((long)d); break;
            case double d: Text('f', d.ToString("R", CultureInfo.InvariantCulture)); break;
            case bool b: Text('b', b ? "true" : "false"); break;
            default: Text('o', Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""); break;
        }
    }

    /// <summary>A double that holds an integer a JavaScript number holds exactly is written as that integer (as Kùzu's script does).</summary>
    private static bool IsExactInteger(double d) => Math.Abs(d) <= 9007199254740992.0 && Math.Floor(d) == d;

    private void Text(char tag, string text)
    {
        Char(tag);
        foreach (var c in text) Char(c);
        Char('\u001f');
    }

    /// <summary>Ends the current row: its hash joins the digest.</summary>
    public void EndRow()
    {
        var (a, b) = (Finish(_rowFnv), Finish(_rowMix));
        if (_ordered)
        {
            _sumFnv = _sumFnv * 0x01000193u + a;
            _sumMix = _sumMix * 0x9E3779B1u + b;
        }
        else
        {
            _sumFnv += a;
            _sumMix += b;
        }
        _rows++;
        StartRow();
    }

    /// <summary>"rows:hex16", e.g. "12:0f3a…"; equal digests mean equal rows (up to a 64-bit collision).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{_rows}:{_sumFnv:x8}{_sumMix:x8}");

    private void StartRow() => (_rowFnv, _rowMix) = (2166136261u, 0x9747b28cu);

    private void Char(char c)
    {
        _rowFnv = (_rowFnv ^ c) * 16777619u;
        _rowMix = (_rowMix ^ c) * 0x5bd1e995u;
        _rowMix ^= _rowMix >> 15;
    }

    /// <summary>Murmur3's 32-bit finalizer.</summary>
    private static uint Finish(uint h)
    {
        h ^= h >> 16;
        h *= 0x85ebca6bu;
        h ^= h >> 13;
        h *= 0xc2b2ae35u;
        h ^= h >> 16;
        return h;
    }

    /// <summary>The parameter sets a digest list follows: the workload's, or one empty set for a workload without parameters (a global one).</summary>
    public static IReadOnlyList<Dictionary<string, object?>> EachParameterSet(IReadOnlyList<Dictionary<string, object?>> parameters) =>
        parameters.Count > 0 ? parameters : [new Dictionary<string, object?>()];

    /// <summary>The parameter set's number in a digest list whose entries differ, for a report ("3, 7").</summary>
    public static IEnumerable<int> Differing(IReadOnlyList<string> a, IReadOnlyList<string> b) =>
        Enumerable.Range(0, Math.Max(a.Count, b.Count)).Where(i => i >= a.Count || i >= b.Count || a[i] != b[i]);
}
