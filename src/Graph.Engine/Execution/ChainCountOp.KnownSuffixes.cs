using Graph.Storage;

namespace Graph.Engine.Execution;

/// <summary>
/// The stances' inner loop: a hop whose far nodes' groups beyond are remembered (a claim's (paradigm, sign) groups),
/// counted straight into the groups' cells.
/// </summary>
internal sealed partial class ChainCountOp
{
    private sealed partial class Run
    {
        // per hop: whether its shape lets EnumerateKnownSuffixes count it (null until asked)
        private bool[]? _knownSuffixShapes;

        /// <summary>
        /// Whether hop <paramref name="hop"/>'s paths into <paramref name="sink"/> may be counted by
        /// <see cref="EnumerateKnownSuffixes"/>: the sink is the groups in dense cells, the next hop remembers its nodes'
        /// groups, and the hop has no conjunct, no uniqueness check, no far-node key and only type(r) keys (so a
        /// relationship's keys are its type's).
        /// </summary>
        private bool CountsKnownSuffixes(int hop, ITupleSink sink)
        {
            if (!ReferenceEquals(sink, Groups) || !Groups.IsDense || hop + 1 >= _memo.Length || _memo[hop + 1] is null) return false;
            _knownSuffixShapes ??= [.. Enumerable.Range(0, _hops.Length).Select(KnownSuffixShape)];
            return _knownSuffixShapes[hop];
        }

        private bool KnownSuffixShape(int hop)
        {
            var shape = _hops[hop];
            return shape.DistinctFrom.Length == 0 && shape.Filters.Length == 0 && _nodeKeys[hop].Length == 0 && _relKeys[hop].All(k => _op._keyTypeOnly[k]);
        }

        /// <summary>
        /// <see cref="EnumerateRead"/> for a hop that <see cref="CountsKnownSuffixes"/>: a far node whose one group beyond is
        /// remembered adds its count to the cell its part and the prefix's give (<see cref="SuffixMemo.CellsOf"/>: the memo's
        /// index read and an array add, as a hand-coded counter's), a remembered table is merged as <see cref="MergeTable"/>
        /// does; a group not made yet for this prefix, and any other node (first visits, not kept), take
        /// <see cref="EnumerateRead"/>'s way. Runs of far nodes whose cells all exist go through <see cref="AddKnownRun"/> first.
        /// The same groups, counts and order of first appearance as <see cref="EnumerateRead"/>.
        /// </summary>
        private long EnumerateKnownSuffixes(int hop, long node, NeighbourList neighbours, int[] tuple, long weight)
        {
            var shape = _hops[hop];
            var next = _memo[hop + 1]!;
            var groups = Groups;
            var others = neighbours.Others;
            var rels = neighbours.Relationships;
            var relTypes = neighbours.Types;
            var relKeys = _relKeys[hop];
            var part = new PrefixPart();
            var type = int.MinValue; // the relationship type whose key ids the tuple holds
            long work = 1;
            for (var i = 0; i < others.Length; i++)
            {
                var other = others[i];
                if (relTypes[i] != type)
                {
                    // a node's relationships come grouped by type: the keys (all type(r)) change only here
                    type = relTypes[i];
                    foreach (var k in relKeys)
                    {
                        var id = RelationshipKeyId(k, rels[i], type);
                        if (tuple[k] != id) part.Changed();
                        tuple[k] = id;
                    }
                }
                // the run of claims whose groups' cells exist, counted in a loop of its own; the general way from where it stops
                var end = AddKnownRun(next, i, others, relTypes, type, part.Of(tuple, groups, groups), weight, ref work);
                if (end > i)
                {
                    _ctx.Tick(end - i);
                    i = end - 1;
                    continue;
                }
                _ctx.Tick();
                work++;
                _relIds[hop] = rels[i];
                switch (next.CellsOf(other, groups, out var single, out var table))
                {
                    case SuffixMemo.KnownCells.Single:
                        // one group counted once, made already for this prefix (else merged whole, as MergeSingle does)
                        if (groups.TryAddToParts(part.Of(tuple, groups, groups), single, weight))
                        {
                            work++;
                            continue;
                        }
                        break;
                    case SuffixMemo.KnownCells.Table:
                        work += MergeTable(table!, hop + 1, tuple, part.Of(tuple, groups, groups), weight, groups);
                        continue;
                    case SuffixMemo.KnownCells.None:
                        continue;
                }
                var known = next.Peek(other);
                if (shape.TargetLabels.Length > 0 && !known.Known && !HasLabels(hop, other)) continue;
                switch (known.Kind)
                {
                    case SuffixMemo.LookupKind.Single:
                        work += MergeSingle(next, known, hop + 1, tuple, part.Of(tuple, groups, groups), weight, groups);
                        break;
                    case SuffixMemo.LookupKind.Table:
                        work += MergeTable(known.Table!, hop + 1, tuple, part.Of(tuple, groups, groups), weight, groups);
                        break;
                    default:
                        work += Walk(hop + 1, other, tuple, weight, groups);
                        break;
                }
            }
            return work;
        }

