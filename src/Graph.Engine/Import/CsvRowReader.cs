namespace Graph.Engine.Import;

/// <summary>
/// Reads delimited rows one line at a time and exposes the fields as spans over the line (no string per field).
/// Fields may be quoted ("a, b" with "" for a quote); a quoted field must close on its line, so that every
/// error can name the line it is on. Blank lines are skipped. The file must be UTF-8 (a byte order mark is allowed):
/// bytes that are not are refused with file:line:column, never read as U+FFFD.
/// </summary>
internal sealed class CsvRowReader : IDisposable
{
    private readonly StreamReader _reader;
    private readonly char _delimiter;
    // Lines are split inside this buffer (no string per line): _buffer[_position.._filled) is not consumed yet.
    private char[] _buffer = new char[1 << 16];
    private int _position;
    private int _filled;
    private bool _endOfFile;
    private int _lineStart;
    private int _lineLength;
    private int[] _starts = new int[16];
    private int[] _lengths = new int[16];
    // Quoted fields with "" escapes are unescaped into this buffer; their start is stored as ~offset.
    private char[] _unquoted = new char[256];
    private int _unquotedLength;

    // Throws on invalid bytes instead of substituting U+FFFD; its preamble lets the reader skip a UTF-8 byte order mark.
    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: true);

    public CsvRowReader(string path, char delimiter)
    {
        Path = path;
        _delimiter = delimiter;
        _reader = new StreamReader(path, StrictUtf8, detectEncodingFromByteOrderMarks: false, new FileStreamOptions { BufferSize = 1 << 16 });
    }

    public string Path { get; }

    /// <summary>1-based line number of the current row.</summary>
    public int Line { get; private set; }

    public int FieldCount { get; private set; }

    public ReadOnlySpan<char> Field(int index)
    {
        var start = _starts[index];
        return start >= 0 ? _buffer.AsSpan(_lineStart + start, _lengths[index]) : _unquoted.AsSpan(~start, _lengths[index]);
    }

    /// <summary>Where the current row is, for messages: "file.csv:12".</summary>
    public string Where => $"{Path}:{Line}";

    /// <summary>Moves to the next non-blank row; false at the end of the file.</summary>
    public bool Read()
    {
        while (NextLine())
        {
            Line++;
            var line = _buffer.AsSpan(_lineStart, _lineLength);
            if (line.IsEmpty || line.IsWhiteSpace()) continue;
            Split(line);
            return true;
        }
        return false;
    }

    /// <summary>The next line (without its line break) as _buffer[_lineStart.._lineStart + _lineLength); false at the end.</summary>
    private bool NextLine()
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_position, _filled - _position).IndexOf('\n');
            if (newline >= 0 || (_endOfFile && _position < _filled))
            {
                var length = newline >= 0 ? newline : _filled - _position;
                _lineStart = _position;
                _position += newline >= 0 ? length + 1 : length;
                if (length > 0 && _buffer[_lineStart + length - 1] == '\r') length--;
                _lineLength = length;
                return true;
            }
            if (_endOfFile) return false;
            Refill();
        }
    }

    /// <summary>Moves the unconsumed tail to the front (growing the buffer for a very long line) and reads more.</summary>
    private void Refill()
    {
        var tail = _filled - _position;
        if (tail == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
        Array.Copy(_buffer, _position, _buffer, 0, tail);
        _position = 0;
        _filled = tail;
        int read;
        try
        {
            read = _reader.Read(_buffer, _filled, _buffer.Length - _filled);
        }
        catch (System.Text.DecoderFallbackException e)
        {
            throw InvalidUtf8(e);
        }
        if (read == 0) _endOfFile = true;
        _filled += read;
    }

    private void Split(ReadOnlySpan<char> line)
    {
        FieldCount = 0;
        _unquotedLength = 0;
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
                var end = line[position..].IndexOf(_delimiter);
                end = end < 0 ? line.Length : position + end;
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
                if (FieldCount == _starts.Length)
                {
                    Array.Resize(ref _starts, _starts.Length * 2);
                    Array.Resize(ref _lengths, _lengths.Length * 2);
                }
                _starts[FieldCount] = position;
                _lengths[FieldCount] = 0;
                FieldCount++;
                return;
            }
        }
    }

    /// <summary>Reads a quoted field starting at the opening quote; returns the position after the closing quote.</summary>
    private int ReadQuoted(ReadOnlySpan<char> line, int open)
    {
        var start = _unquotedLength;
        var i = open + 1;
        while (true)
        {
            var quote = line[i..].IndexOf('"');
            if (quote >= 0) quote += i;
            if (quote < 0)
                throw new ImportException($"{Where}: a quoted field is not closed on this line. Close it with \" (fields cannot span lines; write a quote inside a field as \"\").");
            Append(line.Slice(i, quote - i));
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

    private ImportException InvalidUtf8(System.Text.DecoderFallbackException e)
    {
        var where = Utf8Position.FindFirstInvalid(Path);
        var place = where is { } w ? $"{Path}:{w.Line}:{w.Column}: byte 0x{w.Value:X2} (at byte offset {w.Offset})" : $"{Path}: a byte";
        return new ImportException(
            $"{place} is not valid UTF-8. The file must be UTF-8 text: convert it (for example `iconv -f latin1 -t utf-8`) and import again. Nothing was stored.", e);
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
