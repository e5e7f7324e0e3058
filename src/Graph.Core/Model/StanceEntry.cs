namespace Graph.Core.Model;

/// <summary>
/// An expert's position on a claim in one document, as one coder coded it; identified within its coding by
/// (expert, claim). <see cref="Span"/> is where the quote sits in the document's text; the validator fills it in
/// once it has found the quote.
/// </summary>
public sealed record StanceEntry(
    EntityReference Expert, EntityReference Claim, StanceKind Kind, string Quote, SourceLocation QuoteLocation,
    string Section, double Confidence, bool ConfidenceGiven, string? Note, EntityReference? Session, string Coder,
    string Source, string Field, SourceLocation Location)
{
    public TextSpan? Span { get; set; }

    public int? Line => Span?.Line;

    public string Key => $"{Expert.Id}\u001f{Claim.Id}";
}
