namespace Graph.Core.Model;

public sealed record Affiliation(EntityReference Institution, string? Role);
