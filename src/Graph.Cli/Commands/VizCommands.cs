using System.CommandLine;
using Graph.Queries;
using Graph.Web;
using Graph.Web.Exports;

namespace Graph.Cli.Commands;

/// <summary>
/// `graph viz`: a picture of the debate to share: one offline HTML file with every view, or one view as SVG, PNG,
/// DOT, GEXF or GraphML, all with the same analysis settings as the other commands.
/// </summary>
public static class VizCommands
{
    public static IEnumerable<Command> Create()
    {
        var output = new Option<string>("--out", "-o")
        {
            Description = "File to write; the extension picks the format: .html (every view, opens offline), .svg, .png, .dot, .gexf, .graphml.",
            Required = true,
        };
        var view = new Option<string[]>("--view")
        {
            Description = "What to show: alignment (default) | communities | matrix | expert <name> | path <a> <b> (the last two: .html only).",
            AllowMultipleArgumentsPerToken = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var width = new Option<int>("--width") { Description = "Width of an SVG or PNG in pixels (PNG: 100 to 10000).", DefaultValueFactory = _ => ViewExports.DefaultWidth };
        var gexfVersion = new Option<string>("--gexf-version") { Description = "GEXF version: 1.2 (1.2draft, the default) or 1.3.", DefaultValueFactory = _ => "1.2" };
        gexfVersion.AcceptOnlyFromAmong("1.2", "1.3");

        var command = new Command("viz", "Write the debate's views as one offline HTML file, or one view as SVG, PNG, DOT, GEXF or GraphML.") { output, view, width, gexfVersion };
        var analysis = new AnalysisOptions().AddTo(command);
        var dates = new TimeWindowOptions().AddTo(command);
        StoreConnection.AddOptions(command);
        command.SetAction(async (parsed, ct) =>
        {
            var window = dates.Resolve(parsed);
            var path = parsed.GetValue(output)!;
            var words = parsed.GetValue(view) is { Length: > 0 } v ? v : ["alignment"];
            var kind = words[0].ToLowerInvariant() switch
            {
                "alignment" or "map" => VizView.Alignment,
                "communities" or "clusters" => VizView.Communities,
                "matrix" => VizView.Matrix,
                "expert" => VizView.Expert,
                "path" => VizView.Path,
                _ => throw new CliException($"Unknown --view '{words[0]}': use alignment, communities, matrix, expert <name> or path <a> <b>.", CliRunner.ExitUsage),
            };
            var extension = Path.GetExtension(path).ToLowerInvariant().TrimStart('.');
            if (extension is not ("html" or "htm") && !ExportFile.Formats.Contains(extension))
                throw new CliException($"--out {path}: the extension picks the format; use .html, .{string.Join(", .", ExportFile.Formats)}.", CliRunner.ExitUsage);
            var settings = analysis.Resolve(parsed);
            await using var driver = StoreConnection.Open(parsed);
            try
            {
                byte[] content;
                if (extension is "html" or "htm")
                {
                    content = new System.Text.UTF8Encoding(false).GetBytes(await new VizBuilder(driver, settings, window).BuildAsync(kind, words.Skip(1).ToList(), ct));
                }
                else
                {
                    if (kind is VizView.Expert or VizView.Path)
                        throw new CliException($"--view {words[0]} is a page of the HTML view: write an .html file, or export alignment, communities or matrix as .{extension}.", CliRunner.ExitUsage);
                    content = (await ExportFile.CreateAsync(new WebApi(driver, settings, window), kind.ToString().ToLowerInvariant(),
                        extension, parsed.GetValue(width), parsed.GetValue(gexfVersion)!, ct)).Content;
                }
                var full = Path.GetFullPath(path);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                await File.WriteAllBytesAsync(full, content, ct);
                Console.WriteLine($"Wrote {full} ({content.Length / 1024.0:0.#} KiB; {settings.Describe()}).");
                if (await QueryViews.WindowNetworkNoteAsync(new DebateQueries(driver, window), ct) is { } bound) Console.WriteLine("note: " + bound);
                return CliRunner.ExitOk;
            }
            catch (WebApiException e)
            {
                throw new CliException(e.Message, e.Status == 400 ? CliRunner.ExitUsage : CliRunner.ExitFailure);
            }
            catch (IOException e)
            {
                throw new CliException($"cannot write {path}: {e.Message}");
            }
        });
        yield return command;
    }
}
