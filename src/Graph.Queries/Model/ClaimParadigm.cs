namespace Graph.Queries.Model;

/// <summary>A paradigm the claim supports (Sign +1) or opposes (-1).</summary>
public sealed record ClaimParadigm(string Id, string Name, int Sign);
