using Graph.Engine.Runtime;

namespace Graph.Engine.Execution;

/// <summary>
/// What the ORDER BY ... LIMIT above a <see cref="ChainCountOp"/> keeps, when its first sort key is the groups' count(*):
/// at most <paramref name="Count"/> rows (SKIP + LIMIT) ordered by count first, <paramref name="Descending"/> or not, then
/// by the further sort keys, then (the sort is stable) in the order the groups came. A group whose count is strictly
/// worse than the count of the <paramref name="Count"/>-th best group sorts after at least that many rows, whatever its
/// other keys, so it is never returned; among the groups tied at that count, when every further sort key is a grouping
/// key (<see cref="TieKeys"/>), only those that sort first can be. The chain makes rows for the others no more: an
/// expert's top ten allies out of thousands were thousands of rows, each projected and compared by the sort.
/// </summary>
internal sealed record ChainCountTop(Evaluator Count, bool Descending)
{
    /// <summary>Tied groups are chosen here among at most this many kept; beyond, all tied ones go to the sort.</summary>
    internal const long TiesChosen = 256;

    /// <summary>
    /// The chain's keys (indices into its keys) that are the ORDER BY's further sort keys, in order, when every further
    /// sort key is one of them; null when some is not (then every group tied with the last one kept must be returned).
    /// </summary>
    public int[]? TieKeys { get; init; }

    /// <summary>Whether each of <see cref="TieKeys"/> sorts descending.</summary>
    public bool[] TieDescending { get; init; } = [];

    /// <summary>
    /// The number of rows kept, or -1 when none can be said: the <see cref="SortOp"/> above evaluates (and rejects) the
    /// same expression before it reads a row, so a value that is not a non-negative integer never gets here in practice.
    /// </summary>
    public long Evaluate(QueryContext ctx)
    {
        var mark = ctx.Memory.Values;
        var value = Count([], ctx);
        ctx.Memory.ReleaseValuesTo(mark);
        return value is long n && n >= 0 ? n : -1;
    }

    /// <summary>
    /// Which of <paramref name="groups"/> groups (numbered in the order they came) the sort above can return when it keeps
    /// <paramref name="kept"/> (fewer than the groups): null for all of them, else a flag per group.
    /// <paramref name="tieValue"/> gives a group's value of one of the chain's keys.
    /// </summary>
    public bool[]? Candidates(int groups, long kept, Func<int, long> countOf, Func<int, int, object?> tieValue)
    {
        if (kept >= groups) return null;
        var chosen = new bool[groups];
        if (kept == 0) return chosen;
        var threshold = KeptBest(groups, (int)kept, countOf);
        long better = 0;
        for (var g = 0; g < groups; g++)
        {
            if (!Worse(threshold, countOf(g))) continue;
            chosen[g] = true;
            better++;
        }
        var wanted = kept - better;
        if (TieKeys is null || wanted > TiesChosen)
        {
            for (var g = 0; g < groups; g++) chosen[g] |= countOf(g) == threshold;
            return chosen;
        }
        // the tied groups that sort first, by the further keys and then by the order they came (a later group with
        // equal keys sorts after the ones kept): a sorted list of at most wanted, compared through their keys' values
        // (no array per tied group: in a tie-heavy top most groups are tied)
        var best = new List<int>((int)wanted + 1);
        for (var g = 0; g < groups; g++)
        {
            if (countOf(g) != threshold) continue;
            if (best.Count == wanted && CompareTies(g, best[^1], tieValue) >= 0) continue;
            var at = best.Count;
            while (at > 0 && CompareTies(g, best[at - 1], tieValue) < 0) at--;
            best.Insert(at, g);
            if (best.Count > wanted) best.RemoveAt(best.Count - 1);
        }
        foreach (var g in best) chosen[g] = true;
        return chosen;
    }

    /// <summary>
    /// As <see cref="Candidates"/> for the groups of a chain with one key (<paramref name="groups"/>, its values in
    /// <paramref name="values"/>): a flag per group in their order, or null for all of them.
    /// </summary>
    public bool[]? CandidatesOfOneKey(TallyKeyCounts groups, long kept, KeyInterner values)
    {
        var order = groups.Order;
        if (kept >= order.Length) return null;
        var counts = new long[order.Length];
        var keyValues = new object?[order.Length];
        for (var g = 0; g < order.Length; g++)
        {
            counts[g] = groups.CountsById[order[g]];
            keyValues[g] = values.Value(order[g]);
        }
        return CandidatesOfOneKey(counts, keyValues, kept);
    }

