namespace Graph.Storage.Records;

/// <summary>Builds new adjacency groups for a node from its old groups plus relationships added and removed in one commit.</summary>
internal static class Adjacency
{
    /// <summary>
    /// Groups of types the commit did not touch are shared with the old version. A group that only gains
    /// relationships is appended to in place (its arrays grow geometrically), so the work is proportional to
    /// the change, not to the node's degree; a group that loses relationships is rebuilt into exactly sized arrays.
    /// (A bulk commit gives a node that had no relationships packed groups instead: <see cref="CreatedByEndpoint"/>.)
    /// </summary>
    public static RelGroup[] Apply(RelGroup[] groups, long node, ReadOnlySpan<long> added, HashSet<long>? removed, RelColumns rels)
    {
        // A bulk load adds relationships of one type to a node that already has that type: swap in the appended group.
        if (removed is null && !added.IsEmpty)
        {
            var type = rels.Type[added[0]];
            var at = -1;
            for (var g = 0; g < groups.Length; g++)
                if (groups[g].Type == type) { at = g; break; }
            var oneType = at >= 0;
            for (var k = 1; k < added.Length && oneType; k++) oneType = rels.Type[added[k]] == type;
            if (oneType)
            {
                var swapped = (RelGroup[])groups.Clone();
                swapped[at] = Append(groups[at], node, added, rels);
                return swapped;
            }
        }
        // Usually a commit touches one or two types of a node: a small list beats a set.
        var touched = new List<int>(2);
        if (removed is not null)
            foreach (var rel in removed)
                if (!touched.Contains(rels.Type[rel])) touched.Add(rels.Type[rel]);
        var removedTypes = touched.Count; // touched[0..removedTypes) lost relationships
        foreach (var rel in added)
            if (!touched.Contains(rels.Type[rel])) touched.Add(rels.Type[rel]);

        var result = new List<RelGroup>(groups.Length + touched.Count);
        foreach (var group in groups)
            if (!touched.Contains(group.Type)) result.Add(group);
        for (var t = 0; t < touched.Count; t++)
        {
            var type = touched[t];
            RelGroup? old = null;
            foreach (var group in groups)
                if (group.Type == type) { old = group; break; }
            var rebuilt = old is not null && t >= removedTypes
                ? Append(old, node, added, rels)
                : Rebuild(type, old, node, added, removed, rels);
            if (rebuilt is not null) result.Add(rebuilt);
        }
        return result.ToArray();
    }

    /// <summary>
    /// The groups of a node that had none, in the order their types first occur in the relationship ids
    /// <paramref name="added"/>, each list in that order, as slices of the arena's arrays: one pass counts, one fills.
    /// </summary>
    public static RelGroup[] Packed(long node, ReadOnlySpan<long> added, RelColumns rels, AdjacencyArena arena)
    {
        if (added.IsEmpty) return [];
        // One read of each column per relationship, into the arena's scratch: a node's relationship ids are spread over
        // the columns, so at a million nodes every read is a cache miss, and the fill pass below would repeat them.
        var (kinds, others, typeOf) = arena.Scratch(added.Length);
        // Per type: counts of outgoing, incoming and self-loops. A node has few types: a small linear table.
        Span<int> types = stackalloc int[8];
        Span<int> counts = stackalloc int[24];
        var typeCount = 0;
        int[]? manyTypes = null, manyCounts = null;
        for (var k = 0; k < added.Length; k++)
        {
            var rel = added[k];
            var type = rels.Type[rel];
            var t = (manyTypes is null ? types[..typeCount] : manyTypes.AsSpan(0, typeCount)).IndexOf(type);
            if (t < 0)
            {
                if (typeCount == types.Length && manyTypes is null)
                {
                    manyTypes = new int[added.Length];
                    manyCounts = new int[added.Length * 3];
                    types.CopyTo(manyTypes);
                    counts.CopyTo(manyCounts);
                }
                t = typeCount++;
                if (manyTypes is null) types[t] = type;
                else manyTypes[t] = type;
            }
            int start = rels.Start[rel], end = rels.End[rel];
            var kind = start == end ? 2 : start == node ? 0 : 1;
            kinds[k] = (byte)kind;
            others[k] = kind == 1 ? start : end;
            typeOf[k] = t;
            (manyCounts is null ? counts : manyCounts)[t * 3 + kind]++;
        }
        var typeList = manyTypes is null ? types[..typeCount] : manyTypes.AsSpan(0, typeCount);
        var countList = manyCounts is null ? counts : manyCounts.AsSpan();
        // Where each type's next entry goes: array, first position and next position per list (out, in, loops).
        var fills = new (int[] Array, int Start, int At)[typeCount * 3];
        for (var t = 0; t < typeCount; t++)
        {
            for (var list = 0; list < 3; list++)
            {
                var (array, start) = arena.Take(countList[t * 3 + list] * (list == 2 ? 1 : 2));
                fills[t * 3 + list] = (array, start, start);
            }
        }
        for (var k = 0; k < added.Length; k++)
        {
            ref var f = ref fills[typeOf[k] * 3 + kinds[k]];
            f.Array[f.At++] = (int)added[k];
            if (kinds[k] != 2) f.Array[f.At++] = others[k];
        }
        var groups = new RelGroup[typeCount];
        for (var t = 0; t < typeCount; t++)
        {
            var (o, i, l) = (fills[t * 3], fills[t * 3 + 1], fills[t * 3 + 2]);
            groups[t] = new RelGroup(typeList[t], o.Array, o.Start, o.At - o.Start, i.Array, i.Start, i.At - i.Start,
                l.Array, l.Start, l.At - l.Start, packed: true);
        }
        return groups;
    }

