namespace Graph.Core.Generation;

public sealed record SyntheticCorpusOptions
{
    public int Experts { get; init; } = 1000;
    public int Claims { get; init; } = 500;
    public long Stances { get; init; } = 10_000;
    public int Seed { get; init; } = 1;

    /// <summary>
    /// Stances per document. Real documents hold hundreds of stances; 5,000 keeps each document small enough that
    /// re-reading one (an edit, an incremental load) stays cheap, and every file well below the reader's size limit.
    /// </summary>
    public int StancesPerDocument { get; init; } = 5_000;

    /// <summary>Zipf exponent: 1 gives a few prolific experts and popular claims and a long tail, as in real debates.</summary>
    public double Skew { get; init; } = 1.0;
}
