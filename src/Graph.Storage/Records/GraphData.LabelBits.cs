namespace Graph.Storage.Records;

/// <summary>
/// Label membership bitmaps shared by readers. A far-node label check otherwise reads the node's version and its labels
/// array (two dependent cache misses per node); a bit is one load. A bitmap stands for every version from the last
/// commit that changed the label's membership on, so it is dropped by the next such commit, and it is built only once
/// the lookups readers reported since that commit would have cost more than the build (a store being loaded or written
/// to in small commits never pays for bitmaps nobody reuses).
/// </summary>
internal sealed partial class GraphData
{
    /// <summary>
    /// Lookups reported per node of the label before a bitmap is built. A build reads each member once, mostly in id
    /// order, which costs less than a lookup of a node at random: with one lookup per member the build at most doubles
    /// the work of the lookups it replaces, and every later reader of the same membership gets it for nothing.
    /// </summary>
    private const long LookupsPerMemberBeforeBuild = 1;

    /// <summary>Below this many reported lookups no bitmap is built, however small the label.</summary>
    private const long MinLookupsBeforeBuild = 1024;

    /// <summary>
    /// Words (or ids) of the label index copied for the price of one lookup of a node at random: a lookup is a few
    /// dependent cache misses, the copy reads in order. A 1M-member label whose index is a bitmap then pays for its
    /// bitmap after ~2,000 lookups instead of 1M.
    /// </summary>
    private const long IndexWordsPerLookup = 8;

    // Under IndexLock. A label missing from _labelChangedAt has not changed since the store was created or loaded.
    private readonly Dictionary<int, long> _labelChangedAt = new();
    private readonly Dictionary<int, long> _labelLookups = new();
    // By label id: the bitmaps (written under IndexLock, read without it; see KnownLabelMembers), and lookups counted
    // without the lock until they are reported to _labelLookups. Both grow (replaced) under IndexLock; a count added to
    // an array being replaced is lost, which only delays a build.
    private LabelBits?[] _labelBits = [];
    private long[] _unreportedLookups = [];

    /// <summary>Called (holding IndexLock) by a commit that gives <paramref name="label"/> to a node or takes it away.</summary>
    private void LabelMembershipChanged(int label, long version)
    {
        _labelChangedAt[label] = version;
        // before the commit's version is published: a reader of it or a later one never gets the old bitmap
        if ((uint)label < (uint)_labelBits.Length)
        {
            Volatile.Write(ref _labelBits[label], null);
            _unreportedLookups[label] = 0;
        }
        _labelLookups.Remove(label);
    }

    /// <summary>See <see cref="StorageTransaction.KnownLabelMembers"/>: the bitmap valid at <paramref name="version"/> if one is kept.</summary>
    public LabelBits? KnownLabelMembers(int label, long version, int lookups)
    {
        var kept = Volatile.Read(ref _labelBits);
        // a kept bitmap holds from its ValidFrom until the next change of the label, which drops it before it is published
        if ((uint)label < (uint)kept.Length && Volatile.Read(ref kept[label]) is { } bits && version >= bits.ValidFrom) return bits;
        if (lookups <= 0) return null;
        var counts = Volatile.Read(ref _unreportedLookups);
        if ((uint)label >= (uint)counts.Length)
        {
            // the first count of a label: room for it is made under the lock
            lock (IndexLock)
                if (!EnsureLabelSlot(label)) return null;
            counts = Volatile.Read(ref _unreportedLookups);
        }
        if (Interlocked.Add(ref counts[label], lookups) < MinLookupsBeforeBuild) return null;
        var reported = Interlocked.Exchange(ref counts[label], 0);
        return reported > 0 ? LabelMembers(label, version, reported) : null;
    }

    /// <summary>Label ids past this get no bitmap (the arrays by label id stay small; a store has a few labels).</summary>
    private const int MaxLabelWithBits = 1 << 16;

    /// <summary>Room for <paramref name="label"/> in the arrays by label id (holding IndexLock); false for a label that gets no bitmap.</summary>
    private bool EnsureLabelSlot(int label)
    {
        if ((uint)label >= MaxLabelWithBits) return false;
        if (label < _labelBits.Length) return true;
        var size = Math.Max(label + 1, _labelBits.Length * 2);
        var bits = new LabelBits?[size];
        var counts = new long[size];
        Array.Copy(_labelBits, bits, _labelBits.Length);
        Array.Copy(_unreportedLookups, counts, _unreportedLookups.Length);
        Volatile.Write(ref _unreportedLookups, counts);
        Volatile.Write(ref _labelBits, bits);
        return true;
    }

    /// <summary>
    /// The label's members as seen at <paramref name="version"/> (a reader's snapshot), or null: no bitmap yet and the
    /// lookups reported so far (<paramref name="lookups"/> more now) do not pay for one, or the reader's snapshot is older
    /// than the label's last change.
    /// </summary>
    public LabelBits? LabelMembers(int label, long version, long lookups)
    {
        long changedAt;
        List<long> candidates;
        lock (IndexLock)
        {
            changedAt = _labelChangedAt.GetValueOrDefault(label);
            if (version < changedAt) return null;
            if (!EnsureLabelSlot(label)) return null;
            if (_labelBits[label] is { } bits) return bits;
            var reported = _labelLookups.GetValueOrDefault(label) + lookups;
            _labelLookups[label] = reported;
            var members = _labelIndex.TryGetValue(label, out var set) ? set.Count : 0;
            // The index holds exactly the members of every version from changedAt on unless a removal from it waits
            // for an older reader; then each candidate is checked at the reader's version (a lookup per member).
            var indexIsExact = !LabelRemovalPending(label);
            var cost = indexIsExact ? (set?.AbsoluteWordsWork ?? 0) / IndexWordsPerLookup : members * LookupsPerMemberBeforeBuild;
            if (reported < Math.Max(MinLookupsBeforeBuild, cost)) return null;
            _labelLookups[label] = 0; // a build that loses a race with a commit starts the count again
            if (indexIsExact)
            {
                // under the lock: no commit changes the index meanwhile, and the reader sees changedAt or later
                var copied = new LabelBits(set?.ToAbsoluteWords() ?? [], members, changedAt);
                Volatile.Write(ref _labelBits[label], copied);
                return copied;
            }
            candidates = new List<long>(members);
            set?.CopyTo(candidates);
        }
        // Outside the lock: the index holds every node that has the label at this snapshot (and perhaps some that had it
        // or will have it); each is checked at the reader's version, which sees the same membership as any version from
        // changedAt until the next change.
        var built = Build(label, version, candidates, changedAt);
        lock (IndexLock)
            if (_labelChangedAt.GetValueOrDefault(label) == changedAt && _labelBits[label] is null) Volatile.Write(ref _labelBits[label], built);
        return built;
    }

    /// <summary>Whether a node that lost <paramref name="label"/> is still in its index for an older reader (holding IndexLock).</summary>
    private bool LabelRemovalPending(int label)
    {
        foreach (var removal in _pendingRemovals)
            if (removal.Index is null && removal.Label == label) return true;
        return false;
    }

    private LabelBits Build(int label, long version, List<long> candidates, long changedAt)
    {
        long largest = -1;
        foreach (var id in candidates) largest = Math.Max(largest, id);
        var words = new ulong[(largest >> 6) + 1];
        long count = 0;
        foreach (var id in candidates)
        {
            if (NodeAt(id, version) is not { } node || !node.HasLabel(label)) continue;
            words[id >> 6] |= 1UL << (int)(id & 63);
            count++;
        }
        return new LabelBits(words, count, changedAt);
    }
}
