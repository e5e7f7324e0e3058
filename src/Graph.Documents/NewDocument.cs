namespace Graph.Documents;

/// <summary>The metadata of a document to add: id (a folder name), title, date (YYYY-MM-DD) and, where known, symbol, publisher and citation.</summary>
public sealed record NewDocument(string Id, string Title, string Date, string? Symbol = null, string? Publisher = null, string? Citation = null);
