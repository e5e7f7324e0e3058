namespace Graph.Engine.Import;

/// <summary>
/// What to import in one transaction. Files are read in order: node files first, then relationship files.
/// Header columns may carry a type like neo4j-admin: <c>weight:int</c>, <c>score:float</c>, <c>flag:boolean</c>; a plain name is a string.
/// </summary>
public sealed record ImportSpec
{
    public IReadOnlyList<NodeFile> Nodes { get; init; } = [];
    public IReadOnlyList<RelationshipFile> Relationships { get; init; } = [];
    public char Delimiter { get; init; } = ',';
}
