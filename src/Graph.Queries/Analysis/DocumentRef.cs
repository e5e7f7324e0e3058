namespace Graph.Queries.Analysis;

/// <summary>A source document as a quote cites it: id, title and date (yyyy-MM-dd).</summary>
public sealed record DocumentRef(string Id, string? Title, string? Date);
