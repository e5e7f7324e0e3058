namespace Graph.Queries.Algorithms;

/// <summary>A triangle of experts and the signs of its three edges (AB, BC, AC).</summary>
public sealed record SignedTriangle(string A, string B, string C, int SignAB, int SignBC, int SignAC)
{
    /// <summary>Balanced (Heider, Cartwright-Harary) when the product of the signs is positive:
    /// friends of friends are friends, the opponent of my opponent is my friend.</summary>
    public bool Balanced => SignAB * SignBC * SignAC > 0;
}
