using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Graph.Documents.Tests;

/// <summary>
/// Small PDF and .docx files made at test time with the libraries' own writers (PdfPig's PdfDocumentBuilder, the
/// Open XML SDK), so no office suite is needed: each page or paragraph holds the lines given, in order.
/// </summary>
public static class TestFiles
{
    /// <summary>A PDF with one page per entry (ASCII text: the standard Helvetica has no accented letters); a page with no lines has no text at all (like a scanned image).</summary>
    public static void Pdf(string path, params string[][] pages)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var lines in pages)
        {
            var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
            var y = 780.0;
            foreach (var line in lines)
            {
                page.AddText(line, 11, new PdfPoint(60, y), font);
                y -= 16;
            }
        }
        File.WriteAllBytes(path, builder.Build());
    }

    /// <summary>A .docx with one paragraph per line, and optionally a page header.</summary>
    public static void Docx(string path, string? header, params string[] paragraphs)
    {
        using var document = WordprocessingDocument.Create(path, WordprocessingDocumentType.Document);
        var main = document.AddMainDocumentPart();
        var body = new Body(paragraphs.Select(p => new Paragraph(new Run(new Text(p) { Space = SpaceProcessingModeValues.Preserve }))));
        if (header is not null)
        {
            var headerPart = main.AddNewPart<HeaderPart>();
            headerPart.Header = new Header(new Paragraph(new Run(new Text(header))));
            body.Append(new SectionProperties(new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(headerPart) }));
        }
        main.Document = new Document(body);
    }
}
