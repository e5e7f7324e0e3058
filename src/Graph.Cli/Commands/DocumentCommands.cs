using System.CommandLine;
using Graph.Documents;

namespace Graph.Cli.Commands;

/// <summary><c>graph add-document</c>: a new document folder from a text, PDF or Word file.</summary>
public static class DocumentCommands
{
    public static IEnumerable<Command> Create() => [AddDocument()];

    private static Command AddDocument()
    {
        var file = new Argument<string>("file") { Description = "The document: plain text (.txt, UTF-8), PDF (.pdf) or Word (.docx)." };
        var title = new Option<string>("--title") { Description = "The document's title.", Required = true };
        var date = new Option<string>("--date") { Description = "Its date, YYYY-MM-DD (time windows use it).", Required = true };
        var id = new Option<string?>("--id") { Description = "The document id, a folder name (default: made from the title)." };
        var symbol = new Option<string?>("--symbol") { Description = "The document symbol, e.g. LC/L.3702." };
        var publisher = new Option<string?>("--publisher") { Description = "The issuing body." };
        var citation = new Option<string?>("--citation") { Description = "The full citation." };
        var data = new Option<string>("--data") { Description = "The graph-data directory (default ./graph-data).", DefaultValueFactory = _ => "graph-data" };
        var command = new Command("add-document",
            "Add a document to graph-data: extract its text verbatim (checked: empty pages, hyphenation at line ends, repeated page headers are reported) " +
            "into documents/<id>/text.txt with its metadata in document.yaml, ready to code.")
        {
            file, title, date, id, symbol, publisher, citation, data,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            var titleText = parse.GetValue(title)!;
            var document = new NewDocument(parse.GetValue(id) ?? DocumentImporter.IdFrom(titleText), titleText, parse.GetValue(date)!,
                parse.GetValue(symbol), parse.GetValue(publisher), parse.GetValue(citation));
            try
            {
                var (folder, text) = DocumentImporter.Add(parse.GetValue(data)!, path, document);
                foreach (var note in text.Notes) Console.Error.WriteLine($"warning: {path}: {note.Message}");
                var lines = text.Text.Count(c => c == '\n');
                Console.Out.WriteLine(
                    $"Added document '{document.Id}' in {folder}: {text.Text.Length:N0} characters, {lines:N0} lines" +
                    $"{(text.Pages is { } pages ? $", {pages} pages" : "")} extracted from {text.Format} with {text.Tool}; " +
                    $"{(text.Notes.Count == 0 ? "no extraction warnings" : $"{text.Notes.Count} extraction warnings (above)")}.");
                Console.Out.WriteLine("Next: add the people and claims it needs to registry/, code stances in its stances.yaml, then `graph validate` and `graph ingest`.");
                return CliRunner.ExitOk;
            }
            catch (DocumentException e)
            {
                throw new CliException($"graph add-document: {e.Message}", CliRunner.ExitFailure);
            }
        });
        return command;
    }
}
