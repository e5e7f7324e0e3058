namespace Graph.Core.Editing;

/// <summary>A review to write: the stances decided between (coder, expert, claim; one may be null), the coding that stands and the reviewer.</summary>
public sealed record ReviewDraft((string Coder, string Expert, string Claim)? A, (string Coder, string Expert, string Claim)? B, string Stands, string Reviewer);
