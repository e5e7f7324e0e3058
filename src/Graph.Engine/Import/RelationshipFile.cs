namespace Graph.Engine.Import;

/// <summary>A CSV file of relationships of one type: <c>from</c> and <c>to</c> hold ids of <see cref="StartLabel"/> and <see cref="EndLabel"/> nodes.</summary>
public sealed record RelationshipFile(string Type, string StartLabel, string EndLabel, string Path)
{
    /// <summary>Types of columns whose header gives none (like a table definition); a type in the header (name:int) wins.</summary>
    public IReadOnlyDictionary<string, ImportValueType>? ColumnTypes { get; init; }
}