    /// <summary>
    /// As <see cref="Candidates"/> for the groups of a chain with one key, given in the order they came by their counts
    /// and key values: a flag per group, or null for all of them. A tied group's key value is compared with the worst of
    /// the tied ones kept so far directly, two strings ordinally (a tie-heavy top compares each of a thousand tied allies'
    /// ids once); a group that is not tied is never read.
    /// </summary>
    public bool[]? CandidatesOfOneKey(ReadOnlySpan<long> counts, ReadOnlySpan<object?> values, long kept)
    {
        var n = counts.Length;
        if (kept >= n) return null;
        if (kept == 0) return new bool[n];
        return CandidatesOfOneKey(counts, values, kept, KeptBest(counts, (int)kept));
    }

    /// <summary>
    /// The count of the <paramref name="kept"/>-th best of <paramref name="counts"/> (0 &lt; kept &lt; their number): the
    /// count the top cuts at. Only the groups tied at it have their key values compared.
    /// </summary>
    public long KeptBestCount(ReadOnlySpan<long> counts, long kept) => KeptBest(counts, (int)kept);

    /// <summary>
    /// As <see cref="CandidatesOfOneKey(ReadOnlySpan{long}, ReadOnlySpan{object?}, long)"/> given the count it cuts at
    /// (<see cref="KeptBestCount"/>; 0 &lt; kept &lt; the groups): only the values of the groups tied at
    /// <paramref name="threshold"/> are read, and only when <see cref="TieKeys"/> has keys.
    /// </summary>
    public bool[] CandidatesOfOneKey(ReadOnlySpan<long> counts, ReadOnlySpan<object?> values, long kept, long threshold)
    {
        var n = counts.Length;
        var chosen = new bool[n];
        var wanted = (int)Math.Min(kept - ChooseBetter(counts, threshold, chosen), int.MaxValue);
        if (TieKeys is null || wanted > TiesChosen)
        {
            for (var g = 0; g < n; g++) chosen[g] |= counts[g] == threshold;
            return chosen;
        }
        // the tied groups that sort first: a sorted list of at most wanted, a later group with an equal value after
        var best = new int[wanted];
        var bestValues = new object?[wanted];
        var size = 0;
        for (var g = 0; g < n; g++)
        {
            if (counts[g] != threshold) continue;
            var value = values[g];
            if (size == wanted && CompareOneKeyTies(value, bestValues[size - 1]) >= 0) continue;
            var at = size < wanted ? size++ : size - 1;
            while (at > 0 && CompareOneKeyTies(value, bestValues[at - 1]) < 0)
            {
                best[at] = best[at - 1];
                bestValues[at] = bestValues[at - 1];
                at--;
            }
            best[at] = g;
            bestValues[at] = value;
        }
        for (var i = 0; i < size; i++) chosen[best[i]] = true;
        return chosen;
    }

    /// <summary>Marks the groups counted better than <paramref name="threshold"/> (all of them are kept) and returns their number.</summary>
    private long ChooseBetter(ReadOnlySpan<long> counts, long threshold, bool[] chosen)
    {
        long better = 0;
        for (var g = 0; g < counts.Length; g++)
        {
            if (!Worse(threshold, counts[g])) continue;
            chosen[g] = true;
            better++;
        }
        return better;
    }

    /// <summary>
    /// As <see cref="CandidatesOfOneKey(ReadOnlySpan{long}, ReadOnlySpan{object?}, long, long)"/> chooses among the groups
    /// tied at the count it cuts at, with the tied groups' values given by their ranks in the values' order
    /// (<see cref="Graph.Storage.StorageTransaction.TryReadNodeStringRanks"/>: equal values equal ranks, a value that sorts
    /// first a smaller rank, null the largest; a tied ally compares 4 bytes, not its id string): the tied groups given as
    /// their numbers <paramref name="tied"/> (ascending) with each group's rank at its number in <paramref name="ranks"/>;
    /// writes the <paramref name="wanted"/> (1 ≤ wanted ≤ <see cref="TiesChosen"/>, with <see cref="TieKeys"/> holding
    /// keys) that sort first into <paramref name="chosen"/>, ascending, and returns how many (fewer when fewer are tied).
    /// The groups that are not tied are not read.
    /// </summary>
    public int ChooseTiedByRank(ReadOnlySpan<int> tied, ReadOnlySpan<int> ranks, int wanted, Span<int> chosen)
    {
        // a sorted list of at most wanted, a later group with an equal rank after; a descending key compares the ranks
        // negated (as a long: no overflow)
        var sign = TieDescending[0] ? -1L : 1L;
        Span<long> bestKeys = wanted <= 64 ? stackalloc long[wanted] : new long[wanted];
        var size = 0;
        foreach (var g in tied)
        {
            var rankKey = sign * ranks[g];
            if (size == wanted && rankKey >= bestKeys[size - 1]) continue;
            var at = size < wanted ? size++ : size - 1;
            while (at > 0 && rankKey < bestKeys[at - 1])
            {
                chosen[at] = chosen[at - 1];
                bestKeys[at] = bestKeys[at - 1];
                at--;
            }
            chosen[at] = g;
            bestKeys[at] = rankKey;
        }
        chosen[..size].Sort();
        return size;
    }

