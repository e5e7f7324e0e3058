using Graph.Storage.Records;

namespace Graph.Storage.Transactions;

/// <summary>
/// Which committed versions open read transactions still read, so that a commit frees (prunes, changes in place) only
/// what none of them can reach. A reader registers and leaves with one Interlocked operation each on the current
/// <see cref="ReaderEpoch"/>; only a commit takes the registry's lock.
/// </summary>
/// <remarks>
/// A commit first retires the current epoch (<see cref="StopAdmitting"/>: no epoch is current while it applies, readers
/// arriving then wait on the lock it holds, as they did when registering took that lock), then reads the counts of the
/// retired epochs, applies, and publishes a new epoch for its version (<see cref="Admit"/>). A reader increments the
/// count of the epoch it read and then checks that the epoch is still current; the commit swaps the epoch out and then
/// reads the counts. Both steps are full fences (Interlocked), so either the reader's check sees the swap (it leaves
/// the old epoch and tries again) or the commit's read sees the reader's count. A count the commit reads from a reader
/// that is about to leave only makes it keep an old version one commit longer.
/// </remarks>
internal sealed class ReaderRegistry
{
    private readonly object _lock = new();
    // Null while a commit applies.
    private ReaderEpoch? _current;
    // Epochs no longer current that may still have readers (guarded by _lock).
    private readonly List<ReaderEpoch> _retired = [];

    public ReaderRegistry(long version, Schema schema) => _current = new ReaderEpoch(version, schema);

    /// <summary>Counts a new reader at the latest committed version; waits while a commit is being applied.</summary>
    public ReaderEpoch Enter()
    {
        while (true)
        {
            var epoch = Volatile.Read(ref _current);
            if (epoch is null)
            {
                // the lock is re-entrant: a reader opened by the committing thread itself would never see a version
                if (Monitor.IsEntered(_lock))
                    throw new InvalidOperationException("A read transaction was opened while this thread applies a commit; it would wait for that commit forever.");
                // a commit is applying and holds the lock until it has published its version
                lock (_lock) { }
                continue;
            }
            Interlocked.Increment(ref epoch.Readers);
            if (ReferenceEquals(Volatile.Read(ref _current), epoch)) return epoch;
            Interlocked.Decrement(ref epoch.Readers); // retired meanwhile: not counted, try the next one
        }
    }

    /// <summary>A reader counted by <see cref="Enter"/> is done.</summary>
    public static void Leave(ReaderEpoch epoch) => Interlocked.Decrement(ref epoch.Readers);

    /// <summary>
    /// A commit is about to apply: no reader registers until <see cref="Admit"/> (they wait), and the oldest version an
    /// open reader reads is returned (long.MaxValue when none). The caller must call <see cref="Admit"/> afterwards,
    /// also when applying fails.
    /// </summary>
    public long StopAdmitting()
    {
        Monitor.Enter(_lock);
        var retiring = Interlocked.Exchange(ref _current, null);
        try
        {
            if (retiring is not null) _retired.Add(retiring);
            return OldestOfRetired();
        }
        catch
        {
            // (out of memory growing the list) readers must not wait for an Admit that will not come
            Volatile.Write(ref _current, retiring);
            Monitor.Exit(_lock);
            throw;
        }
    }

    /// <summary>Publishes the committed <paramref name="version"/> for new readers and lets those waiting in.</summary>
    public void Admit(long version, Schema schema)
    {
        Volatile.Write(ref _current, new ReaderEpoch(version, schema));
        Monitor.Exit(_lock);
    }

    /// <summary>The oldest version an open reader reads, or long.MaxValue (for tests; a commit gets it from <see cref="StopAdmitting"/>).</summary>
    public long OldestOpenReader()
    {
        lock (_lock)
        {
            var oldest = OldestOfRetired();
            var current = Volatile.Read(ref _current);
            return current is not null && Volatile.Read(ref current.Readers) > 0 ? Math.Min(oldest, current.Version) : oldest;
        }
    }

    /// <summary>Drops the retired epochs nobody reads any more; the oldest version of the others.</summary>
    private long OldestOfRetired()
    {
        var oldest = long.MaxValue;
        var kept = 0;
        for (var i = 0; i < _retired.Count; i++)
        {
            var epoch = _retired[i];
            // a retired epoch gains no reader (one that counts itself in finds it retired and leaves): 0 stays 0
            if (Volatile.Read(ref epoch.Readers) == 0) continue;
            _retired[kept++] = epoch;
            oldest = Math.Min(oldest, epoch.Version);
        }
        _retired.RemoveRange(kept, _retired.Count - kept);
        return oldest;
    }
}
