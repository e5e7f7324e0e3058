namespace Graph.Client;

/// <summary>The store failed (I/O, corruption, a bug).</summary>
public class DatabaseException(string code, string message, Exception? inner = null) : GraphException(code, message, inner);
