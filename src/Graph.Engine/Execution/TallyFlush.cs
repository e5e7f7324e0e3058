using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>
/// Adds the nodes a <see cref="ChainCountOp"/>'s last hop tallied to its groups when what it reads of them is properties
/// only (<see cref="TalliedProperties"/>): the properties of <see cref="BatchSize"/> nodes at a time are read by the store
/// in phases (<see cref="Graph.Storage.StorageTransaction.ReadNodeProperty"/>: the memory accesses of many nodes overlap),
/// a property that a conjunct and a key both read is read once, and an <c>=</c> or <c>&lt;&gt;</c> against a string is
/// asked of the store (<see cref="Graph.Storage.StorageTransaction.TryMatchNodeStrings"/>: decided on 4-byte codes, the
/// strings not touched), whether or not a key reads the property. Then, node by node in the tally's order, the conjuncts
/// are tested in their order and the keys interned (or the node kept for <see cref="TallyNodeGroups"/>), as the per-node
/// flush does through a node value and the compiled expressions.
/// <para>
/// Why the groups and errors are the same: a property read raises no error and changes nothing (the chain is fused only
/// into statements that write nothing), so reading a batch's properties before testing its nodes reads what the compiled
/// conjuncts would, and perhaps properties of nodes an earlier conjunct rejects. A comparison's other operand reads only
/// the start row and nothing random; it is computed where the filter would first compute it — the first conjunct's at the
/// flush's first node, a later one's once a node reaches it — and kept for the flush (one start row, or none read).
/// </para>
/// One per execution of the chain (its buffers); not shared between threads.
/// </summary>
internal sealed class TallyFlush
{
    /// <summary>Nodes read together: enough for the store's phased reads to overlap many nodes' memory accesses.</summary>
    internal const int BatchSize = 64;

    private readonly TalliedProperties _reads;
    private readonly object?[][] _keyValues;
    // a conjunct's values: its own buffer, or a key's when both read the same property (_sharedKey >= 0)
    private readonly object?[][] _conditionValues;
    private readonly int[] _sharedKey;
    private readonly sbyte[][] _matches;
    private readonly bool[] _matched;
    private readonly object?[] _others;
    private readonly bool[] _known;
    // the batch's string codes of the one key, when the nodes go to a TallyNodeGroups by their codes (see ReadCodes)
    private readonly int[] _codes = new int[BatchSize];
    // the batch's answers when the store decided every conjunct (see DecidedOnCodes)
    private readonly bool[] _passes = new bool[BatchSize];

    public TallyFlush(TalliedProperties reads)
    {
        _reads = reads;
        _sharedKey = reads.SharedKey;
        var conditions = reads.Conditions.Length;
        _keyValues = new object?[reads.Keys.Length][];
        for (var k = 0; k < _keyValues.Length; k++) _keyValues[k] = new object?[BatchSize];
        _conditionValues = new object?[conditions][];
        _matches = new sbyte[conditions][];
        for (var i = 0; i < conditions; i++)
        {
            var shared = _sharedKey[i] >= 0;
            _conditionValues[i] = shared ? _keyValues[_sharedKey[i]] : new object?[BatchSize];
            _matches[i] = reads.Conditions[i].TestsEquality ? new sbyte[BatchSize] : [];
        }
        _matched = new bool[conditions];
        _others = new object?[conditions];
        _known = new bool[conditions];
    }

    /// <summary>
    /// Adds each node of <paramref name="tally"/> that passes the conjuncts to <paramref name="groups"/> with its count,
    /// in the tally's order: <paramref name="tuple"/> holds the start row's keys, and gets the node's keys
    /// (<paramref name="nodeKeys"/>: the chain's keys that <see cref="TalliedProperties.Keys"/> read, in that order).
    /// <paramref name="startRow"/>: the row the conjuncts' other operands read. With <paramref name="byNode"/> (the chain's
    /// one key is the one property read for keys) the nodes that pass go there with their key's value, not interned.
    /// </summary>
    public void Flush(QueryContext ctx, NodeTally tally, object?[] startRow, int[] nodeKeys, KeyInterner[] interners, int[] tuple, ITupleSink groups, TallyNodeGroups? byNode = null)
    {
        var mark = ctx.Memory.Values;
        Array.Clear(_known);
        byNode?.BeginFlush();
        try
        {
            for (var start = 0; start < tally.Count; start += BatchSize)
            {
                var n = Math.Min(BatchSize, tally.Count - start);
                var nodes = tally.Nodes.Slice(start, n);
                if (byNode is not null && ReadCodes(ctx, nodes, startRow))
                {
                    if (DecidedOnCodes(n))
                    {
                        // every conjunct of every node decided by the store: the batch's nodes kept in one call
                        ctx.Tick(n);
                        byNode.AddCoded(nodes, _codes.AsSpan(0, n), tally.Counts.Slice(start, n), _passes.AsSpan(0, n));
                        continue;
                    }
                    for (var j = 0; j < n; j++)
                    {
                        ctx.Tick();
                        if (Passes(j, ctx, startRow)) byNode.AddCoded(nodes[j], _codes[j], tally.CountAt(start + j));
                    }
                    continue;
                }
                Read(ctx, nodes, startRow);
                for (var j = 0; j < n; j++)
                {
                    ctx.Tick();
                    if (!Passes(j, ctx, startRow)) continue;
                    if (byNode is not null)
                    {
                        byNode.Add(nodes[j], _keyValues[0][j], tally.CountAt(start + j));
                        continue;
                    }
                    for (var k = 0; k < nodeKeys.Length; k++) tuple[nodeKeys[k]] = interners[nodeKeys[k]].Intern(_keyValues[k][j]);
                    groups.Add(tuple, tally.CountAt(start + j));
                }
            }
        }
        finally
        {
            // the buffers hold no value past the flush (the interners keep the keys)
            foreach (var values in _keyValues) Array.Clear(values);
            foreach (var values in _conditionValues) Array.Clear(values);
            Array.Clear(_others);
            ctx.Memory.ReleaseValuesTo(mark);
        }
    }

