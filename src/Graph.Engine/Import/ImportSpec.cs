using Graph.Client;

namespace Graph.Engine.Import;

/// <summary>A CSV file of nodes with one label: a header row, an <c>id</c> column (the key, unique per label), other columns are properties.</summary>
public sealed record NodeFile(string Label, string Path)
{
    /// <summary>Types of columns whose header gives none (like a table definition); a type in the header (name:int) wins.</summary>
    public IReadOnlyDictionary<string, ImportValueType>? ColumnTypes { get; init; }
}

/// <summary>A CSV file of relationships of one type: <c>from</c> and <c>to</c> hold ids of <see cref="StartLabel"/> and <see cref="EndLabel"/> nodes.</summary>
public sealed record RelationshipFile(string Type, string StartLabel, string EndLabel, string Path)
{
    /// <summary>Types of columns whose header gives none (like a table definition); a type in the header (name:int) wins.</summary>
    public IReadOnlyDictionary<string, ImportValueType>? ColumnTypes { get; init; }
}

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

/// <summary>Rows stored from one file.</summary>
public sealed record ImportedFile(string Path, string Name, bool IsRelationship, long Rows, TimeSpan Elapsed);

/// <summary>What an import stored and how long it took (commit included in <see cref="Elapsed"/>).</summary>
public sealed record ImportReport(IReadOnlyList<ImportedFile> Files, TimeSpan Elapsed, TimeSpan CommitElapsed)
{
    public long Nodes => Files.Where(f => !f.IsRelationship).Sum(f => f.Rows);
    public long Relationships => Files.Where(f => f.IsRelationship).Sum(f => f.Rows);
}

/// <summary>An import failed; the message names the file and line and how to fix it. Nothing was stored.</summary>
public sealed class ImportException(string message, Exception? inner = null) : GraphException(StatusCodes.InvalidFormat, message, inner);
