namespace Graph.Storage.Records;

/// <summary>
/// The relationships a commit creates, grouped by endpoint with one counting sort over the node id range: a bulk
/// load of millions of relationships then costs two flat arrays instead of a dictionary entry and a growing list per
/// node. Used only when the commit creates many relationships relative to the node id range (else the arrays
/// would cost more than the dictionary they replace). Built from the store's columns once the commit has written
/// them, so that the transaction's own copy of the relationships is already freed (see <see cref="RelChanges.Consume"/>).
/// </summary>
internal sealed class CreatedByEndpoint
{
    private const int MinimumCreated = 4096;

    // Relationship ids (minus _first) of node n are _ids[_offsets[n] .. _offsets[n + 1]); _taken[n] once its adjacency was applied.
    private readonly int[] _offsets;
    private readonly int[] _ids;
    private readonly long _first;
    private readonly bool[] _taken;
    private long[] _scratch = new long[16];

    private CreatedByEndpoint(int[] offsets, int[] ids, long first)
    {
        _offsets = offsets;
        _ids = ids;
        _first = first;
        _taken = new bool[offsets.Length - 1];
    }

    /// <summary>Whether grouping pays for a commit creating <paramref name="creates"/> relationships among <paramref name="nodeRange"/> node ids.</summary>
    public static bool Pays(long creates, long nodeRange) => creates >= MinimumCreated && nodeRange <= creates * 4 && nodeRange < int.MaxValue;

    /// <summary>
    /// The relationships created by commit <paramref name="version"/> with ids in [<paramref name="first"/>, <paramref name="end"/>),
    /// read from the columns (a commit's created ids lie in the range the transaction was handed; the ones of the range
    /// it rolled back or deleted again were never written).
    /// </summary>
    public static CreatedByEndpoint? FromColumns(RelColumns rels, long version, long first, long end, long nodeRange)
    {
        if (end <= first || end - first >= int.MaxValue) return null;
        var offsets = new int[nodeRange + 1];
        for (var id = first; id < end; id++)
        {
            if (rels.Created[id] != version) continue;
            offsets[rels.Start[id] + 1]++;
            if (rels.End[id] != rels.Start[id]) offsets[rels.End[id] + 1]++;
        }
        for (var n = 1; n < offsets.Length; n++) offsets[n] += offsets[n - 1];
        var ids = new int[offsets[^1]];
        var fill = offsets[..^1];
        // Id order, so each node's relationships stay in creation order, as the per-node lists kept them.
        for (var id = first; id < end; id++)
        {
            if (rels.Created[id] != version) continue;
            long start = rels.Start[id], stop = rels.End[id];
            ids[fill[start]++] = (int)(id - first);
            if (stop != start) ids[fill[stop]++] = (int)(id - first);
        }
        return new CreatedByEndpoint(offsets, ids, first);
    }

    /// <summary>The relationships created at the node (empty for none), marking the node as applied; valid until the next call.</summary>
    public ReadOnlySpan<long> Take(long node)
    {
        if (node < 0 || node >= _taken.Length) return [];
        _taken[node] = true;
        var from = _offsets[node];
        var count = _offsets[node + 1] - from;
        if (count > _scratch.Length) _scratch = new long[Math.Max(count, _scratch.Length * 2)];
        for (var i = 0; i < count; i++) _scratch[i] = _first + _ids[from + i];
        return _scratch.AsSpan(0, count);
    }

    /// <summary>Nodes that gained relationships and were not taken yet, in id order.</summary>
    public IEnumerable<long> Remaining()
    {
        for (long n = 0; n < _taken.Length; n++)
            if (!_taken[n] && _offsets[n + 1] > _offsets[n]) yield return n;
    }
}
