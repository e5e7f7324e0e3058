namespace Graph.Core.Model;

/// <summary>
/// A reviewer's decision on one disagreement (documents/&lt;id&gt;/reviews.yaml): the stances the coders coded for the
/// unit (<see cref="A"/> and <see cref="B"/>; one of them is null when only one coder coded it) and which coding
/// stands: a coder's id, or <see cref="Neither"/>. The stances of the coders that do not stand are rejected.
/// </summary>
public sealed record ReviewEntry(ReviewedStance? A, ReviewedStance? B, string Stands, string Reviewer, string Field, SourceLocation Location)
{
    public const string Neither = "neither";

    public IEnumerable<ReviewedStance> Named => new[] { A, B }.OfType<ReviewedStance>();

    /// <summary>True when the review decides the unit made of exactly these stances (in either order).</summary>
    public bool Decides(IEnumerable<(string Coder, string Expert, string Claim)> stances) =>
        Named.Select(s => (s.Coder, s.Expert, s.Claim)).ToHashSet().SetEquals(stances);
}
