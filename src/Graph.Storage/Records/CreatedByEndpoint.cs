namespace Graph.Storage.Records;

/// <summary>
/// The relationships a commit creates, grouped by endpoint with one counting sort over the node id range: a bulk
/// load of millions of relationships then costs two flat arrays instead of a dictionary entry and a growing list per
/// node. Used only when the commit creates many relationships relative to the node id range (else the arrays
/// would cost more than the dictionary they replace).
/// </summary>
internal sealed class CreatedByEndpoint
{
    private const int MinimumCreated = 4096;

    // Relationship ids of node n are _ids[_offsets[n] .. _offsets[n + 1]); _taken[n] once its adjacency was applied.
    private readonly int[] _offsets;
    private readonly long[] _ids;
    private readonly bool[] _taken;

    private CreatedByEndpoint(int[] offsets, long[] ids)
    {
        _offsets = offsets;
        _ids = ids;
        _taken = new bool[offsets.Length - 1];
    }

    /// <summary>The grouping of the batch's created relationships, or null when the batch is better served per node.</summary>
    public static CreatedByEndpoint? For(CommitBatch batch, long nodeRange)
    {
        var creates = 0L;
        foreach (var change in batch.Relationships)
            if (change.Kind == ChangeKind.Create) creates++;
        if (creates < MinimumCreated || nodeRange > creates * 4 || nodeRange >= int.MaxValue) return null;

        var offsets = new int[nodeRange + 1];
        foreach (var change in batch.Relationships)
        {
            if (change.Kind != ChangeKind.Create) continue;
            offsets[change.Start + 1]++;
            if (change.End != change.Start) offsets[change.End + 1]++;
        }
        for (var n = 1; n < offsets.Length; n++) offsets[n] += offsets[n - 1];
        var ids = new long[offsets[^1]];
        var fill = offsets[..^1];
        // Batch order is id order, so each node's relationships stay in creation order, as the per-node lists kept them.
        foreach (var change in batch.Relationships)
        {
            if (change.Kind != ChangeKind.Create) continue;
            ids[fill[change.Start]++] = change.Id;
            if (change.End != change.Start) ids[fill[change.End]++] = change.Id;
        }
        return new CreatedByEndpoint(offsets, ids);
    }

    /// <summary>The relationships created at the node (empty for none), marking the node as applied.</summary>
    public ReadOnlySpan<long> Take(long node)
    {
        if (node < 0 || node >= _taken.Length) return [];
        _taken[node] = true;
        return _ids.AsSpan(_offsets[node], _offsets[node + 1] - _offsets[node]);
    }

    /// <summary>Nodes that gained relationships and were not taken yet, in id order.</summary>
    public IEnumerable<long> Remaining()
    {
        for (long n = 0; n < _taken.Length; n++)
            if (!_taken[n] && _offsets[n + 1] > _offsets[n]) yield return n;
    }
}
