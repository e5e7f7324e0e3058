namespace Graph.Queries.Model;

/// <summary>"supports", "contradicts", or the same with " (inverse)" when the other claim is the subject.</summary>
public sealed record ClaimRelation(string Kind, string ClaimId, string Text);
