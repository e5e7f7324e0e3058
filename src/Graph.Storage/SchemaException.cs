namespace Graph.Storage;

/// <summary>An index or constraint operation is invalid (name taken, equivalent exists, nothing to drop, ...).</summary>
public sealed class SchemaException(string message) : Exception(message);
