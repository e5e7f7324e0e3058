namespace Graph.Storage;

/// <summary>
/// A write was attempted in a transaction begun for reading. An <see cref="InvalidOperationException"/> (a misuse of the
/// transaction) with a type of its own, so the engine reports it as an access-mode error without reading the message.
/// </summary>
public sealed class ReadOnlyTransactionException(string message) : InvalidOperationException(message);
