namespace Graph.Storage.Records;

/// <summary>Builds new adjacency groups for a node from its old groups plus relationships added and removed in one commit.</summary>
internal static class Adjacency
{
    /// <summary>
    /// Groups of types the commit did not touch are shared with the old version; touched groups are rebuilt
    /// into exactly sized arrays (counted first), so a bulk commit allocates only the arrays it keeps.
    /// </summary>
    public static RelGroup[] Apply(RelGroup[] groups, long node, List<long>? added, HashSet<long>? removed, RelColumns rels)
    {
        var touched = new List<int>(2);
        if (removed is not null)
            foreach (var rel in removed)
                if (!touched.Contains(rels.Type[rel])) touched.Add(rels.Type[rel]);
        if (added is not null)
            foreach (var rel in added)
                if (!touched.Contains(rels.Type[rel])) touched.Add(rels.Type[rel]);

        var result = new List<RelGroup>(groups.Length + touched.Count);
        foreach (var group in groups)
            if (!touched.Contains(group.Type)) result.Add(group);
        foreach (var type in touched)
        {
            RelGroup? old = null;
            foreach (var group in groups)
                if (group.Type == type) { old = group; break; }
            var rebuilt = Rebuild(type, old, node, added, removed, rels);
            if (rebuilt is not null) result.Add(rebuilt);
        }
        return result.ToArray();
    }

    private static RelGroup? Rebuild(int type, RelGroup? old, long node, List<long>? added, HashSet<long>? removed, RelColumns rels)
    {
        // Count what remains of the old group plus what is added.
        int outCount = 0, inCount = 0, loopCount = 0;
        if (old is not null)
        {
            outCount = CountKept(old.Outgoing, 2, removed);
            inCount = CountKept(old.Incoming, 2, removed);
            loopCount = CountKept(old.Loops, 1, removed);
        }
        if (added is not null)
        {
            foreach (var rel in added)
            {
                if (rels.Type[rel] != type) continue;
                if (rels.Start[rel] == rels.End[rel]) loopCount++;
                else if (rels.Start[rel] == node) outCount++;
                else inCount++;
            }
        }
        if (outCount + inCount + loopCount == 0) return null;

        var outgoing = outCount == 0 ? [] : new long[outCount * 2];
        var incoming = inCount == 0 ? [] : new long[inCount * 2];
        var loops = loopCount == 0 ? [] : new long[loopCount];
        int o = 0, i = 0, l = 0;
        if (old is not null)
        {
            o = CopyKept(old.Outgoing, 2, removed, outgoing);
            i = CopyKept(old.Incoming, 2, removed, incoming);
            l = CopyKept(old.Loops, 1, removed, loops);
        }
        if (added is not null)
        {
            foreach (var rel in added)
            {
                if (rels.Type[rel] != type) continue;
                long start = rels.Start[rel], end = rels.End[rel];
                if (start == end) loops[l++] = rel;
                else if (start == node) { outgoing[o++] = rel; outgoing[o++] = end; }
                else { incoming[i++] = rel; incoming[i++] = start; }
            }
        }
        return new RelGroup(type, outgoing, incoming, loops);
    }

    /// <summary>Entries (of <paramref name="stride"/> longs, relationship id first) not removed.</summary>
    private static int CountKept(long[] entries, int stride, HashSet<long>? removed)
    {
        if (removed is null) return entries.Length / stride;
        var count = 0;
        for (var k = 0; k < entries.Length; k += stride)
            if (!removed.Contains(entries[k])) count++;
        return count;
    }

    private static int CopyKept(long[] entries, int stride, HashSet<long>? removed, long[] target)
    {
        if (removed is null)
        {
            Array.Copy(entries, target, entries.Length);
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
