namespace Graph.Storage.Records;

/// <summary>Builds new adjacency groups for a node from its old groups plus relationships added and removed in one commit.</summary>
internal static class Adjacency
{
    /// <summary>
    /// Groups of types the commit did not touch are shared with the old version. A group that only gains
    /// relationships is appended to in place (its arrays grow geometrically), so the work is proportional to
    /// the change, not to the node's degree; a group that loses relationships is rebuilt into exactly sized arrays.
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
    /// The old group plus the added relationships of its type, written behind the old lengths. Safe because commits
    /// are serialized and always extend the head: nothing else ever wrote past the head's lengths, and readers of
    /// older versions read only up to theirs.
    /// </summary>
    private static RelGroup Append(RelGroup old, long node, ReadOnlySpan<long> added, RelColumns rels)
    {
        int addOut = 0, addIn = 0, addLoops = 0;
        foreach (var rel in added)
        {
            if (rels.Type[rel] != old.Type) continue;
            if (rels.Start[rel] == rels.End[rel]) addLoops++;
            else if (rels.Start[rel] == node) addOut++;
            else addIn++;
        }
        var outgoing = Room(old.Outgoing, old.OutgoingLength, addOut * 2);
        var incoming = Room(old.Incoming, old.IncomingLength, addIn * 2);
        var loops = Room(old.Loops, old.LoopCount, addLoops);
        int o = old.OutgoingLength, i = old.IncomingLength, l = old.LoopCount;
        foreach (var rel in added)
        {
            if (rels.Type[rel] != old.Type) continue;
            long start = rels.Start[rel], end = rels.End[rel];
            if (start == end) loops[l++] = (int)rel;
            else if (start == node) { outgoing[o++] = (int)rel; outgoing[o++] = (int)end; }
            else { incoming[i++] = (int)rel; incoming[i++] = (int)start; }
        }
        return new RelGroup(old.Type, outgoing, o, incoming, i, loops, l);
    }

    /// <summary>The array itself when <paramref name="extra"/> more entries fit behind <paramref name="used"/>, else a copy with room to grow.</summary>
    private static int[] Room(int[] array, int used, int extra)
    {
        if (used + extra <= array.Length) return array;
        var size = Math.Max(used + extra, used + used / 2 + 8);
        var grown = new int[size];
        Array.Copy(array, grown, used);
        return grown;
    }

    private static RelGroup? Rebuild(int type, RelGroup? old, long node, ReadOnlySpan<long> added, HashSet<long>? removed, RelColumns rels)
    {
        // Count what remains of the old group plus what is added.
        int outCount = 0, inCount = 0, loopCount = 0;
        if (old is not null)
        {
            outCount = CountKept(old.Outgoing, old.OutgoingLength, 2, removed);
            inCount = CountKept(old.Incoming, old.IncomingLength, 2, removed);
            loopCount = CountKept(old.Loops, old.LoopCount, 1, removed);
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
            o = CopyKept(old.Outgoing, old.OutgoingLength, 2, removed, outgoing);
            i = CopyKept(old.Incoming, old.IncomingLength, 2, removed, incoming);
            l = CopyKept(old.Loops, old.LoopCount, 1, removed, loops);
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

    /// <summary>Entries (of <paramref name="stride"/> ints, relationship id first) among the first <paramref name="length"/> ints not removed.</summary>
    private static int CountKept(int[] entries, int length, int stride, HashSet<long>? removed)
    {
        if (removed is null) return length / stride;
        var count = 0;
        for (var k = 0; k < length; k += stride)
            if (!removed.Contains(entries[k])) count++;
        return count;
    }

    private static int CopyKept(int[] entries, int length, int stride, HashSet<long>? removed, int[] target)
    {
        if (removed is null)
        {
            Array.Copy(entries, target, length);
            return length;
        }
        var at = 0;
        for (var k = 0; k < length; k += stride)
        {
            if (removed.Contains(entries[k])) continue;
            for (var s = 0; s < stride; s++) target[at++] = entries[k + s];
        }
        return at;
    }
}
