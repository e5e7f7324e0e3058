using System.Buffers;

namespace Graph.Engine.Execution;

/// <summary>
/// The arrays of <see cref="TupleCounts"/>, reused from one statement to the next: a statement that counts 48,831 groups
/// (the stances) or 100,000 (the endorsements per claim) otherwise allocates its cells and group arrays afresh each
/// time, several times over as they grow, and the collector pays for them. Every cells array in the pool is all zeros
/// (a zero cell means "no group yet"): the owner clears the cells it used before it returns one, in proportion to its
/// groups. Bounded: cells arrays up to <see cref="TupleCounts.MaxCells"/> ints or longs, group arrays up to 4 Mi ints, two
/// per size (a statement that grew its groups to the largest size keeps about twice that size pooled after it).
/// </summary>
internal static class GroupCellPool
{
    private const int ArraysPerSize = 2;

    /// <summary>Smaller arrays are allocated, not pooled (the pool's smallest size).</summary>
    public const int PooledFrom = 16;

    private static readonly ArrayPool<long> Cells = ArrayPool<long>.Create((int)TupleCounts.MaxCells, ArraysPerSize);
    private static readonly ArrayPool<int> NarrowCells = ArrayPool<int>.Create((int)TupleCounts.MaxCells, ArraysPerSize);
    private static readonly ArrayPool<int> Ints = ArrayPool<int>.Create(1 << 22, ArraysPerSize);

    /// <summary>A cells array of at least <paramref name="length"/> longs, all zero.</summary>
    public static long[] RentCells(long length) => length < PooledFrom ? new long[length] : Cells.Rent((int)length);

    /// <summary>
    /// Gives back a cells array whose only nonzero entries are at <paramref name="used"/> (the groups' cells): they are
    /// cleared first, so that the pool's arrays stay all zero.
    /// </summary>
    public static void ReturnCells(long[] cells, ReadOnlySpan<int> used)
    {
        if (cells.Length < PooledFrom || !IsPooledSize(cells.Length)) return;
        foreach (var cell in used) cells[cell] = 0;
        Cells.Return(cells);
    }

    /// <summary>A cells array of at least <paramref name="length"/> ints, all zero (a table's cells before any count passes the int range).</summary>
    public static int[] RentNarrowCells(long length) => length < PooledFrom ? new int[length] : NarrowCells.Rent((int)length);

    /// <summary>As <see cref="ReturnCells"/>, for int cells.</summary>
    public static void ReturnNarrowCells(int[] cells, ReadOnlySpan<int> used)
    {
        if (cells.Length < PooledFrom || !IsPooledSize(cells.Length)) return;
        foreach (var cell in used) cells[cell] = 0;
        NarrowCells.Return(cells);
    }

    /// <summary>An int array of at least <paramref name="length"/> entries, of any contents.</summary>
    public static int[] RentInts(int length) => length < PooledFrom ? new int[length] : Ints.Rent(length);

    public static void ReturnInts(int[] array)
    {
        if (array.Length >= PooledFrom && IsPooledSize(array.Length)) Ints.Return(array);
    }

    /// <summary>The pool's own sizes are powers of two; an array of another length was not rented from it.</summary>
    private static bool IsPooledSize(int length) => (length & (length - 1)) == 0;
}
