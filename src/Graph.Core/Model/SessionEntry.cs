namespace Graph.Core.Model;

public sealed record SessionEntry(
    string Id, long Number, string Title, string Date, string? Section,
    IReadOnlyList<EntityReference> Moderators, IReadOnlyList<EntityReference> Speakers,
    string Source, string Field, SourceLocation Location) : IEntity;
