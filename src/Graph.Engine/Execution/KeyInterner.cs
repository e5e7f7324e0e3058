using System.Runtime.InteropServices;
using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>
/// The values one grouping key of a <see cref="ChainCountOp"/> took, each numbered once. Only identical values share a
/// number (1 and 1.0 do not): the groups they make are merged at the end in the order they appeared, so a group returns
/// the key values of its first path, as a row-by-row grouping does. A relationship type's number is remembered by type
/// id, so type(r) builds no value per relationship.
/// <para>
/// A thread keeps a few returned interners for its next statements (<see cref="Rent"/>): an ally's id numbered for each
/// of thousands of allies grew a dictionary and a list through their doublings in every statement, on the large-object
/// heap from ~5,000 values on. What a kept interner holds is counted as a fresh one's would be: per value numbered.
/// </para>
/// </summary>
internal sealed class KeyInterner
{
    /// <summary>
    /// An interner that numbered more values than this is not kept: its tables would stay large (~0.5 MB at this size)
    /// and a small statement's few lookups would spread over them.
    /// </summary>
    internal const int MaxKept = 1 << 14;

    /// <summary>Interners a thread keeps for its next statements (a chain's keys, one each).</summary>
    private const int SparesKept = 4;

    /// <summary>
    /// An interner that numbered more than <see cref="MaxKept"/> values, up to this many, is kept in one slot for the
    /// whole process (<see cref="s_large"/>, ~10 MB at this size). At a million experts every "endorsements per claim"
    /// statement numbered its 100,000 claim ids in a fresh interner whose tables grew through their doublings on the
    /// large-object heap (~10 MB a statement), which the collector leaves there until its next full collection: with the
    /// store's ~1 GB in that heap, ~200 MB of them at the query phase's peak.
    /// </summary>
    internal const int LargeKept = 1 << 18;

    /// <summary>The one large interner kept (see <see cref="LargeKept"/>), taken only by a thread without spares.</summary>
    private static KeyInterner? s_large;

    [ThreadStatic] private static Stack<KeyInterner>? t_spares;

    private readonly Dictionary<object, int> _ids = new(IdenticalValues.Instance);
    // strings apart, under the ordinal comparison (identical strings are ordinally equal, and a string is identical to
    // no other kind of value): a string key's dictionary hashes without going through the comparer of every kind
    private readonly Dictionary<string, int> _strings = new(StringComparer.Ordinal);
    private readonly List<object?> _values = [];
    private int[] _byType = [];
    private int _nullId = -1;
    private MemoryAccount? _account;

    private KeyInterner() { }

    /// <summary>An empty interner, one the thread kept if any; its values are counted against <paramref name="account"/>.</summary>
    public static KeyInterner Rent(MemoryAccount account)
    {
        var interner = t_spares is { Count: > 0 } spares ? spares.Pop() : Interlocked.Exchange(ref s_large, null) ?? new KeyInterner();
        interner._account = account;
        return interner;
    }

    /// <summary>Its tables grew past <see cref="MaxKept"/> values once (they do not shrink): kept only in the large slot.</summary>
    private bool _grewLarge;

    /// <summary>The process's kept large interner is there (tests).</summary>
    internal static bool LargeIsKept => Volatile.Read(ref s_large) is not null;

    /// <summary>Empties the interner and keeps it for a next <see cref="Rent"/>: a thread's spare, or the process's large slot once it grew past <see cref="MaxKept"/>, none past <see cref="LargeKept"/>; not used after.</summary>
    public void Return()
    {
        _account = null;
        if (_values.Count > LargeKept) return;
        _grewLarge |= _values.Count > MaxKept;
        _ids.Clear();
        _strings.Clear();
        _values.Clear();
        Array.Clear(_byType);
        _nullId = -1;
        MayHoldEquivalents = false;
        // a large one's clear costs its whole bucket array: not a thread's spare, where small statements would pay it
        if (_grewLarge)
        {
            Volatile.Write(ref s_large, this);
            return;
        }
        var spares = t_spares ??= new Stack<KeyInterner>();
        if (spares.Count < SparesKept) spares.Push(this);
    }

    /// <summary>
    /// False while every value numbered is a string, an integer or a boolean: no two of them are equivalent without being
    /// identical, so the groups need no merging at the end. A float, a list or anything else sets it.
    /// </summary>
    public bool MayHoldEquivalents { get; private set; }

    public int Intern(object? value)
    {
        if (value is null)
        {
            if (_nullId < 0) _nullId = Append(null);
            return _nullId;
        }
        if (value is string s)
        {
            // one lookup for a string seen and a string new (an ally's id is new in most calls)
            ref var known = ref CollectionsMarshal.GetValueRefOrAddDefault(_strings, s, out var seen);
            if (seen) return known;
            known = Append(s);
            // as the account's Keep would count it, without the general value walk
            _account!.Reserve(ValueSize.OfString(s, _account) + ValueSize.DictionaryEntry);
            return known;
        }
        if (_ids.TryGetValue(value, out var id)) return id;
        id = Append(value);
        _ids[value] = id;
        if (value is not (string or long or bool)) MayHoldEquivalents = true;
        _account!.Keep(value, ValueSize.DictionaryEntry);
        return id;
    }

    /// <summary>The number of type(r) for a relationship of type <paramref name="type"/>.</summary>
    public int InternType(int type, QueryContext ctx)
    {
        if (type >= 0 && type < _byType.Length && _byType[type] > 0) return _byType[type] - 1;
        var id = Intern(ctx.Tokens.RelationshipTypeName(type));
        if (type < 0) return id;
        if (type >= _byType.Length) Array.Resize(ref _byType, Math.Max(type + 1, _byType.Length * 2));
        _byType[type] = id + 1;
        return id;
    }

    public object? Value(int id) => _values[id];

    /// <summary>Values numbered so far.</summary>
    public int Count => _values.Count;

    private int Append(object? value)
    {
        _values.Add(value);
        return _values.Count - 1;
    }
}
