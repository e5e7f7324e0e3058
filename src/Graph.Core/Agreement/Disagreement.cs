namespace Graph.Core.Agreement;

/// <summary>A matched unit whose codings differ, or a unit only one coder coded.</summary>
public sealed record Disagreement(string Kind, CodedUnit? A, CodedUnit? B, IReadOnlyList<string> Variables);
