namespace Graph.Documents;

/// <summary>A file that cannot be turned into a document (missing, too large, not of its kind, not UTF-8); the message names it.</summary>
public sealed class DocumentException(string message, Exception? inner = null) : Exception(message, inner);
