namespace Graph.Queries.Analysis;

public sealed record ClusterMember(string ExpertId, string Name, string? DominantParadigm);
