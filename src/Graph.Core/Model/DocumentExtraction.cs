namespace Graph.Core.Model;

/// <summary>Where a document's text came from, when `graph add-document` extracted it from a file.</summary>
public sealed record DocumentExtraction(string File, string Format, long? Pages, string Sha256, string Tool);
