namespace Graph.Storage;

/// <summary>A unique constraint would be violated. Message names the label, key and value.</summary>
public sealed class ConstraintViolationException(string message) : Exception(message);
