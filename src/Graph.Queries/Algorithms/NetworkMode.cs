namespace Graph.Queries.Algorithms;

public enum NetworkMode
{
    /// <summary>Pairs with at least one AGREES_WITH claim.</summary>
    Agreement,

    /// <summary>Pairs with at least one DISAGREES_WITH claim.</summary>
    Disagreement,

    /// <summary>
    /// Pairs whose agreements and disagreements do not cancel out, signed by which outweighs the other
    /// (a pair with as many agreements as disagreements has no signed edge).
    /// </summary>
    Signed,
}
