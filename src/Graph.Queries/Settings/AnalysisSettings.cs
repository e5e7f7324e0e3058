using System.Globalization;
using Graph.Queries.Analysis;

namespace Graph.Queries.Settings;

/// <summary>
/// The settings behind every number the product shows: how communities are found (signed Louvain's seed and
/// resolution) and how agreement between two experts is normalized. The CLI, the tour, the web view, graph viz and
/// every export read them from one place: the "Analysis" section of appsettings.json (or GRAPH_Analysis__Seed, ...),
/// with command-line options on top. Shown next to every number, so a reader can tell how it was computed.
/// </summary>
public sealed record AnalysisSettings
{
    public const string SectionName = "Analysis";

    public static AnalysisSettings Default { get; } = new();

    /// <summary>Seed of Louvain's visiting order: the same seed gives the same communities.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Modularity resolution (gamma): above 1 finds more, smaller communities; below 1 fewer, larger ones.</summary>
    public double Resolution { get; init; } = 1.0;

    /// <summary>How agreement scores (allies, opponents, the agreement matrix) are normalized.</summary>
    public Normalization Normalization { get; init; } = Normalization.Average;

    /// <summary>"signed Louvain, seed 42, resolution 1": how the communities were found.</summary>
    public string ClusteringMethod => $"signed Louvain, seed {Seed}, resolution {Resolution.ToString("0.###", CultureInfo.InvariantCulture)}";

    /// <summary>"average": the name shown next to every agreement score.</summary>
    public string ScoreName => Normalization.Name();

    /// <summary>One line for captions and footers.</summary>
    public string Describe() => $"communities by {ClusteringMethod}; agreement scores normalized by {NormalizationNames.Explain(Normalization)}";

    /// <summary>
    /// Reads the "Analysis" section through <paramref name="setting"/> (a configuration lookup such as
    /// <c>key =&gt; configuration[key]</c>; keys are "Analysis:Seed", "Analysis:Resolution", "Analysis:Normalization").
    /// Missing keys keep their defaults; a malformed value throws <see cref="AnalysisSettingsException"/> naming the
    /// setting and what it accepts.
    /// </summary>
    public static AnalysisSettings Read(Func<string, string?> setting)
    {
        var settings = Default;
        if (setting($"{SectionName}:Seed") is { Length: > 0 } seed)
            settings = settings with
            {
                Seed = int.TryParse(seed.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s)
                    ? s
                    : throw new AnalysisSettingsException($"{SectionName}:Seed '{seed}' is not a whole number (e.g. 42)."),
            };
        if (setting($"{SectionName}:Resolution") is { Length: > 0 } resolution)
            settings = settings.WithResolution(double.TryParse(resolution.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var r)
                ? r
                : throw new AnalysisSettingsException($"{SectionName}:Resolution '{resolution}' is not a number (e.g. 1.0)."), $"{SectionName}:Resolution");
        if (setting($"{SectionName}:Normalization") is { Length: > 0 } normalization)
            settings = settings.WithNormalization(normalization, $"{SectionName}:Normalization");
        return settings;
    }

    /// <summary>The same settings with another resolution; <paramref name="source"/> names the setting in the error.</summary>
    public AnalysisSettings WithResolution(double resolution, string source = "--resolution") =>
        double.IsFinite(resolution) && resolution > 0 && resolution <= 100
            ? this with { Resolution = resolution }
            : throw new AnalysisSettingsException($"{source} {resolution.ToString(CultureInfo.InvariantCulture)} is out of range: use a number above 0 and at most 100 (1 is standard modularity).");

    public AnalysisSettings WithNormalization(string name, string source = "--normalization") =>
        NormalizationNames.TryParse(name.Trim(), out var n)
            ? this with { Normalization = n }
            : throw new AnalysisSettingsException($"{source} '{name}' is not a normalization: use none, average, jaccard or cosine.");
}
