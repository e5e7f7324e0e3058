using Graph.Queries.Model;

namespace Graph.Queries.Analysis;

/// <summary>One stance of an expert, seen from one paradigm group (AlignmentSign: +1 the claim supports the paradigm, -1 opposes, 0 unaligned).
/// The document it was coded in (<see cref="Document"/>) is named wherever the quote is shown.</summary>
public sealed record Position(string ClaimId, string Text, string? Topic, Polarity Polarity, string? Quote, string? Section, int AlignmentSign,
    double Confidence = 1.0, DocumentRef? Document = null);
