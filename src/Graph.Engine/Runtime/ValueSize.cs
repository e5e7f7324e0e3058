namespace Graph.Engine.Runtime;

/// <summary>
/// Estimates of what runtime values occupy on the managed heap (64-bit .NET: 16-byte object header, 8-byte references),
/// for the statement memory limit. Estimates, not measurements: boxed small integers and strings shared with the store are
/// counted as if they were the statement's own, so the limit errs on the side of stopping early.
/// </summary>
internal static class ValueSize
{
    public const long Boxed = 24;
    public const long Node = 24;
    public const long Relationship = 48;
    public const long SetEntry = 24;
    /// <summary>A Dictionary entry (hash, next, key, value) plus its bucket.</summary>
    public const long DictionaryEntry = 32;
    private const long ListObject = 32;
    private const long DictionaryObject = 80;

    public static long Array(long length) => 24 + 8 * length;

    public static long String(int length) => 24 + 2L * length;

    public static long List(long count) => ListObject + Array(count);

    public static long Map(long count) => DictionaryObject + DictionaryEntry * count;

    /// <summary>The value's own object, not what it refers to (the elements of a list are counted where they were built).</summary>
    public static long Shallow(object? value) => value switch
    {
        null or bool => 0,
        long or double => Boxed,
        string s => String(s.Length),
        NodeValue => Node,
        RelValue => Relationship,
        RangeList => ListObject,
        PathValue p => 32 + Array(p.Nodes.Length) + Array(p.Rels.Length) + Node * p.Nodes.Length + Relationship * p.Rels.Length,
        IReadOnlyList<object?> l => List(l.Count),
        IReadOnlyDictionary<string, object?> m => Map(m.Count),
        _ => 64,
    };

    /// <summary>A string's size, nothing when <paramref name="account"/> has counted this (large) string already.</summary>
    public static long OfString(string s, MemoryAccount? account = null) =>
        account is null || account.FirstSight(s, s.Length / 8) ? String(s.Length) : 0;

    /// <summary>The value with everything it refers to. Large parts already counted by <paramref name="account"/> cost nothing again.</summary>
    public static long Of(object? value, MemoryAccount? account = null)
    {
        switch (value)
        {
            // the common scalars first: exact type tests are cheaper than the interface tests below
            case null or bool: return 0;
            case long or double: return Boxed;
            case NodeValue: return Node;
            case RelValue: return Relationship;
            case string s:
                return OfString(s, account);
            case RangeList:
                return ListObject;
            case IReadOnlyList<object?> list:
                {
                    if (account is not null && !account.FirstSight(list, list.Count)) return 0;
                    StackGuard.Ensure();
                    var bytes = List(list.Count);
                    for (var i = 0; i < list.Count; i++) bytes += Of(list[i], account);
                    return bytes;
                }
            case IReadOnlyDictionary<string, object?> map:
                {
                    if (account is not null && !account.FirstSight(map, map.Count)) return 0;
                    StackGuard.Ensure();
                    var bytes = Map(map.Count);
                    foreach (var (_, v) in map) bytes += Of(v, account);
                    return bytes;
                }
            default:
                return Shallow(value);
        }
    }
}
