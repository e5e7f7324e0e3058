using Graph.Queries.Model;

namespace Graph.Queries.Analysis;

/// <summary>One claim both experts take a stance on, with each one's polarity and quote.</summary>
public sealed record SharedClaim(string ClaimId, string Text, Polarity StanceA, string? QuoteA, Polarity StanceB, string? QuoteB)
{
    public bool Agree => StanceA == StanceB;
}
