namespace Graph.Engine.Execution;

/// <summary>Tuples of interned key ids compared by content (<see cref="ChainCountOp"/>'s groups).</summary>
internal sealed class TupleComparer : IEqualityComparer<int[]>
{
    public static readonly TupleComparer Instance = new();

    public bool Equals(int[]? x, int[]? y) => x is null || y is null ? x == y : x.AsSpan().SequenceEqual(y);

    public int GetHashCode(int[] tuple)
    {
        var h = new HashCode();
        foreach (var id in tuple) h.Add(id);
        return h.ToHashCode();
    }
}
