namespace Graph.Engine.Import;

/// <summary>Rows stored from one file.</summary>
public sealed record ImportedFile(string Path, string Name, bool IsRelationship, long Rows, TimeSpan Elapsed);
