using System.Text;
using Graph.Core.Diagnostics;
using Graph.Core.Model;

namespace Graph.Core.Reading;

/// <summary>
/// Reads a file as strict UTF-8 text, refusing files that are too large, binary, not valid UTF-8 (named by
/// file:line:column) or, when a <see cref="DataFolder"/> is given, outside the data folder (then the file is never
/// opened).
/// </summary>
public static class TextFileReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The text, or null after reporting why the file cannot be used.</summary>
    public static string? Read(string path, string displayPath, string field, GraphDataOptions options, DiagnosticBag diagnostics, DataFolder? folder = null)
    {
        var location = SourceLocation.OfFile(displayPath);
        if (folder is not null && folder.Confine(path, null, out var problem) is null)
        {
            diagnostics.Error(location, field, problem!);
            return null;
        }
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            diagnostics.Error(location, field, "the file does not exist");
            return null;
        }
        // Decide from the size alone: a huge file is never read.
        if (info.Length > options.MaxFileBytes)
        {
            diagnostics.Error(location, field,
                $"the file is too large ({FormatSize(info.Length)}; the limit is {FormatSize(options.MaxFileBytes)}); split the document into several folders");
            return null;
        }

        var bytes = File.ReadAllBytes(path);
        var nul = Array.IndexOf(bytes, (byte)0);
        if (nul >= 0)
        {
            diagnostics.Error(location, field, $"not a text file (it contains a NUL byte at offset {nul}); graph-data files must be UTF-8 text");
            return null;
        }
        return Decode(bytes, displayPath, field, diagnostics);
    }

    /// <summary>Strict UTF-8 (an initial byte order mark is skipped); null after reporting the first invalid byte by line and column.</summary>
    public static string? Decode(byte[] bytes, string displayPath, string field, DiagnosticBag diagnostics)
    {
        var start = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        try
        {
            return StrictUtf8.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException e)
        {
            var offset = start + Math.Max(0, e.Index);
            var (line, column) = Position(bytes, start, offset);
            diagnostics.Error(new SourceLocation(displayPath, line, column, ShowColumn: true), field,
                $"invalid UTF-8 (byte 0x{bytes[Math.Min(offset, bytes.Length - 1)]:X2} at byte offset {offset}); graph-data files are read as UTF-8: re-save the file as UTF-8");
            return null;
        }
    }

    /// <summary>1-based line and column (in characters of the valid text before it) of a byte offset.</summary>
    private static (int Line, int Column) Position(byte[] bytes, int start, int offset)
    {
        var lineStart = start;
        var line = 1;
        for (var i = start; i < offset; i++)
            if (bytes[i] == (byte)'\n')
            {
                line++;
                lineStart = i + 1;
            }
        var column = StrictUtf8.GetCharCount(bytes, lineStart, offset - lineStart) + 1;
        return (line, column);
    }

    public static string FormatSize(long bytes) => bytes >= 1024 * 1024
        ? $"{bytes / (1024.0 * 1024.0):0.#} MiB"
        : bytes >= 1024 ? $"{bytes / 1024.0:0.#} KiB" : $"{bytes} bytes";
}
