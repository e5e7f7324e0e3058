namespace Graph.Queries.Model;

/// <summary>A claim's alignment with a paradigm: sign +1 supports it, -1 opposes it.</summary>
public sealed record ParadigmAlignment(string ParadigmId, int Sign);
