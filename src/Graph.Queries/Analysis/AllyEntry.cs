namespace Graph.Queries.Analysis;

/// <summary>An ally or opponent, its score under the chosen normalization and the claims behind it.</summary>
public sealed record AllyEntry(string ExpertId, string Name, double Score, PairAgreement Evidence);