    /// <summary>
    /// Whether the store decided every conjunct for each of the batch's <paramref name="n"/> nodes (two strings told
    /// apart or found equal, <see cref="_matches"/>); then <see cref="_passes"/> holds each node's answer, as
    /// <see cref="Passes"/> would give it without evaluating anything (a decided conjunct reads no operand). False:
    /// some node needs <see cref="Passes"/>.
    /// </summary>
    private bool DecidedOnCodes(int n)
    {
        var passes = _passes.AsSpan(0, n);
        passes.Fill(true);
        for (var i = 0; i < _reads.Conditions.Length; i++)
        {
            if (!_matched[i]) return false;
            // a node passes an = when its strings are equal, a <> when they differ
            var passWhen = _reads.Conditions[i].Negated ? (sbyte)0 : (sbyte)1;
            var matches = _matches[i].AsSpan(0, n);
            for (var j = 0; j < matches.Length; j++)
            {
                var match = matches[j];
                if (match < 0) return false;
                passes[j] &= match == passWhen;
            }
        }
        return true;
    }

    /// <summary>The batch's properties: each key's, then each conjunct's that no key reads (matched by the store if it can).</summary>
    private void Read(QueryContext ctx, ReadOnlySpan<long> nodes, object?[] startRow)
    {
        var n = nodes.Length;
        for (var k = 0; k < _reads.Keys.Length; k++) ReadProperty(ctx, _reads.Keys[k], nodes, _keyValues[k].AsSpan(0, n));
        for (var i = 0; i < _reads.Conditions.Length; i++)
        {
            _matched[i] = false;
            var condition = _reads.Conditions[i];
            var id = condition.Key!.Id(ctx.Tokens);
            var values = _conditionValues[i].AsSpan(0, n);
            var shared = _sharedKey[i] >= 0;
            if (id >= 0 && condition.TestsEquality && OtherBeforeTesting(i, ctx, startRow) is string other
                && ctx.Tx.TryMatchNodeStrings(nodes, id, other, _matches[i].AsSpan(0, n)))
            {
                // a key reads the same property (its values are read): the codes still spare the comparison a read
                // of each string (an ally's id is touched later only if its count ties for the top)
                _matched[i] = true;
                if (shared) continue;
                // the store told the strings apart; the other nodes' values are read for the general comparison
                for (var j = 0; j < n; j++) values[j] = _matches[i][j] < 0 ? ctx.Tx.NodeProperty(nodes[j], id) : null;
            }
            else if (!shared) ReadProperty(ctx, condition.Key, nodes, values);
        }
    }

