namespace Graph.Core.Editing;

/// <summary>
/// A review to write: the stances decided between (coder, expert, claim; one may be null), the coding that stands,
/// the reviewer, and the fingerprints of the two codings as the reviewer saw them (<see cref="Agreement.StanceFingerprint"/>;
/// null: not checked, not recorded).
/// </summary>
public sealed record ReviewDraft(
    (string Coder, string Expert, string Claim)? A, (string Coder, string Expert, string Claim)? B, string Stands, string Reviewer,
    string? SeenA = null, string? SeenB = null);
