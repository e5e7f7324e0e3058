using Graph.Queries.Analysis;

namespace Graph.Web.Views;

/// <summary>Which groups form and where they split: communities as separated groups with captions, disputed claims as fault lines.</summary>
public sealed record CommunityView(
    ViewHeader Header,
    IReadOnlyList<CommunityGroup> Groups,
    IReadOnlyList<ViewExpert> Experts,
    IReadOnlyList<FaultLineView> FaultLines,
    IReadOnlyList<ExpertRef> Unclustered,
    IReadOnlyList<LegendEntry> Legend,
    string Modularity,
    string ParadigmMatch)
{
    /// <summary>Fault lines drawn (one per pair of groups, the sharpest pairs first); the rest are listed in the captions and the CLI.</summary>
    public const int DrawnFaultLines = 8;

    /// <summary>Up to this many groups are drawn on a ring (captions outside, fault lines as chords); more go on shelves.</summary>
    public const int RingLimit = 12;

    public static FaultLineView From(FaultLine f) =>
        new(f.GroupA, f.GroupB, f.ClaimId, f.Text, CommunityPortraits.Shorten(f.Text, 48), f.Phrase, f.OpposedPairs);
}
