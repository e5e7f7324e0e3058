using Graph.Queries.Model;

namespace Graph.Queries.Analysis;

/// <summary>A row of cypher/queries/expert-positions.cypher.</summary>
public sealed record PositionRow(string ClaimId, string Text, string? Topic, Polarity Polarity, string? Quote, string? Section,
    string? ParadigmId, string? ParadigmName, int? Sign, double Confidence = 1.0, DocumentRef? Document = null);
