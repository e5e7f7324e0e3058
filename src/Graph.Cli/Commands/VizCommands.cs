using System.CommandLine;
using Graph.Web;

namespace Graph.Cli.Commands;

/// <summary>`graph viz`: a picture of the debate to share: one offline HTML file, or the paradigm map as SVG or DOT.</summary>
public static class VizCommands
{
    public static IEnumerable<Command> Create()
    {
        var output = new Option<string>("--out", "-o") { Description = "File to write (.html, .svg or .dot; the extension picks the format).", Required = true };
        var view = new Option<string[]>("--view")
        {
            Description = "What to show: clusters (default) | expert <name> | path <a> <b>.",
            AllowMultipleArgumentsPerToken = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var seed = new Option<int>("--seed") { Description = "Layout seed (same seed, same picture).", DefaultValueFactory = _ => MapLayout.DefaultSeed };

        var command = new Command("viz", "Write a self-contained HTML view (opens offline), or the paradigm map as SVG or DOT.") { output, view, seed };
        StoreConnection.AddOptions(command);
        command.SetAction(async (parsed, ct) =>
        {
            var path = parsed.GetValue(output)!;
            var words = parsed.GetValue(view) is { Length: > 0 } v ? v : ["clusters"];
            var kind = words[0].ToLowerInvariant() switch
            {
                "clusters" or "map" => VizView.Clusters,
                "expert" => VizView.Expert,
                "path" => VizView.Path,
                _ => throw new CliException($"Unknown --view '{words[0]}': use clusters, expert <name> or path <a> <b>.", CliRunner.ExitUsage),
            };
            var extension = System.IO.Path.GetExtension(path).ToLowerInvariant();
            if (extension is not (".html" or ".htm" or ".svg" or ".dot"))
                throw new CliException($"--out {path}: the extension picks the format; use .html (the interactive view), .svg or .dot (the paradigm map).", CliRunner.ExitUsage);
            await using var driver = StoreConnection.Open(parsed);
            try
            {
                string content;
                if (extension is ".svg" or ".dot")
                {
                    if (kind != VizView.Clusters) throw new CliException("SVG and DOT exports draw the paradigm map: use --view clusters (or an .html file).", CliRunner.ExitUsage);
                    if (await new Graph.Queries.DebateQueries(driver).IsEmptyAsync(ct)) throw new CliException("The store is empty: run graph ingest first.");
                    var map = await new WebApi(driver).MapAsync(parsed.GetValue(seed), ct);
                    content = extension == ".svg" ? MapExports.Svg(map) : MapExports.Dot(map);
                }
                else
                {
                    content = await new VizBuilder(driver).BuildAsync(kind, words.Skip(1).ToList(), parsed.GetValue(seed), ct);
                }
                var full = System.IO.Path.GetFullPath(path);
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
                await File.WriteAllTextAsync(full, content, ct);
                Console.WriteLine($"Wrote {full} ({new FileInfo(full).Length / 1024.0:0.#} KiB).");
                return CliRunner.ExitOk;
            }
            catch (WebApiException e)
            {
                throw new CliException(e.Message);
            }
        });
        yield return command;
    }
}
