namespace Graph.Engine.Import;

/// <summary>
/// Rows of one file, read and parsed on the reading thread and handed in file order to the thread that writes them
/// (<see cref="RowPipeline"/>). Flat arrays reused from batch to batch: a row costs no object of its own.
/// </summary>
internal sealed class RowBatch(int columns)
{
    public const int Capacity = 4096;

    private readonly int _columns = Math.Max(1, columns);

    /// <summary>Number of rows filled.</summary>
    public int Count;
    /// <summary>1-based line of each row in its file, for messages.</summary>
    public readonly int[] Lines = new int[Capacity];
    /// <summary>Properties of row r: <see cref="Properties"/>[r * columns ..] with <see cref="PropertyCounts"/>[r] entries.</summary>
    public readonly KeyValuePair<int, object>[] Properties = new KeyValuePair<int, object>[Capacity * Math.Max(1, columns)];
    public readonly int[] PropertyCounts = new int[Capacity];
    /// <summary>Node files: the id of each row.</summary>
    public readonly object?[] Ids = new object?[Capacity];
    /// <summary>Relationship files: the resolved start and end node of each row.</summary>
    public readonly long[] Starts = new long[Capacity];
    public readonly long[] Ends = new long[Capacity];

    public bool IsFull => Count == Capacity;

    /// <summary>Where row r's properties go; fill it, then call <see cref="Add"/>.</summary>
    public Span<KeyValuePair<int, object>> NextProperties() => Properties.AsSpan(Count * _columns, _columns);

    public void Add(int line, int propertyCount, object? id = null, long start = 0, long end = 0)
    {
        Lines[Count] = line;
        PropertyCounts[Count] = propertyCount;
        Ids[Count] = id;
        Starts[Count] = start;
        Ends[Count] = end;
        Count++;
    }

    /// <summary>
    /// Row <paramref name="row"/>'s properties, copied into <paramref name="list"/> (emptied first). The writer hands rows to
    /// the transaction through one reused list: an <see cref="ArraySegment{T}"/> passed as an IReadOnlyList is boxed, 32
    /// bytes of garbage per row (~0.8 GB at a million experts), and the transaction reads a list's items as a span too.
    /// </summary>
    public List<KeyValuePair<int, object>> PropertiesOf(int row, List<KeyValuePair<int, object>> list)
    {
        list.Clear();
        list.AddRange(Properties.AsSpan(row * _columns, PropertyCounts[row]));
        return list;
    }

    /// <summary>Keeps only the first <paramref name="rows"/> rows (those before a bad one).</summary>
    public void Truncate(int rows)
    {
        if (rows >= Count) return;
        Array.Clear(Properties, rows * _columns, (Count - rows) * _columns);
        Array.Clear(Ids, rows, Count - rows);
        Count = rows;
    }

    /// <summary>Empties the batch for reuse, dropping its references so they do not outlive the rows.</summary>
    public void Clear()
    {
        Array.Clear(Properties, 0, Count * _columns);
        Array.Clear(Ids, 0, Count);
        Count = 0;
    }
}
