namespace Graph.Web.Views;

/// <summary>A fault line drawn between two groups, labelled with the claim they take opposite sides on.</summary>
public sealed record FaultLineView(int GroupA, int GroupB, string ClaimId, string Text, string ShortText, string Phrase, int OpposedPairs);
