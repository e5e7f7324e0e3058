using System.Globalization;
using Graph.Client;

namespace Graph.Engine.Runtime;

/// <summary>
/// The memory one statement holds, estimated (<see cref="ValueSize"/>) and bounded by <see cref="EngineOptions.QueryMemoryLimit"/>.
/// Three kinds of holdings:
/// <list type="bullet">
/// <item>values that expressions build (lists, maps, strings): reserved when built; the operator that evaluated them
/// releases them when it moves to its next row (<see cref="Values"/>, <see cref="ReleaseValuesTo"/>);</item>
/// <item>what an operator keeps for a while (the rows of a sort, the groups of an aggregation, a search's visited
/// nodes): reserved through a <see cref="MemoryAccount"/> the operator closes when it finishes;</item>
/// <item>what the statement writes, held by its transaction until the statement ends.</item>
/// </list>
/// Going past the limit throws <see cref="Neo4jStatus.MemoryPoolOutOfMemory"/>, before the allocation where the size is known in advance.
/// </summary>
internal sealed class MemoryTracker(long? limit)
{
    private long _limit = LimitOf(limit);

    private static long LimitOf(long? limit) => limit is { } l && l > 0 ? l : long.MaxValue;

    /// <summary>As new, for the next statement of a reused context (<see cref="QueryContext.Restart"/>).</summary>
    public void Restart(long? limit)
    {
        _limit = LimitOf(limit);
        Used = 0;
        Peak = 0;
        Values = 0;
    }

    /// <summary>Bytes held now (values, operators' accounts and writes).</summary>
    public long Used { get; private set; }

    /// <summary>The most this statement held at once.</summary>
    public long Peak { get; private set; }

    /// <summary>Bytes of values built by expressions and not yet released: mark it before evaluating, release back to the mark after.</summary>
    public long Values { get; private set; }

    /// <summary>Takes <paramref name="bytes"/> for a value an expression built.</summary>
    public void ReserveValue(long bytes)
    {
        Values += bytes;
        Reserve(bytes, "building values (lists, maps, strings)");
    }

    /// <summary>Releases the values built since <paramref name="mark"/> (a previous <see cref="Values"/>).</summary>
    public void ReleaseValuesTo(long mark)
    {
        if (Values <= mark) return;
        Used -= Values - mark;
        Values = mark;
    }

    /// <summary>Takes <paramref name="bytes"/> for what the statement wrote (kept until the statement ends).</summary>
    public void ReserveWrite(long bytes) => Reserve(bytes, "the changes it writes");

    /// <summary>Fails when <paramref name="bytes"/> more would not fit, without taking them: checked before a large allocation.</summary>
    public void EnsureAvailable(long bytes, string what)
    {
        if (bytes > _limit - Used) throw Exceeded(what, bytes);
    }

    internal void Reserve(long bytes, string what)
    {
        Used += bytes;
        if (Used <= Peak) return;
        Peak = Used;
        if (Used > _limit) throw Exceeded(what, bytes);
    }

    internal void Release(long bytes) => Used -= bytes;

    /// <summary>An account for one operator's holdings, all released when it is disposed.</summary>
    public MemoryAccount Open(string what) => new(this, what);

    private TransientException Exceeded(string what, long bytes) =>
        new(Neo4jStatus.MemoryPoolOutOfMemory,
            $"The statement needs more memory than its limit of {Format(_limit)} (EngineOptions.QueryMemoryLimit, by default a quarter of the " +
            $"memory available; for graph serve the setting Engine:QueryMemoryLimit) for {what}: it holds {Format(Used - bytes)} and asked for {Format(bytes)} more. It was " +
            "stopped and what it wrote was undone. Make it hold less (aggregate or LIMIT before ORDER BY, collect or DISTINCT; stream rows " +
            "instead of collecting them) or raise the limit.")
        { Phase = ErrorPhase.Runtime };

    public static string Format(long bytes) => bytes switch
    {
        >= 1L << 30 => (bytes / (double)(1L << 30)).ToString("0.##", CultureInfo.InvariantCulture) + " GiB",
        >= 1L << 20 => (bytes / (double)(1L << 20)).ToString("0.#", CultureInfo.InvariantCulture) + " MiB",
        >= 1L << 10 => (bytes / (double)(1L << 10)).ToString("0.#", CultureInfo.InvariantCulture) + " KiB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " bytes",
    };
}
