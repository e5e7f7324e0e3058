namespace Graph.Engine.Import;

/// <summary>What an import stored and how long it took (commit, and the collection that ends a large import, included in <see cref="Elapsed"/>).</summary>
public sealed record ImportReport(IReadOnlyList<ImportedFile> Files, TimeSpan Elapsed, TimeSpan CommitElapsed)
{
    public long Nodes => Files.Where(f => !f.IsRelationship).Sum(f => f.Rows);
    public long Relationships => Files.Where(f => f.IsRelationship).Sum(f => f.Rows);
}
