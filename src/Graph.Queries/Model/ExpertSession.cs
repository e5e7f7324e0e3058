namespace Graph.Queries.Model;

/// <summary>A session the expert spoke in (Role "SPOKE_IN") or moderated ("MODERATED").</summary>
public sealed record ExpertSession(string Id, string? Title, long? Number, string Role);
