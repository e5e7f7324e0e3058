namespace Graph.Queries.Algorithms;

/// <summary>How well found communities match known labels (here: each expert's dominant paradigm).</summary>
public sealed record PartitionAgreement(int Compared, double Purity, double Nmi);
