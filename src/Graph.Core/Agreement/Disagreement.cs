using Graph.Core.Model;

namespace Graph.Core.Agreement;

/// <summary>A matched unit whose codings differ, or a unit only one coder coded; <see cref="Review"/> is the reviewer's decision, if any.</summary>
public sealed record Disagreement(string Kind, CodedUnit? A, CodedUnit? B, IReadOnlyList<string> Variables, ReviewEntry? Review = null)
{
    /// <summary>The stances of the unit, as a review names them.</summary>
    public IEnumerable<(string Coder, string Expert, string Claim)> Stances =>
        new[] { A, B }.OfType<CodedUnit>().Select(u => (u.Coder, u.Expert, u.Claim));
}
