namespace Graph.Queries.Algorithms;

/// <summary>What links two experts: the claims they agree on and the claims they disagree on.</summary>
public sealed record TieEvidence(string A, string B, IReadOnlyList<string> AgreeClaims, IReadOnlyList<string> DisagreeClaims)
{
    public int Agreements => AgreeClaims.Count;
    public int Disagreements => DisagreeClaims.Count;

    /// <summary>Agreements minus disagreements: the pair's signed weight.</summary>
    public int Net => Agreements - Disagreements;

    /// <summary>+1 when they agree on more claims than they disagree on, -1 for the reverse, 0 when even.</summary>
    public int Sign => Math.Sign(Net);

    public string Other(string expert) => expert == A ? B : A;
}
