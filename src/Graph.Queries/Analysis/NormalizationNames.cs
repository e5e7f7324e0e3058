namespace Graph.Queries.Analysis;

public static class NormalizationNames
{
    public static bool TryParse(string text, out Normalization normalization) =>
        Enum.TryParse(text, ignoreCase: true, out normalization) && Enum.IsDefined(normalization);

    public static string Name(this Normalization n) => n.ToString().ToLowerInvariant();

    /// <summary>The normalization in plain words, for captions and hovers.</summary>
    public static string Explain(Normalization n) => n switch
    {
        Normalization.None => "none (raw counts of claims)",
        Normalization.Average => "average (claims agreed on minus claims disagreed on, divided by the mean number of claims the two address)",
        Normalization.Jaccard => "Jaccard (claims agreed on minus claims disagreed on, divided by the claims either of the two addresses)",
        _ => "cosine (claims agreed on minus claims disagreed on, divided by the geometric mean of the claims each addresses)",
    };
}