        /// <summary>
        /// From relationship <paramref name="from"/> on, while they are of <paramref name="type"/> and their far nodes are
        /// remembered with groups whose cells exist in the int cells (<see cref="SuffixMemo.TryGetKnownCells"/>): each path's
        /// counts added to those cells (the prefix's part and the group's give each), in a loop of array reads only — what a
        /// hand-coded counter does per stance. Returns the first relationship it did not count (<paramref name="from"/> when
        /// none), which the caller takes the general way: another type, a first visit, a node not kept, a group not made yet
        /// for this prefix, a sum past the int range. <paramref name="work"/> grows as the general way's would.
        /// </summary>
        private int AddKnownRun(SuffixMemo next, int from, ReadOnlySpan<long> others, ReadOnlySpan<int> relTypes, int type, long prefixPart,
            long weight, ref long work)
        {
            if (prefixPart < 0 || weight <= 0 || !next.TryGetKnownCells(Groups, out var known)) return from;
            var cells = Groups.NarrowCells;
            var index = known.Index;
            var first = known.First;
            var singles = known.Singles;
            var starts = known.TableStarts;
            var tableParts = known.TableParts;
            var tableCounts = known.TableCounts;
            var prefixSet = (int)(prefixPart & 0xFF);
            var prefixCell = prefixPart >> 8;
            var width = _op._keys.Length;
            var i = from;
            for (; i < others.Length; i++)
            {
                if (relTypes[i] != type) break;
                var at = others[i] - first;
                if ((ulong)at >= (ulong)index.Length) break;
                var v = index[at];
                if (v <= SuffixMemo.FirstSingle)
                {
                    // one group counted once (a claim's one alignment)
                    var single = SuffixMemo.FirstSingle - v;
                    if ((uint)single >= (uint)singles.Length) break;
                    var part = singles[single];
                    if (part < 0 || (int)(part & 0xFF) + prefixSet != width) break;
                    var cell = prefixCell + (part >> 8);
                    if ((ulong)cell >= (ulong)cells.Length) break;
                    ref var count = ref cells[(int)cell];
                    var sum = count + weight;
                    if (count == 0 || sum > int.MaxValue) break;
                    count = (int)sum;
                    work += 2;
                }
                else if (v == SuffixMemo.NoGroupsValue) work++;
                else if (v > 0 && v < SuffixMemo.FirstUnkept && v < starts.Length)
                {
                    // a table: every entry's cell exists and stays an int, or the general way takes the whole relationship
                    var end = starts[v];
                    var e = starts[v - 1];
                    for (; e < end; e++)
                    {
                        var part = tableParts[e];
                        if (part < 0 || (int)(part & 0xFF) + prefixSet != width) break;
                        var cell = prefixCell + (part >> 8);
                        if ((ulong)cell >= (ulong)cells.Length) break;
                        var count = cells[(int)cell];
                        var add = weight * tableCounts[e];
                        if (count == 0 || add <= 0 || count + add > int.MaxValue) break;
                    }
                    if (e < end) break;
                    for (e = starts[v - 1]; e < end; e++) cells[(int)(prefixCell + (tableParts[e] >> 8))] += (int)(weight * tableCounts[e]);
                    work += 1 + end - starts[v - 1];
                }
                else break;
            }
            return i;
        }
    }
}
