namespace Graph.Queries.Model;

public sealed record ClaimStance(string ExpertId, string Name, Polarity Polarity, string? Quote, string? Section, long? Line, double Confidence, string? Note,
    Analysis.DocumentRef? Document = null);
