namespace Graph.Engine.Import;

/// <summary>
/// Reads delimited rows one line at a time and exposes the fields as spans over the line (no string per field).
/// Fields may be quoted ("a, b" with "" for a quote); a quoted field must close on its line, so that every
/// error can name the line it is on. Blank lines are skipped.
/// </summary>
internal sealed class CsvRowReader : IDisposable
{
    private readonly StreamReader _reader;
    private readonly char _delimiter;
    private string _line = "";
    private int[] _starts = new int[16];
    private int[] _lengths = new int[16];
    // Quoted fields with "" escapes are unescaped into this buffer; their start is stored as ~offset.
    private char[] _unquoted = new char[256];
    private int _unquotedLength;

    public CsvRowReader(string path, char delimiter)
    {
        Path = path;
        _delimiter = delimiter;
        _reader = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = 1 << 16 });
    }

    public string Path { get; }

    /// <summary>1-based line number of the current row.</summary>
    public int Line { get; private set; }

    public int FieldCount { get; private set; }

    public ReadOnlySpan<char> Field(int index)
    {
        var start = _starts[index];
        return start >= 0 ? _line.AsSpan(start, _lengths[index]) : _unquoted.AsSpan(~start, _lengths[index]);
    }

    /// <summary>Where the current row is, for messages: "file.csv:12".</summary>
    public string Where => $"{Path}:{Line}";

    /// <summary>Moves to the next non-blank row; false at the end of the file.</summary>
    public bool Read()
    {
        while (true)
        {
            var line = _reader.ReadLine();
            if (line is null) return false;
            Line++;
            if (line.Length == 0 || string.IsNullOrWhiteSpace(line)) continue;
            _line = line;
            Split();
            return true;
        }
    }

    private void Split()
    {
        FieldCount = 0;
        _unquotedLength = 0;
        var line = _line;
        var position = 0;
        while (true)
        {
            if (FieldCount == _starts.Length)
            {
                Array.Resize(ref _starts, _starts.Length * 2);
                Array.Resize(ref _lengths, _lengths.Length * 2);
            }
            if (position < line.Length && line[position] == '"')
            {
                position = ReadQuoted(line, position);
            }
            else
            {
                var end = line.IndexOf(_delimiter, position);
                if (end < 0) end = line.Length;
                _starts[FieldCount] = position;
                _lengths[FieldCount] = end - position;
                position = end;
            }
            FieldCount++;
            if (position >= line.Length) return;
            position++; // the delimiter
            if (position == line.Length)
            {
                // A trailing delimiter: one more, empty field.
                _starts[FieldCount] = position;
                _lengths[FieldCount] = 0;
                FieldCount++;
                return;
            }
        }
    }

    /// <summary>Reads a quoted field starting at the opening quote; returns the position after the closing quote.</summary>
    private int ReadQuoted(string line, int open)
    {
        var start = _unquotedLength;
        var i = open + 1;
        while (true)
        {
            var quote = line.IndexOf('"', i);
            if (quote < 0)
                throw new ImportException($"{Where}: a quoted field is not closed on this line. Close it with \" (fields cannot span lines; write a quote inside a field as \"\").");
            Append(line.AsSpan(i, quote - i));
            if (quote + 1 < line.Length && line[quote + 1] == '"')
            {
                Append("\"");
                i = quote + 2;
                continue;
            }
            var after = quote + 1;
            if (after < line.Length && line[after] != _delimiter)
                throw new ImportException($"{Where}: unexpected text after the closing quote of field {FieldCount + 1}. Put the delimiter '{_delimiter}' right after the closing quote, or write a quote inside a field as \"\".");
            _starts[FieldCount] = ~start;
            _lengths[FieldCount] = _unquotedLength - start;
            return after;
        }
    }

    private void Append(ReadOnlySpan<char> text)
    {
        if (_unquotedLength + text.Length > _unquoted.Length)
            Array.Resize(ref _unquoted, Math.Max(_unquoted.Length * 2, _unquotedLength + text.Length));
        text.CopyTo(_unquoted.AsSpan(_unquotedLength));
        _unquotedLength += text.Length;
    }

    public void Dispose() => _reader.Dispose();
}
