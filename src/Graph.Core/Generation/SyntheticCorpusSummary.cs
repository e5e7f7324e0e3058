namespace Graph.Core.Generation;

public sealed record SyntheticCorpusSummary(int Documents, int Experts, int Institutions, int Sessions, int Claims, long Stances, long Bytes);
