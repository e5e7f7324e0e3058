using Graph.Core.Model;

namespace Graph.Core.Agreement;

/// <summary>
/// A matched unit whose codings differ, or a unit only one coder coded. <see cref="Review"/> is the reviewer's decision
/// of exactly this unit, if any; otherwise <see cref="DecidedElsewhere"/> holds the reviews of other coder pairs that
/// together decide every stance of the unit (with three or more coders one decision can settle several pairs).
/// <see cref="Changed"/> names the stances that changed since the deciding review saw them: the unit needs review again.
/// </summary>
public sealed record Disagreement(string Kind, CodedUnit? A, CodedUnit? B, IReadOnlyList<string> Variables, ReviewEntry? Review = null)
{
    public IReadOnlyList<ReviewEntry> DecidedElsewhere { get; init; } = [];

    public IReadOnlyList<string> Changed { get; init; } = [];

    /// <summary>Decided by review, and nothing the reviewer compared has changed since.</summary>
    public bool Resolved => (Review is not null || DecidedElsewhere.Count > 0) && Changed.Count == 0;

    /// <summary>The stances of the unit, as a review names them.</summary>
    public IEnumerable<(string Coder, string Expert, string Claim)> Stances =>
        new[] { A, B }.OfType<CodedUnit>().Select(u => (u.Coder, u.Expert, u.Claim));

    /// <summary>The units' codings, in order A, B.</summary>
    public IEnumerable<CodedUnit> Units => new[] { A, B }.OfType<CodedUnit>();
}
