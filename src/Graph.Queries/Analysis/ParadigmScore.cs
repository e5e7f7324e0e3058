namespace Graph.Queries.Analysis;

/// <summary>Alignment with one paradigm: Score = Sum / Stances, the mean contribution, in [-1, 1] (0 with no aligned stance).</summary>
public sealed record ParadigmScore(string ParadigmId, string Name, int Sum, int Stances, IReadOnlyList<ProfileDriver> Drivers)
{
    public double Score => Stances == 0 ? 0 : Sum / (double)Stances;
}
