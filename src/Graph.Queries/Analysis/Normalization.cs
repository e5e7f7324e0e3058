namespace Graph.Queries.Analysis;

/// <summary>
/// Edge-weight normalizations of the Discourse Network Analyzer (Leifeld) for one-mode actor networks.
/// With x the raw count (agreements for congruence, disagreements for conflict), n_a and n_b the numbers of
/// distinct claims each expert takes a stance on and s the claims both take a stance on:
/// None = x; Average = x / ((n_a + n_b) / 2); Jaccard = x / (n_a + n_b - s) (the union of their claims);
/// Cosine = x / sqrt(n_a * n_b).
/// </summary>
public enum Normalization
{
    None,
    Average,
    Jaccard,
    Cosine,
}
