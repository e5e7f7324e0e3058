namespace Graph.Bench;

/// <summary>
/// The rows a hand-coded workload returns, as a careful program would hand them over: up to three text cells and two
/// number cells per row in flat arrays, kept and reused between calls (a grown buffer stays grown), so a call allocates
/// nothing. A row's cells in the Cypher's column order are its text cells, then its number cells (every workload's
/// RETURN lists its strings before its numbers).
/// </summary>
public sealed class ArrayRows
{
    private const int TextStride = 3, NumberStride = 2;
    private string[] _text = new string[16 * TextStride];
    private long[] _numbers = new long[16 * NumberStride];

    public int Count { get; private set; }
    public int TextColumns { get; private set; }
    public int NumberColumns { get; private set; }

    /// <summary>Empties the buffer (keeping its room) for rows of this shape.</summary>
    public void Reset(int textColumns, int numberColumns)
    {
        if (textColumns > TextStride || numberColumns > NumberStride) throw new ArgumentOutOfRangeException(nameof(textColumns));
        (Count, TextColumns, NumberColumns) = (0, textColumns, numberColumns);
    }

    public string Text(int row, int column) => _text[row * TextStride + column];
    public long Number(int row, int column) => _numbers[row * NumberStride + column];

    public void Add(string a, string? b = null, string? c = null) => Add(a, b, c, 0, 0);

    public void Add(string a, long n) => Add(a, null, null, n, 0);

    public void Add(long n)
    {
        var row = Next();
        _numbers[row * NumberStride] = n;
    }

    public void Add(string a, string? b, string? c, long n, long m)
    {
        var row = Next();
        var t = row * TextStride;
        _text[t] = a;
        _text[t + 1] = b!;
        _text[t + 2] = c!;
        var x = row * NumberStride;
        _numbers[x] = n;
        _numbers[x + 1] = m;
    }

    private int Next()
    {
        var row = Count;
        if (row * TextStride == _text.Length)
        {
            Array.Resize(ref _text, _text.Length * 2);
            Array.Resize(ref _numbers, _numbers.Length * 2);
        }
        Count = row + 1;
        return row;
    }

    /// <summary>The rows' digest (<see cref="RowDigest"/>), cells in column order.</summary>
    public string Digest(bool ordered)
    {
        var digest = new RowDigest(ordered);
        for (var r = 0; r < Count; r++)
        {
            for (var c = 0; c < TextColumns; c++) digest.Add(Text(r, c));
            for (var c = 0; c < NumberColumns; c++) digest.Add(Number(r, c));
            digest.EndRow();
        }
        return digest.ToString();
    }

    /// <summary>The rows as text lines (cells joined by " | "), for a test's message.</summary>
    public List<string> Lines() => Enumerable.Range(0, Count)
        .Select(r => string.Join(" | ", Enumerable.Range(0, TextColumns).Select(c => Text(r, c))
            .Concat(Enumerable.Range(0, NumberColumns).Select(c => Number(r, c).ToString(System.Globalization.CultureInfo.InvariantCulture)))))
        .ToList();
}
