using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace Graph.Documents;

/// <summary>
/// Extracts the verbatim text of a plain-text (strict UTF-8), PDF (PdfPig) or Word .docx (Open XML SDK) file, and
/// checks the result (<see cref="ExtractionChecks"/>). The text is not repaired: hyphenation and headers are reported,
/// not removed, so that quotes stay verbatim spans of what was extracted.
/// </summary>
public static class TextExtractor
{
    /// <summary>Files above this size are refused before they are opened.</summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <exception cref="DocumentException">The file cannot be read as a document of its kind.</exception>
    public static ExtractedText Extract(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new DocumentException($"{path}: the file does not exist");
        if (info.Length > MaxFileBytes) throw new DocumentException($"{path}: the file is too large ({info.Length / 1024 / 1024} MiB; the limit is {MaxFileBytes / 1024 / 1024} MiB)");
        var extension = Path.GetExtension(path).ToLowerInvariant();
        try
        {
            return extension switch
            {
                ".pdf" => Pdf(path),
                ".docx" => Docx(path),
                ".txt" or ".text" or ".md" or "" => PlainText(path),
                _ => throw new DocumentException($"{path}: unknown kind of file '{extension}'; add-document reads .txt (UTF-8), .pdf and .docx"),
            };
        }
        catch (Exception e) when (e is not DocumentException && e is not OutOfMemoryException)
        {
            throw new DocumentException($"{path}: could not be read as {extension.TrimStart('.')} ({e.Message})", e);
        }
    }

    private static ExtractedText PlainText(string path)
    {
        var bytes = File.ReadAllBytes(path);
        string text;
        try
        {
            var start = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
            text = StrictUtf8.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException e)
        {
            throw new DocumentException($"{path}: not valid UTF-8 near byte offset {Math.Max(0, e.Index)}; save the text as UTF-8 first");
        }
        text = text.Replace("\r\n", "\n");
        var pages = text.Contains('\f') ? text.Split('\f').Length : (int?)null;
        return Checked(text, "text", pages, "plain text (UTF-8)");
    }

    private static ExtractedText Pdf(string path)
    {
        using var document = PdfDocument.Open(path);
        var pages = new List<string>();
        foreach (var page in document.GetPages())
            pages.Add(ContentOrderTextExtractor.GetText(page).Replace("\r\n", "\n").TrimEnd());
        return Checked(string.Join("\n\f\n", pages) + "\n", "pdf", pages.Count, $"PdfPig {typeof(PdfDocument).Assembly.GetName().Version?.ToString(3)}", pages);
    }

    private static ExtractedText Docx(string path)
    {
        using var document = WordprocessingDocument.Open(path, false);
        var body = document.MainDocumentPart?.Document?.Body ?? throw new DocumentException($"{path}: the .docx has no body");
        var text = new StringBuilder();
        foreach (var paragraph in body.Descendants<Paragraph>())
        {
            foreach (var element in paragraph.Descendants())
                switch (element)
                {
                    case Text t: text.Append(t.Text); break;
                    case TabChar: text.Append('\t'); break;
                    case Break b when b.Type?.Value == BreakValues.Page: text.Append("\n\f"); break;
                    case Break: text.Append('\n'); break;
                }
            text.Append('\n');
        }
        var notes = new List<ExtractionNote>();
        var headers = (document.MainDocumentPart!.HeaderParts.Select(p => p.Header?.InnerText ?? ""))
            .Concat(document.MainDocumentPart.FooterParts.Select(p => p.Footer?.InnerText ?? "")).Where(t => t.Trim().Length > 0).Distinct().ToList();
        if (headers.Count > 0)
            notes.Add(new ExtractionNote("headers", $"the document's page headers and footers ({string.Join(" | ", headers.Select(h => $"'{Shorten(h)}'"))}) are not part of the extracted text"));
        var result = Checked(text.ToString(), "docx", null, $"DocumentFormat.OpenXml {typeof(WordprocessingDocument).Assembly.GetName().Version?.ToString(3)}");
        return result with { Notes = [.. notes, .. result.Notes] };
    }

    private static ExtractedText Checked(string text, string format, int? pageCount, string tool, IReadOnlyList<string>? pages = null)
    {
        pages ??= text.Split('\f');
        return new ExtractedText(text, format, pageCount, tool, ExtractionChecks.Check(pages));
    }

    internal static string Shorten(string text) => text.Length <= 60 ? text.Trim() : text[..57].Trim() + "...";
}
