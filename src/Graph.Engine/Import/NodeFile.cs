namespace Graph.Engine.Import;

/// <summary>A CSV file of nodes with one label: a header row, an <c>id</c> column (the key, unique per label), other columns are properties.</summary>
public sealed record NodeFile(string Label, string Path)
{
    /// <summary>Types of columns whose header gives none (like a table definition); a type in the header (name:int) wins.</summary>
    public IReadOnlyDictionary<string, ImportValueType>? ColumnTypes { get; init; }
}
