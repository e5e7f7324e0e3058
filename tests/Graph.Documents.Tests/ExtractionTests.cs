using Graph.Core;

namespace Graph.Documents.Tests;

/// <summary>`graph add-document`'s extraction: text, PDF and .docx, and the checks on what was extracted.</summary>
public sealed class ExtractionTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "graph-documents-tests", Guid.NewGuid().ToString("n"));

    public ExtractionTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    private string PathOf(string name) => Path.Combine(_root, name);

    [Fact]
    public void A_pdf_keeps_every_page_reports_the_empty_one_the_hyphenation_and_the_running_header()
    {
        var pdf = PathOf("forum.pdf");
        TestFiles.Pdf(pdf,
            ["Harbour Forum 2022 - page 1", "Marta Quiroga said that open ports bring shared prosperity.", "Tomas Ferreyra spoke of the develop-", "ment of the southern quays."],
            [],
            ["Harbour Forum 2022 - page 3", "Lucia Benavente closed the meeting."]);

        var text = TextExtractor.Extract(pdf);

        Assert.Equal("pdf", text.Format);
        Assert.Equal(3, text.Pages);
        Assert.StartsWith("PdfPig ", text.Tool);
        Assert.Equal(3, text.Text.Split('\f').Length);   // the empty page is still a page
        Assert.Contains("Marta Quiroga said that open ports bring shared prosperity.", text.Text);
        Assert.Equal(["empty-page", "hyphenation", "header"], text.Notes.Select(n => n.Kind));
        Assert.Contains("page 2", text.Notes[0].Message);
        Assert.Contains("'develop-ment' (page 1, line 3)", text.Notes[1].Message);
        Assert.Contains("'Harbour Forum 2022 - page 1' repeats as the header of 2 of 3 pages", text.Notes[2].Message);
    }

    [Fact]
    public void A_docx_gives_its_paragraphs_and_says_its_page_header_is_left_out()
    {
        var docx = PathOf("forum.docx");
        TestFiles.Docx(docx, "Harbour Forum - draft", "Marta Quiroga said that open ports bring shared prosperity.", "Iván Sorel agreed.");

        var text = TextExtractor.Extract(docx);

        Assert.Equal("docx", text.Format);
        Assert.Equal("Marta Quiroga said that open ports bring shared prosperity.\nIván Sorel agreed.\n", text.Text);
        var note = Assert.Single(text.Notes);
        Assert.Equal("headers", note.Kind);
        Assert.Contains("'Harbour Forum - draft'", note.Message);
    }

    [Fact]
    public void Plain_text_must_be_utf8_and_unknown_kinds_are_refused()
    {
        File.WriteAllBytes(PathOf("latin1.txt"), [0x4D, 0x61, 0x72, 0xED, 0x61, 0x0A]);   // "María" in Latin-1
        var error = Assert.Throws<DocumentException>(() => TextExtractor.Extract(PathOf("latin1.txt")));
        Assert.Contains("not valid UTF-8 near byte offset 3", error.Message);

        File.WriteAllText(PathOf("notes.odt"), "x");
        Assert.Contains("add-document reads .txt (UTF-8), .pdf and .docx", Assert.Throws<DocumentException>(() => TextExtractor.Extract(PathOf("notes.odt"))).Message);
        File.WriteAllText(PathOf("broken.pdf"), "not a pdf");
        Assert.Contains("could not be read as pdf", Assert.Throws<DocumentException>(() => TextExtractor.Extract(PathOf("broken.pdf"))).Message);
    }

    [Fact]
    public void An_added_document_is_a_valid_folder_whose_quotes_validate_against_the_extracted_text()
    {
        var data = PathOf("graph-data");
        Directory.CreateDirectory(Path.Combine(data, "registry"));
        File.WriteAllText(Path.Combine(data, "registry", "institutions.yaml"), "institutions:\n  - {id: river-institute, name: River Institute, type: other}\n");
        File.WriteAllText(Path.Combine(data, "registry", "experts.yaml"),
            "experts:\n  - id: marta-quiroga\n    name: Marta Quiroga\n    roles: [speaker]\n    affiliations: [{institution: river-institute}]\n");
        File.WriteAllText(Path.Combine(data, "registry", "claims.yaml"), "claims:\n  - {id: open-ports, text: Open ports bring prosperity, topic: development}\n");
        var pdf = PathOf("forum.pdf");
        TestFiles.Pdf(pdf, ["Marta Quiroga said that open ports bring shared prosperity."]);

        var (folder, _) = DocumentImporter.Add(data, pdf, new NewDocument(DocumentImporter.IdFrom("Harbour Forum 2022 (fictional)"), "Harbour Forum 2022 (fictional)", "2022-04-01"));

        Assert.Equal(Path.Combine(data, "documents", "harbour-forum-2022-fictional"), folder);
        var yaml = File.ReadAllText(Path.Combine(folder, "document.yaml"));
        Assert.Contains("title: \"Harbour Forum 2022 (fictional)\"\ndate: 2022-04-01\ntext: text.txt\nextraction:\n  file: \"forum.pdf\"\n  format: pdf\n  pages: 1\n", yaml);
        File.WriteAllText(Path.Combine(folder, "stances.yaml"),
            "stances:\n  - {expert: marta-quiroga, claim: open-ports, stance: endorses, coder: tester, section: '1', quote: open ports bring shared prosperity}\n");
        var result = GraphData.Load(data);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(1, result.Data.Stances.Single().Line);

        var again = Assert.Throws<DocumentException>(() => DocumentImporter.Add(data, pdf, new NewDocument("harbour-forum-2022-fictional", "Again", "2022-04-01")));
        Assert.Contains("already exists", again.Message);
        Assert.Contains("not a date", Assert.Throws<DocumentException>(() => DocumentImporter.Add(data, pdf, new NewDocument("x", "X", "01/04/2022"))).Message);
        Assert.Empty(Directory.GetDirectories(Path.Combine(data, "documents"), ".*"));   // no staging folder left behind
    }

    [Fact]
    public void A_document_without_any_text_is_not_added()
    {
        var data = PathOf("graph-data");
        Directory.CreateDirectory(data);
        var pdf = PathOf("scan.pdf");
        TestFiles.Pdf(pdf, [], []);

        var error = Assert.Throws<DocumentException>(() => DocumentImporter.Add(data, pdf, new NewDocument("scan", "A scan", "2022-04-01")));

        Assert.Contains("no text could be extracted from its 2 pages", error.Message);
        Assert.False(Directory.Exists(Path.Combine(data, "documents", "scan")));
    }
}
