using Graph.Core.Model;

namespace Graph.Core.Agreement;

/// <summary>One coded passage: where its quote sits in the document's (normalized) text and what the coder said of it.</summary>
public sealed record CodedUnit(string Coder, int Start, int Length, string Expert, string Claim, StanceKind Polarity, StanceEntry Stance)
{
    public int End => Start + Length;

    public static CodedUnit? Of(StanceEntry stance) => stance.Span is { } span
        ? new CodedUnit(stance.Coder, span.Start, span.Length, stance.Expert.Id, stance.Claim.Id, stance.Kind, stance)
        : null;

    public int Overlap(CodedUnit other) => Math.Max(0, Math.Min(End, other.End) - Math.Max(Start, other.Start));
}
