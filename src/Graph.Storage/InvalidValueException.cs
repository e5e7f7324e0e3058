namespace Graph.Storage;

/// <summary>
/// A value or name cannot be stored as given (a map as a property, a string with an unpaired UTF-16 surrogate, ...).
/// The message names the property, label or type.
/// </summary>
public sealed class InvalidValueException(string message) : ArgumentException(message);
