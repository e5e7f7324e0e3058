using Graph.Queries.Algorithms;
using Graph.Queries.Model;
using Graph.Queries.Settings;

namespace Graph.Queries.Analysis;

public sealed record ClusterMember(string ExpertId, string Name, string? DominantParadigm);
