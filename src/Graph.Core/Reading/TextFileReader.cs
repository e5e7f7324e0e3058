using System.Text;
using Graph.Core.Diagnostics;
using Graph.Core.Model;

namespace Graph.Core.Reading;

/// <summary>Reads a file as UTF-8 text, refusing files that are too large, binary or not valid UTF-8.</summary>
public static class TextFileReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The text, or null after reporting why the file cannot be used.</summary>
    public static string? Read(string path, string displayPath, string field, GraphDataOptions options, DiagnosticBag diagnostics)
    {
        var location = SourceLocation.OfFile(displayPath);
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
        var start = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        try
        {
            return StrictUtf8.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException e)
        {
            var offset = start + Math.Max(0, e.Index);
            diagnostics.Error(location, field, $"not a text file (invalid UTF-8 near byte offset {offset}); save it as UTF-8");
            return null;
        }
    }

    public static string FormatSize(long bytes) => bytes >= 1024 * 1024
        ? $"{bytes / (1024.0 * 1024.0):0.#} MiB"
        : bytes >= 1024 ? $"{bytes / 1024.0:0.#} KiB" : $"{bytes} bytes";
}
