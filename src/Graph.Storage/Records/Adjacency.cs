namespace Graph.Storage.Records;

/// <summary>Builds new adjacency groups for a node from its old groups plus relationships added and removed in one commit.</summary>
internal static class Adjacency
{
    public static RelGroup[] Apply(RelGroup[] groups, long node, List<long>? added, HashSet<long>? removed, RelColumns rels)
    {
        // Collect the types touched by this commit; untouched groups are shared with the old version.
        var touched = new Dictionary<int, GroupBuilder>();
        if (removed is not null)
            foreach (var rel in removed)
                Builder(touched, rels.Type[rel]);
        if (added is not null)
            foreach (var rel in added)
                Builder(touched, rels.Type[rel]);

        var result = new List<RelGroup>(groups.Length + touched.Count);
        foreach (var group in groups)
        {
            if (!touched.TryGetValue(group.Type, out var builder))
            {
                result.Add(group);
                continue;
            }
            builder.CopyFrom(group, removed);
        }
        if (added is not null)
        {
            foreach (var relId in added)
            {
                var builder = touched[rels.Type[relId]];
                long start = rels.Start[relId], end = rels.End[relId];
                if (start == node && end == node) builder.Loops.Add(relId);
                else if (start == node) { builder.Outgoing.Add(relId); builder.Outgoing.Add(end); }
                else { builder.Incoming.Add(relId); builder.Incoming.Add(start); }
            }
        }
        foreach (var (type, builder) in touched)
            if (!builder.IsEmpty) result.Add(builder.Build(type));
        return result.ToArray();
    }

    private static GroupBuilder Builder(Dictionary<int, GroupBuilder> touched, int type)
    {
        if (!touched.TryGetValue(type, out var builder)) touched[type] = builder = new GroupBuilder();
        return builder;
    }

    private sealed class GroupBuilder
    {
        public readonly List<long> Outgoing = [];
        public readonly List<long> Incoming = [];
        public readonly List<long> Loops = [];

        public bool IsEmpty => Outgoing.Count == 0 && Incoming.Count == 0 && Loops.Count == 0;

        public void CopyFrom(RelGroup group, HashSet<long>? removed)
        {
            CopyPairs(group.Outgoing, Outgoing, removed);
            CopyPairs(group.Incoming, Incoming, removed);
            foreach (var rel in group.Loops)
                if (removed is null || !removed.Contains(rel)) Loops.Add(rel);
        }

        private static void CopyPairs(long[] pairs, List<long> target, HashSet<long>? removed)
        {
            for (var i = 0; i < pairs.Length; i += 2)
            {
                if (removed is not null && removed.Contains(pairs[i])) continue;
                target.Add(pairs[i]);
                target.Add(pairs[i + 1]);
            }
        }

        public RelGroup Build(int type) => new(type, Outgoing.ToArray(), Incoming.ToArray(), Loops.ToArray());
    }
}