    /// <summary>
    /// The old group plus the added relationships of its type, written behind the old lengths. Safe because commits
    /// are serialized and always extend the head: nothing else ever wrote past the head's lengths, and readers of
    /// older versions read only up to theirs. A packed group's lists are copied into arrays of their own first.
    /// </summary>
    private static RelGroup Append(RelGroup old, long node, ReadOnlySpan<long> added, RelColumns rels)
    {
        var (outgoing, o, incoming, i, loops, l) = Appended(old, node, added, rels);
        return new RelGroup(old.Type, outgoing, o, incoming, i, loops, l);
    }

    /// <summary>
    /// Adds relationships to the node's groups themselves, when none may be held by a reader (the caller knows no reader
    /// is open), nothing is removed, and every added relationship has a group of its type with lists of its own. Then no
    /// group or group array is replaced: a load of many small commits touching the same nodes leaves no old-generation
    /// garbage behind but the lists outgrown. False, with nothing changed, when that does not apply (use <see cref="Apply"/>).
    /// </summary>
    public static bool TryExtendInPlace(RelGroup[] groups, long node, ReadOnlySpan<long> added, RelColumns rels)
    {
        if (added.IsEmpty) return false;
        foreach (var rel in added)
        {
            var type = rels.Type[rel];
            var owned = false;
            foreach (var group in groups)
                if (group.Type == type) { owned = !group.Packed; break; }
            if (!owned) return false;
        }
        foreach (var group in groups)
        {
            if (group.Packed) continue; // gains nothing (checked above); appending would copy its lists out
            var (outgoing, o, incoming, i, loops, l) = Appended(group, node, added, rels);
            if (o != group.OutgoingLength || i != group.IncomingLength || l != group.LoopCount)
                group.ExtendInPlace(outgoing, o, incoming, i, loops, l);
        }
        return true;
    }

