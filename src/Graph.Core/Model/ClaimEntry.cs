namespace Graph.Core.Model;

public sealed record ClaimEntry(
    string Id, string Text, string Topic,
    IReadOnlyList<ClaimParadigmEntry> Paradigms, IReadOnlyList<ClaimRelationEntry> Relations,
    string Field, SourceLocation Location) : IEntity;
