namespace Graph.Client;

/// <summary>A temporary failure (lock, leader switch, timeout of a lock wait): retrying may succeed.</summary>
public class TransientException(string code, string message, Exception? inner = null) : GraphException(code, message, inner);
