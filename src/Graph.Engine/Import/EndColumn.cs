namespace Graph.Engine.Import;

/// <summary>
/// One end column (from or to) of a relationship file: the ids of the rows of a <see cref="RelationshipEnds"/> window,
/// copied out of the reader's line buffer (which the next rows overwrite), and their nodes once looked up. Files are often
/// sorted by one end (all of an expert's rows together), so an id equal to the previous row's costs neither a copy nor a
/// lookup: it takes the previous row's node.
/// </summary>
internal sealed class EndColumn(LabelKeys keys, int index, string column)
{
    private const int Repeat = -1;

    private char[] _text = new char[RelationshipEnds.Window * 16];
    private int _textUsed;
    /// <summary>Per deferred row: where its id is in <see cref="_text"/>, or <see cref="Repeat"/>.</summary>
    private readonly int[] _offsets = new int[RelationshipEnds.Window];
    private readonly int[] _lengths = new int[RelationshipEnds.Window];
    // The previous row's id, kept across windows, and the node of the last row looked up.
    private char[] _last = new char[32];
    private int _lastLength = -1;
    private long _lastNode;

    /// <summary>Copies and prefetches the current row's id as deferred row <paramref name="slot"/>.</summary>
    public void Defer(CsvRowReader reader, int slot)
    {
        if (slot == 0) _textUsed = 0;
        var id = reader.Field(index);
        _lengths[slot] = id.Length;
        if (_lastLength == id.Length && id.SequenceEqual(_last.AsSpan(0, _lastLength)))
        {
            _offsets[slot] = Repeat;
            return;
        }
        if (_textUsed + id.Length > _text.Length) Array.Resize(ref _text, Math.Max(_text.Length * 2, _textUsed + id.Length));
        id.CopyTo(_text.AsSpan(_textUsed));
        _offsets[slot] = _textUsed;
        _textUsed += id.Length;
        if (id.Length > _last.Length) _last = new char[Math.Max(id.Length, _last.Length * 2)];
        id.CopyTo(_last);
        _lastLength = id.Length;
        keys.Prefetch(id);
    }

    /// <summary>The node of deferred row <paramref name="slot"/> (slots are resolved in order): -1 none, <see cref="LabelKeys.Ambiguous"/>.</summary>
    public long Resolve(int slot)
    {
        if (_offsets[slot] != Repeat) _lastNode = keys.Find(Id(slot));
        return _lastNode;
    }

    /// <summary>The error for deferred row <paramref name="slot"/>, whose id resolved to <paramref name="node"/> (-1 or ambiguous).</summary>
    public ImportException Unresolved(string where, int slot, long node)
    {
        // A repeated id fails only where it first failed (an earlier row), but name it right in any case.
        var from = slot;
        while (from > 0 && _offsets[from] == Repeat) from--;
        var id = _offsets[from] == Repeat ? _last.AsSpan(0, _lengths[slot]) : Id(from);
        if (id.IsEmpty)
            return new ImportException($"{where}: the '{column}' field is empty. Give the id of a {keys.Name} node.");
        if (node == LabelKeys.Ambiguous)
            return new ImportException($"{where}: '{column}' id '{id}' names more than one {keys.Name} node in the store. " +
                                       $"Make {keys.Name}.id unique (CREATE CONSTRAINT ... REQUIRE n.id IS UNIQUE after fixing the duplicates).");
        return new ImportException($"{where}: no {keys.Name} node has the id '{id}' (column '{column}'). " +
                                   $"Import the {keys.Name} nodes first (in this import or an earlier one), or fix the id.");
    }

    private ReadOnlySpan<char> Id(int slot) => _text.AsSpan(_offsets[slot], _lengths[slot]);
}
