using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Graph.Core.Editing;
using Graph.Core.Reading;

namespace Graph.Documents;

/// <summary>
/// Adds a document to graph-data: documents/&lt;id&gt;/ with text.txt (the verbatim extracted text), document.yaml
/// (metadata and where the text came from: file, format, pages, SHA-256, tool) and an empty stances.yaml to code
/// into. The folder appears whole or not at all (written beside it, then renamed).
/// </summary>
public static partial class DocumentImporter
{
    /// <summary>A document id from a title: lowercase ASCII letters and digits joined by single hyphens.</summary>
    public static string IdFrom(string title)
    {
        var ascii = new StringBuilder();
        foreach (var c in title.Normalize(NormalizationForm.FormD))
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) ascii.Append(c);
        var id = NotSlug().Replace(ascii.ToString().ToLowerInvariant(), "-").Trim('-');
        return id.Length <= 60 ? id : id[..60].TrimEnd('-');
    }

    /// <exception cref="DocumentException">Bad metadata, an existing document, or a file that cannot be read.</exception>
    public static (string Folder, ExtractedText Text) Add(string dataDirectory, string file, NewDocument document)
    {
        if (!GraphDataReader.Slug().IsMatch(document.Id))
            throw new DocumentException($"'{document.Id}' is not a valid document id; use lowercase letters, digits and single hyphens (--id eclac-iom-2017)");
        if (string.IsNullOrWhiteSpace(document.Title)) throw new DocumentException("the title is empty; give one with --title");
        if (!DateTime.TryParseExact(document.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            throw new DocumentException($"'{document.Date}' is not a date; write it as YYYY-MM-DD (--date 2017-08-30)");
        if (!Directory.Exists(dataDirectory)) throw new DocumentException($"the graph-data directory {dataDirectory} does not exist");
        var documents = Path.Combine(dataDirectory, GraphDataReader.DocumentsFolder);
        var folder = Path.Combine(documents, document.Id);
        if (Directory.Exists(folder)) throw new DocumentException($"document '{document.Id}' already exists ({folder}); choose another --id");

        var text = TextExtractor.Extract(file);
        if (text.Text.Trim().Length == 0)
            throw new DocumentException($"{file}: no text could be extracted{(text.Pages is { } p ? $" from its {p} pages" : "")} (a scanned document needs OCR first); nothing was added");

        var staging = Path.Combine(documents, $".{document.Id}.adding");
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(staging);
        try
        {
            var utf8 = new UTF8Encoding(false);
            File.WriteAllText(Path.Combine(staging, "text.txt"), text.Text, utf8);
            File.WriteAllText(Path.Combine(staging, GraphDataReader.DocumentFile), Yaml(document, file, text), utf8);
            File.WriteAllText(Path.Combine(staging, "stances.yaml"),
                "# Stances coded in this document: see graph-data/README.md (each quote is a verbatim span of text.txt).\nstances: []\n", utf8);
            Directory.CreateDirectory(Path.Combine(dataDirectory, GraphDataReader.RegistryFolder));
            Directory.Move(staging, folder);
        }
        catch
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
            throw;
        }
        return (folder, text);
    }

    private static string Yaml(NewDocument d, string file, ExtractedText text)
    {
        var yaml = new StringBuilder();
        yaml.Append("# Added by `graph add-document`; text.txt is the text as extracted, verbatim (never edit it: quotes are checked against it).\n");
        yaml.Append("id: ").Append(d.Id).Append('\n');
        yaml.Append("title: ").Append(StanceFileEditor.Quote(d.Title)).Append('\n');
        yaml.Append("date: ").Append(d.Date).Append('\n');
        if (d.Symbol is not null) yaml.Append("symbol: ").Append(StanceFileEditor.Quote(d.Symbol)).Append('\n');
        if (d.Publisher is not null) yaml.Append("publisher: ").Append(StanceFileEditor.Quote(d.Publisher)).Append('\n');
        if (d.Citation is not null) yaml.Append("citation: ").Append(StanceFileEditor.Quote(d.Citation)).Append('\n');
        yaml.Append("text: text.txt\n");
        yaml.Append("extraction:\n");
        yaml.Append("  file: ").Append(StanceFileEditor.Quote(Path.GetFileName(file))).Append('\n');
        yaml.Append("  format: ").Append(text.Format).Append('\n');
        if (text.Pages is { } pages) yaml.Append("  pages: ").Append(pages.ToString(CultureInfo.InvariantCulture)).Append('\n');
        using (var stream = File.OpenRead(file))
            yaml.Append("  sha256: ").Append(Convert.ToHexStringLower(SHA256.HashData(stream))).Append('\n');
        yaml.Append("  tool: ").Append(StanceFileEditor.Quote(text.Tool)).Append('\n');
        return yaml.ToString();
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotSlug();
}
