using System.Buffers;
using System.Text;

namespace Graph.Engine.Import;

/// <summary>
/// Finds where a file stops being valid UTF-8, as line and column (both 1-based; the column counts characters).
/// Used only after decoding failed, so the common path pays nothing for it.
/// </summary>
internal static class Utf8Position
{
    /// <summary>The first invalid byte of the file: its line, column, offset and value; null when the file is valid UTF-8.</summary>
    public static (int Line, int Column, long Offset, byte Value)? FindFirstInvalid(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var buffer = new byte[1 << 16];
        int line = 1, column = 1, carried = 0;
        long offset = 0; // of buffer[0] in the file
        var first = true;
        while (true)
        {
            var read = file.Read(buffer, carried, buffer.Length - carried);
            var filled = carried + read;
            var end = read == 0;
            var span = buffer.AsSpan(0, filled);
            var at = 0;
            if (first && span.StartsWith("\uFEFF"u8)) at = 3; // the byte order mark is not a character of line 1
            first = false;
            while (at < span.Length)
            {
                var status = Rune.DecodeFromUtf8(span[at..], out var rune, out var consumed);
                if (status == OperationStatus.NeedMoreData && !end) break; // the rest of the sequence is in the next read
                if (status != OperationStatus.Done) return (line, column, offset + at, span[at]);
                if (rune.Value == '\n')
                {
                    line++;
                    column = 1;
                }
                else
                {
                    column++;
                }
                at += consumed;
            }
            if (end) return null;
            carried = span.Length - at;
            span[at..].CopyTo(buffer);
            offset += at;
        }
    }
}
