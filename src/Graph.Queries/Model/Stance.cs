namespace Graph.Queries.Model;

public sealed record Stance(
    string ExpertId,
    string ClaimId,
    Polarity Polarity,
    string? Quote,
    string? Section,
    double Confidence);
