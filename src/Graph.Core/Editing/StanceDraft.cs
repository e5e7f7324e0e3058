using Graph.Core.Model;

namespace Graph.Core.Editing;

/// <summary>A stance as a coder enters it (the quote is the selected passage), before it is written to a coding.</summary>
public sealed record StanceDraft(
    string Expert, string Claim, StanceKind Kind, string Quote, string Section, string Coder,
    double? Confidence = null, string? Note = null, string? Session = null);
