namespace Graph.Core.Model;

public sealed record ClaimRelationEntry(ClaimRelationKind Kind, EntityReference Target);