    /// <summary>
    /// For a flush into a <see cref="TallyNodeGroups"/>: the batch's string codes of the one key instead of its values
    /// (<see cref="Graph.Storage.StorageTransaction.TryReadNodeStringCodes"/>), when every conjunct that reads the key is
    /// an <c>=</c> or <c>&lt;&gt;</c> against a string known before testing: each is decided on the codes (a node whose
    /// code differs from the string's holds another string), and a node's value is read only where the codes cannot
    /// decide (no string, or the string's own code). The values the groups need are read at the end, for the groups the
    /// top can return (<see cref="TallyNodeGroups.Settle"/>): an ally's id is not read, stored and kept per node. The
    /// conjuncts on other properties are read as <see cref="Read"/> reads them. False (nothing read): read the values.
    /// </summary>
    private bool ReadCodes(QueryContext ctx, ReadOnlySpan<long> nodes, object?[] startRow)
    {
        if (_reads.Keys.Length != 1) return false;
        var key = _reads.Keys[0].Id(ctx.Tokens);
        if (key < 0) return false;
        for (var i = 0; i < _reads.Conditions.Length; i++)
            if (_sharedKey[i] == 0 && !(_reads.Conditions[i].TestsEquality && OtherBeforeTesting(i, ctx, startRow) is string)) return false;
        var n = nodes.Length;
        var codes = _codes.AsSpan(0, n);
        if (!ctx.Tx.TryReadNodeStringCodes(nodes, key, codes)) return false;
        var keyValues = _keyValues[0];
        // the key's values only where a conjunct needs them; none is kept past the batch's tests
        keyValues.AsSpan(0, n).Clear();
        for (var i = 0; i < _reads.Conditions.Length; i++)
        {
            if (_sharedKey[i] != 0)
            {
                _matched[i] = false;
                var condition = _reads.Conditions[i];
                if (!ReadFor(ctx, condition, nodes, startRow, i)) ReadProperty(ctx, condition.Key!, nodes, _conditionValues[i].AsSpan(0, n));
                continue;
            }
            _matched[i] = true;
            var other = (string)Other(i, ctx, startRow)!;
            var otherCode = Graph.Storage.StorageTransaction.StringCode(other);
            var matches = _matches[i];
            for (var j = 0; j < n; j++)
            {
                var code = codes[j];
                if ((code & 1) == 1 && code != otherCode) matches[j] = 0; // another string
                else if (code == Graph.Storage.StorageTransaction.NoValueCode) matches[j] = -1; // null, as the values hold
                else
                {
                    // the string's own code (the same string, or a collision), or a value of another type: its value
                    var value = keyValues[j] ??= ctx.Tx.NodeProperty(nodes[j], key);
                    matches[j] = value is string s ? string.Equals(s, other) ? (sbyte)1 : (sbyte)0 : (sbyte)-1;
                }
            }
        }
        return true;
    }

    /// <summary>Conjunct <paramref name="i"/> (on a property no key reads) matched by the store as <see cref="Read"/> does; false: not matched.</summary>
    private bool ReadFor(QueryContext ctx, EndCondition condition, ReadOnlySpan<long> nodes, object?[] startRow, int i)
    {
        var id = condition.Key!.Id(ctx.Tokens);
        var n = nodes.Length;
        if (id < 0 || !condition.TestsEquality || OtherBeforeTesting(i, ctx, startRow) is not string other
            || !ctx.Tx.TryMatchNodeStrings(nodes, id, other, _matches[i].AsSpan(0, n))) return false;
        _matched[i] = true;
        var values = _conditionValues[i];
        for (var j = 0; j < n; j++) values[j] = _matches[i][j] < 0 ? ctx.Tx.NodeProperty(nodes[j], id) : null;
        return true;
    }

    private static void ReadProperty(QueryContext ctx, PropertyKey key, ReadOnlySpan<long> nodes, Span<object?> values)
    {
        var id = key.Id(ctx.Tokens);
        if (id < 0) values.Clear();
        else ctx.Tx.ReadNodeProperty(nodes, id, values);
    }

    /// <summary>The conjuncts of the batch's node <paramref name="j"/>, in order, as <see cref="ChainFilter.Passes"/> reads their values.</summary>
    private bool Passes(int j, QueryContext ctx, object?[] startRow)
    {
        for (var i = 0; i < _reads.Conditions.Length; i++)
        {
            var condition = _reads.Conditions[i];
            if (_matched[i] && _matches[i][j] is var match and >= 0)
            {
                // two strings: ordinal equality, or its negation (a Boolean: passes when true)
                if ((match == 1) == condition.Negated) return false;
                continue;
            }
            var other = Other(i, ctx, startRow);
            var property = _conditionValues[i][j];
            object? value;
            if (condition.TestsEquality && property is string p && other is string o)
                value = CypherValues.Bool(string.Equals(p, o) != condition.Negated); // as above, the strings at hand
            else value = condition.EndOnLeft ? condition.Compare!(property, other) : condition.Compare!(other, property);
            if (!ChainFilter.Passes(value)) return false;
        }
        return true;
    }

    /// <summary>
    /// Conjunct <paramref name="i"/>'s other operand before its nodes are tested, or null when the filter might not have
    /// computed it yet: the first conjunct's is computed at the first node whatever it is, a later one's only once a node
    /// has reached it.
    /// </summary>
    private object? OtherBeforeTesting(int i, QueryContext ctx, object?[] startRow) => i == 0 || _known[i] ? Other(i, ctx, startRow) : null;

    private object? Other(int i, QueryContext ctx, object?[] startRow)
    {
        if (_known[i]) return _others[i];
        _known[i] = true;
        return _others[i] = _reads.Conditions[i].Other!(startRow, ctx);
    }
}