    /// <summary>The <paramref name="kept"/>-th best of the groups' counts (as <see cref="KeptBest(int, int, Func{int, long})"/>).</summary>
    private long KeptBest(ReadOnlySpan<long> counts, int kept)
    {
        var heap = new long[kept];
        var size = 0;
        foreach (var count in counts) Offer(heap, ref size, count);
        return heap[0];
    }

    /// <summary>Keeps <paramref name="count"/> in the heap of the best counts if it has room or the count beats its root.</summary>
    private void Offer(long[] heap, ref int size, long count)
    {
        if (size < heap.Length)
        {
            // sift up: a worse count rises to the root
            var i = size++;
            heap[i] = count;
            while (i > 0 && Worse(heap[i], heap[(i - 1) / 2]))
            {
                (heap[i], heap[(i - 1) / 2]) = (heap[(i - 1) / 2], heap[i]);
                i = (i - 1) / 2;
            }
            return;
        }
        if (!Worse(heap[0], count)) return;
        heap[0] = count;
        SiftDown(heap, size);
    }

    /// <summary>Restores the heap (its root the worst count) after its root was replaced by a better count.</summary>
    private void SiftDown(long[] heap, int size)
    {
        for (var i = 0; ;)
        {
            var worst = i;
            var l = 2 * i + 1;
            if (l < size && Worse(heap[l], heap[worst])) worst = l;
            if (l + 1 < size && Worse(heap[l + 1], heap[worst])) worst = l + 1;
            if (worst == i) break;
            (heap[i], heap[worst]) = (heap[worst], heap[i]);
            i = worst;
        }
    }

    /// <summary>Compares two values of a chain's one key as the further sort keys (each of them that key) order them.</summary>
    private int CompareOneKeyTies(object? x, object? y)
    {
        // every further key is the one key: the first decides, unless there is none (then the order the groups came)
        if (TieKeys!.Length == 0) return 0;
        var c = x is string sx && y is string sy ? Math.Sign(string.CompareOrdinal(sx, sy)) : CypherValues.Order(x, y);
        return TieDescending[0] ? -c : c;
    }

    /// <summary>True when count <paramref name="a"/> sorts strictly after count <paramref name="b"/>.</summary>
    public bool Worse(long a, long b) => Descending ? a < b : a > b;

    /// <summary>The <paramref name="kept"/>-th best count: a heap of the best seen so far, its root the worst of them.</summary>
    private long KeptBest(int groups, int kept, Func<int, long> countOf)
    {
        var heap = new long[kept];
        var size = 0;
        for (var g = 0; g < groups; g++) Offer(heap, ref size, countOf(g));
        return heap[0];
    }

    /// <summary>Compares two groups' tie keys as <see cref="SortOp"/> compares its keys (CypherValues.Order).</summary>
    private int CompareTies(int a, int b, Func<int, int, object?> tieValue)
    {
        for (var i = 0; i < TieKeys!.Length; i++)
        {
            var x = tieValue(a, TieKeys[i]);
            var y = tieValue(b, TieKeys[i]);
            // two strings (ids, names: the usual tie key) order ordinally, as CypherValues.Order orders them
            var c = x is string sx && y is string sy ? Math.Sign(string.CompareOrdinal(sx, sy)) : CypherValues.Order(x, y);
            if (c != 0) return TieDescending[i] ? -c : c;
        }
        return 0;
    }

    public string Description => $"the top {(Descending ? "largest" : "smallest")} counts";
}