    private static (int[] Outgoing, int OutgoingLength, int[] Incoming, int IncomingLength, int[] Loops, int LoopCount) Appended(
        RelGroup old, long node, ReadOnlySpan<long> added, RelColumns rels)
    {
        int addOut = 0, addIn = 0, addLoops = 0;
        foreach (var rel in added)
        {
            if (rels.Type[rel] != old.Type) continue;
            if (rels.Start[rel] == rels.End[rel]) addLoops++;
            else if (rels.Start[rel] == node) addOut++;
            else addIn++;
        }
        var outgoing = Room(old.OutgoingArray, old.OutgoingStart, old.OutgoingLength, addOut * 2, old.Packed);
        var incoming = Room(old.IncomingArray, old.IncomingStart, old.IncomingLength, addIn * 2, old.Packed);
        var loops = Room(old.LoopsArray, old.LoopsStart, old.LoopCount, addLoops, old.Packed);
        int o = old.OutgoingLength, i = old.IncomingLength, l = old.LoopCount;
        foreach (var rel in added)
        {
            if (rels.Type[rel] != old.Type) continue;
            long start = rels.Start[rel], end = rels.End[rel];
            if (start == end) loops[l++] = (int)rel;
            else if (start == node) { outgoing[o++] = (int)rel; outgoing[o++] = (int)end; }
            else { incoming[i++] = (int)rel; incoming[i++] = (int)start; }
        }
        return (outgoing, o, incoming, i, loops, l);
    }

    /// <summary>
    /// The list's own array (starting at 0) when <paramref name="extra"/> more entries fit behind <paramref name="used"/>;
    /// else, and always for a slice of a shared array, an array of its own holding its entries (with room to grow when
    /// something is added).
    /// </summary>
    private static int[] Room(int[] array, int start, int used, int extra, bool packed)
    {
        if (!packed && used + extra <= array.Length) return array;
        if (packed && start == 0 && used == array.Length && extra == 0) return array; // a whole array: nothing else in it
        var size = extra == 0 ? used : Math.Max(used + extra, used + used / 2 + 8);
        var grown = size == 0 ? [] : new int[size];
        Array.Copy(array, start, grown, 0, used);
        return grown;
    }

    private static RelGroup? Rebuild(int type, RelGroup? old, long node, ReadOnlySpan<long> added, HashSet<long>? removed, RelColumns rels)
    {
        // Count what remains of the old group plus what is added.
        int outCount = 0, inCount = 0, loopCount = 0;
        if (old is not null)
        {
            outCount = CountKept(old.Outgoing, 2, removed);
            inCount = CountKept(old.Incoming, 2, removed);
            loopCount = CountKept(old.Loops, 1, removed);
        }
        foreach (var rel in added)
        {
            if (rels.Type[rel] != type) continue;
            if (rels.Start[rel] == rels.End[rel]) loopCount++;
            else if (rels.Start[rel] == node) outCount++;
            else inCount++;
        }
        if (outCount + inCount + loopCount == 0) return null;

        var outgoing = outCount == 0 ? [] : new int[outCount * 2];
        var incoming = inCount == 0 ? [] : new int[inCount * 2];
        var loops = loopCount == 0 ? [] : new int[loopCount];
        int o = 0, i = 0, l = 0;
        if (old is not null)
        {
            o = CopyKept(old.Outgoing, 2, removed, outgoing);
            i = CopyKept(old.Incoming, 2, removed, incoming);
            l = CopyKept(old.Loops, 1, removed, loops);
        }
        foreach (var rel in added)
        {
            if (rels.Type[rel] != type) continue;
            long start = rels.Start[rel], end = rels.End[rel];
            if (start == end) loops[l++] = (int)rel;
            else if (start == node) { outgoing[o++] = (int)rel; outgoing[o++] = (int)end; }
            else { incoming[i++] = (int)rel; incoming[i++] = (int)start; }
        }
        return new RelGroup(type, outgoing, incoming, loops);
    }

    /// <summary>Entries (of <paramref name="stride"/> ints, relationship id first) of <paramref name="entries"/> not removed.</summary>
    private static int CountKept(ReadOnlySpan<int> entries, int stride, HashSet<long>? removed)
    {
        if (removed is null) return entries.Length / stride;
        var count = 0;
        for (var k = 0; k < entries.Length; k += stride)
            if (!removed.Contains(entries[k])) count++;
        return count;
    }

    private static int CopyKept(ReadOnlySpan<int> entries, int stride, HashSet<long>? removed, int[] target)
    {
        if (removed is null)
        {
            entries.CopyTo(target);
            return entries.Length;
        }
        var at = 0;
        for (var k = 0; k < entries.Length; k += stride)
        {
            if (removed.Contains(entries[k])) continue;
            for (var s = 0; s < stride; s++) target[at++] = entries[k + s];
        }
        return at;
    }
}
