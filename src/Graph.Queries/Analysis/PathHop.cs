namespace Graph.Queries.Analysis;

/// <summary>One step of a chain between experts, with the claims that make it (agreed on and disagreed on).</summary>
public sealed record PathHop(string From, string To, int Sign, IReadOnlyList<string> AgreeClaims, IReadOnlyList<string> DisagreeClaims);
