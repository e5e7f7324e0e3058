namespace Graph.Queries.Analysis;

/// <summary>Polarization of a set of claims: see <see cref="Polarization.Of"/>.</summary>
public sealed record PolarizationScore(string Scope, int Claims, int PairsOnSameClaim, int OpposedPairs)
{
    public double Score => PairsOnSameClaim == 0 ? 0 : OpposedPairs / (double)PairsOnSameClaim;
}
