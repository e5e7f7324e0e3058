using System.CommandLine;
using Graph.Queries.Settings;

namespace Graph.Cli.Commands;

/// <summary>
/// The analysis settings on the command line: --seed, --resolution, --normalization override the "Analysis"
/// section of appsettings.json (and GRAPH_Analysis__* variables), which every command, graph serve and graph viz
/// read the same way, so the same question gets the same numbers everywhere.
/// </summary>
public sealed class AnalysisOptions
{
    private bool _clustering;
    private bool _normalization;

    public Option<int?> Seed { get; } = new("--seed") { Description = "Seed of the community detection (signed Louvain); default: setting Analysis:Seed, else 42." };

    public Option<double?> Resolution { get; } = new("--resolution")
    {
        Description = "Modularity resolution of the community detection (above 1: more, smaller communities); default: setting Analysis:Resolution, else 1.",
    };

    public Option<string?> Normalization { get; } = new("--normalization")
    {
        Description = "Agreement score normalization: none, average, jaccard, cosine; default: setting Analysis:Normalization, else average.",
    };

    /// <summary>Adds the options this command uses (all three unless told otherwise).</summary>
    public AnalysisOptions AddTo(Command command, bool clustering = true, bool normalization = true)
    {
        (_clustering, _normalization) = (clustering, normalization);
        if (clustering)
        {
            command.Options.Add(Seed);
            command.Options.Add(Resolution);
        }
        if (normalization)
        {
            Normalization.AcceptOnlyFromAmong("none", "average", "jaccard", "cosine");
            command.Options.Add(Normalization);
        }
        return this;
    }

    /// <summary>The configured settings with this command line's options on top; a bad value is a usage error naming it.</summary>
    public AnalysisSettings Resolve(ParseResult parse)
    {
        try
        {
            var configuration = StoreConnection.Resolve(parse);
            var settings = AnalysisSettings.Read(key => configuration[key]);
            if (_clustering && parse.GetValue(Seed) is { } seed) settings = settings with { Seed = seed };
            if (_clustering && parse.GetValue(Resolution) is { } resolution) settings = settings.WithResolution(resolution);
            if (_normalization && parse.GetValue(Normalization) is { } normalization) settings = settings.WithNormalization(normalization);
            return settings;
        }
        catch (AnalysisSettingsException e)
        {
            throw new CliException(e.Message, CliRunner.ExitUsage);
        }
    }
}
